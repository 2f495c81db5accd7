package org.semper.runtime.exchange.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.WithDefault;

/**
 * Which parties a TTP accepts, embedded in a service's {@code @ConfigMapping} (e.g. {@code semper.notary.trust.*}).
 */
public interface PartyTrustConfig {

    /**
     * PEM files with the trust anchors (root or CA certificates, several per file allowed): a party's certificate
     * must chain to one of them. Several CAs may be trusted at once. Required (the local profile uses the local
     * trust anchor).
     */
    List<Path> anchors();

    Revocation revocation();

    interface Revocation {
        /**
         * How old revocation data may be and still count: OCSP responses and CRLs are cached for at most this
         * long (by their {@code thisUpdate}), and data produced up to this long before a statement's signing time
         * proves it was not revoked then. It is the longest time a revocation may take to reach the TTP. Default 5 min.
         */
        @WithDefault("5m")
        Duration maxAge();

        /** Timeout of one OCSP or CRL request to a CA. Default 5 s. */
        @WithDefault("5s")
        Duration timeout();

        /** Most certificates whose revocation status is cached. Default 10000. */
        @WithDefault("10000")
        int cacheSize();
    }
}
