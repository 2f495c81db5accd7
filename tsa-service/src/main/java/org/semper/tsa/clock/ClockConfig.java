package org.semper.tsa.clock;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Configuration of the clock guard, under {@code semper.tsa.clock}. */
@ConfigMapping(prefix = "semper.tsa.clock")
public interface ClockConfig {

    /**
     * Where the clock's quality comes from: {@code ntp} (default) measures against {@link #ntpServers()},
     * {@code os} asks the operating system's sync daemon, {@code host} trusts the host clock unmeasured
     * (local development only).
     */
    @WithDefault("ntp")
    ClockSourceKind source();

    /**
     * NTP servers as {@code host} or {@code host:port} (default port 123; IPv6 as {@code [addr]:port}).
     * Required when {@link #source()} is {@code ntp}; no default.
     */
    Optional<List<String>> ntpServers();

    /**
     * Largest tolerated clock offset, default 1 s. This is the service's stated accuracy: the issuer must not
     * claim an accuracy finer than this.
     */
    @WithDefault("1s")
    Duration maxOffset();

    /** How often the clock is read again, default 64 s. */
    @WithDefault("64s")
    Duration pollInterval();

    /** Oldest reading still trusted, default 5 min; must exceed {@link #pollInterval()}. */
    @WithDefault("5m")
    Duration maxAge();

    /** Timeout for one NTP query or one operating-system command, default 2 s. */
    @WithDefault("2s")
    Duration timeout();
}
