package org.semper.runtime.exchange.stamping;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Configuration of the post-hoc signature time-stamping of a TTP's tokens (JAdES B-T), embedded in a service's
 * {@code @ConfigMapping} (for example {@code semper.notary.time-stamping.*}).
 */
public interface TimeStampingConfig {

    /** Whether tokens are time-stamped at all. Default true. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The RFC 3161 endpoint of the TSA (HTTP POST {@code application/timestamp-query}), e.g.
     * {@code http://127.0.0.1:8081/tsa} (the local profile's default: Semper's tsa-service). Required when enabled.
     */
    Optional<URI> tsaUrl();

    /**
     * PEM files with the certificates the TSA's certificate must chain to; a time-stamp that does not verify
     * against them is not attached. Required when enabled (the local profile uses the local trust anchor).
     */
    Optional<List<Path>> trustAnchors();

    /** TSA policy OID to ask for; default: the TSA's default policy. */
    Optional<String> policy();

    /** How often the job looks for tokens without a time-stamp. Default 5 s. */
    @WithDefault("5s")
    Duration interval();

    /** Most tokens claimed per round (and per database round trip). Default 50. */
    @WithDefault("50")
    int batch();

    /** Timeout of one request to the TSA (connect and answer). Default 10 s. */
    @WithDefault("10s")
    Duration timeout();

    /** Wait before the first retry of a token whose time-stamping failed; doubles per failure. Default 30 s. */
    @WithDefault("30s")
    Duration retryAfter();

    /** Longest wait between retries. Default 15 min. */
    @WithDefault("15m")
    Duration maxRetryAfter();
}
