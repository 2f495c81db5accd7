package org.semper.tsa;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.semper.runtime.keys.KeySourceConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the time-stamp authority ({@code semper.tsa.*}). The clock guard has its own: {@code semper.tsa.clock.*}. */
@ConfigMapping(prefix = "semper.tsa")
public interface TsaConfig {

    /**
     * Semper's default TSA policy: an OID under the UUID arc 2.25 (ITU-T X.667), unique without registration.
     * Operators should set their own policy OID, the one their published TSA policy document carries.
     */
    String SEMPER_DEFAULT_POLICY = "2.25.188275235062921027922333434984253209493";

    /** The key that signs tokens; its certificate must carry the sole, critical EKU id-kp-timeStamping. */
    KeySourceConfig signingKey();

    Policy policy();

    /** Accuracy stated in every token (RFC 3161 §2.4.2). Default 1 s. Must not be smaller than the clock guard's max offset. */
    @WithDefault("1s")
    Duration accuracy();

    /** TSA name (X.500 DN) put in tokens; default: the subject of the signing certificate. */
    Optional<String> name();

    /** Whether tokens carry the TSA name field. Default true. */
    @WithDefault("true")
    boolean includeName();

    /** Largest accepted RFC 3161 request body in bytes; larger → HTTP 413. Default 16384. */
    @WithDefault("16384")
    int maxRequestBytes();

    Recording recording();

    Serial serial();

    RateLimit rateLimit();

    interface Policy {
        /** Policy used when a request names none. */
        @WithDefault(SEMPER_DEFAULT_POLICY)
        String defaultOid();

        /** Further policies a request may ask for (the default is always accepted). */
        Optional<List<String>> accepted();
    }

    /** The durable record of issued tokens (group commit to PostgreSQL). */
    interface Recording {
        /** Most tokens committed in one transaction. Default 512. */
        @WithDefault("512")
        int maxBatch();

        /** Tokens waiting for commit before new requests are refused with systemFailure. Default 20000. */
        @WithDefault("20000")
        int queueCapacity();

        /** Parallel writer connections. Default 2. */
        @WithDefault("2")
        int writers();
    }

    interface Serial {
        /** Serial numbers reserved per database round trip (a sequence value times this). Default 65536. */
        @WithDefault("65536")
        int blockSize();
    }

    /** Optional per-client rate limit (token bucket per client address). */
    interface RateLimit {
        /** Default false. */
        @WithDefault("false")
        boolean enabled();

        /** Sustained requests per second per client. Default 50. */
        @WithDefault("50")
        long requestsPerSecond();

        /** Burst size per client. Default 100. */
        @WithDefault("100")
        long burst();
    }
}
