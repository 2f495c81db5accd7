package org.semper.tsa.clock;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Vouches for the host clock without measuring it: always synchronised with offset zero. For the local development
 * profile only — a time-stamp authority in production must measure its clock ({@link ClockSourceKind#NTP} or
 * {@link ClockSourceKind#OS}). Logs a warning when created, which happens once at startup.
 */
public final class HostClockSource implements ClockSource {

    /** {@link ClockReading#source()} of this source. */
    public static final String SOURCE = "host";

    /** {@link ClockReading#detail()} of every reading. */
    public static final String DETAIL =
            "host clock trusted by configuration (semper.tsa.clock.source=host), not measured";

    private static final Logger LOG = Logger.getLogger(HostClockSource.class);

    private final Clock clock;

    public HostClockSource() {
        this(Clock.systemUTC());
    }

    HostClockSource(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        LOG.warn("Clock source is HOST: the host clock is trusted by configuration and never measured. "
                + "Time-stamps carry no assurance of accuracy. Use only for local development; set "
                + "semper.tsa.clock.source=ntp (with semper.tsa.clock.ntp-servers) or os in production.");
    }

    @Override
    public ClockReading read() {
        return ClockReading.synchronised(Duration.ZERO, SOURCE, DETAIL, clock.instant());
    }

    @Override
    public String toString() {
        return SOURCE;
    }
}
