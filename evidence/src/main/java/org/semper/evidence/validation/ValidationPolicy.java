package org.semper.evidence.validation;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The constraints a validator applies beyond the standards themselves. Immutable; {@link #defaults()} is what
 * Semper's design prescribes.
 *
 * <ul>
 * <li>{@code allowedAlgorithms}: JWS algorithms accepted for statements; ES256, ES384, PS256 by default
 * ({@code protocols.md} §0). Any other, even one whose signature verifies, gives
 * {@code INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE} (as DSS does for an algorithm its policy does not accept).</li>
 * <li>{@code minimumRsaKeySize}: 2048 bits by default; a shorter RSA key is {@code CRYPTO_CONSTRAINTS_FAILURE}.</li>
 * <li>{@code maxStatementLength}: the longest statement text parsed, {@code 1 MiB} characters by default.</li>
 * <li>{@code revocationGracePeriod}: revocation data proves a certificate was not revoked at time T only if it
 * was produced at least this long after T ({@code thisUpdate >= T + grace}); zero by default. ETSI EN 319 102-1
 * calls it the grace period: revocations take time to reach CRLs and responders.</li>
 * <li>{@code revocationTolerance}: revocation data produced up to this long <em>before</em> T still counts
 * ({@code thisUpdate >= T + grace - tolerance}); zero by default. Only for an online relying party that decides
 * now about statements signed moments ago and caches CRLs and OCSP responses (a notary): it accepts that a
 * revocation reaches it up to this late. Data dated up to this long after "now" is not refused as dated in the
 * future either (clock skew with the CA; data fetched after the validation clock was fixed for a request). Courts
 * and arbiters keep zero.</li>
 * <li>{@code revocationFetcher}: absent by default, i.e. validation is <b>offline</b> and only the revocation data
 * supplied with the evidence counts. Set one to allow fetching what is missing.</li>
 * <li>{@code clock}: "now", used to refuse revocation data dated in the future and to decide whether a certificate
 * has expired since a merely claimed signing time; the system UTC clock by default.</li>
 * </ul>
 */
public final class ValidationPolicy {
    /** The algorithms {@code protocols.md} §0 allows: ES256 (default), ES384, PS256. */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("ES256", "ES384", "PS256");
    public static final int DEFAULT_MAX_STATEMENT_LENGTH = 1 << 20;

    private static final ValidationPolicy DEFAULTS = builder().build();

    private final Set<String> allowedAlgorithms;
    private final int minimumRsaKeySize;
    private final int maxStatementLength;
    private final Duration revocationGracePeriod;
    private final Duration revocationTolerance;
    private final RevocationFetcher revocationFetcher;
    private final Clock clock;

    private ValidationPolicy(Builder builder) {
        // Sorted: the set appears in validation messages, which must read the same in every JVM (verdict payloads).
        this.allowedAlgorithms = java.util.Collections.unmodifiableSortedSet(
                new java.util.TreeSet<>(builder.allowedAlgorithms));
        this.minimumRsaKeySize = builder.minimumRsaKeySize;
        this.maxStatementLength = builder.maxStatementLength;
        this.revocationGracePeriod = builder.revocationGracePeriod;
        this.revocationTolerance = builder.revocationTolerance;
        this.revocationFetcher = builder.revocationFetcher;
        this.clock = builder.clock;
    }

    public static ValidationPolicy defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this policy's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.allowedAlgorithms = new LinkedHashSet<>(allowedAlgorithms);
        builder.minimumRsaKeySize = minimumRsaKeySize;
        builder.maxStatementLength = maxStatementLength;
        builder.revocationGracePeriod = revocationGracePeriod;
        builder.revocationTolerance = revocationTolerance;
        builder.revocationFetcher = revocationFetcher;
        builder.clock = clock;
        return builder;
    }

    public Set<String> allowedAlgorithms() {
        return allowedAlgorithms;
    }

    public int minimumRsaKeySize() {
        return minimumRsaKeySize;
    }

    public int maxStatementLength() {
        return maxStatementLength;
    }

    public Duration revocationGracePeriod() {
        return revocationGracePeriod;
    }

    /** How long before the time that matters revocation data may have been produced and still count. */
    public Duration revocationTolerance() {
        return revocationTolerance;
    }

    /** Whether missing revocation data may be fetched (over the network); false by default. */
    public boolean fetchesRevocation() {
        return revocationFetcher != null;
    }

    public Optional<RevocationFetcher> revocationFetcher() {
        return Optional.ofNullable(revocationFetcher);
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "ValidationPolicy[algorithms=" + allowedAlgorithms + ", minRsa=" + minimumRsaKeySize + ", maxLength="
                + maxStatementLength + ", grace=" + revocationGracePeriod + ", tolerance=" + revocationTolerance + ", fetch=" + fetchesRevocation() + "]";
    }

    /** Not thread-safe. */
    public static final class Builder {
        private Set<String> allowedAlgorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
        private int minimumRsaKeySize = 2048;
        private int maxStatementLength = DEFAULT_MAX_STATEMENT_LENGTH;
        private Duration revocationGracePeriod = Duration.ZERO;
        private Duration revocationTolerance = Duration.ZERO;
        private RevocationFetcher revocationFetcher;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder allowedAlgorithms(Set<String> algorithms) {
            Objects.requireNonNull(algorithms, "algorithms");
            if (algorithms.isEmpty()) {
                throw new IllegalArgumentException("at least one algorithm must be allowed");
            }
            if (algorithms.stream().anyMatch(a -> a == null || "none".equalsIgnoreCase(a))) {
                throw new IllegalArgumentException("\"none\" (or null) is never an allowed algorithm");
            }
            this.allowedAlgorithms = new LinkedHashSet<>(algorithms);
            return this;
        }

        public Builder minimumRsaKeySize(int bits) {
            if (bits < 1024) {
                throw new IllegalArgumentException("RSA keys below 1024 bits are never acceptable");
            }
            this.minimumRsaKeySize = bits;
            return this;
        }

        public Builder maxStatementLength(int characters) {
            if (characters <= 0) {
                throw new IllegalArgumentException("maxStatementLength must be positive");
            }
            this.maxStatementLength = characters;
            return this;
        }

        public Builder revocationGracePeriod(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace period is negative");
            }
            this.revocationGracePeriod = grace;
            return this;
        }

        /** See the class comment: for online relying parties that cache revocation data; zero for courts. */
        public Builder revocationTolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "tolerance");
            if (tolerance.isNegative()) {
                throw new IllegalArgumentException("revocation tolerance is negative");
            }
            this.revocationTolerance = tolerance;
            return this;
        }

        /** Allows fetching missing revocation data with {@code fetcher}; {@code null} goes back to offline. */
        public Builder revocationFetcher(RevocationFetcher fetcher) {
            this.revocationFetcher = fetcher;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public ValidationPolicy build() {
            return new ValidationPolicy(this);
        }
    }
}
