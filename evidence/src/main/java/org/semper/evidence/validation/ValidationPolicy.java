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
 * <li>{@code caRevocationMaxAge}: for a <em>CA</em> certificate of a path (not the end entity), a CRL or OCSP
 * response that was <em>current at T</em> ({@code thisUpdate <= T < nextUpdate}) and at most this old at T also
 * proves it was not revoked at T; 366 days by default, zero turns the rule off. This is how offline roots work: the
 * root signs a CRL of CA certificates (an ARL) at its key ceremony with a long {@code nextUpdate} and a new one
 * whenever it revokes a CA, so an ARL produced after T rarely exists. RFC 5280 §6.3.3 uses a CRL while it is
 * current; the CA/Browser Forum Baseline Requirements (§4.9.7) have CRLs of CA certificates reissued at least every
 * twelve months and within 24 hours of a revocation, with {@code nextUpdate} at most twelve months after
 * {@code thisUpdate}. End-entity certificates keep the rule above ({@code thisUpdate >= T + grace - tolerance}).</li>
 * <li>{@code timeStampRevocation}: whether a time-stamp's TSA certificate (and its CA certificates) must have
 * revocation data ({@link RevocationRequirement}). {@code IF_AVAILABLE} by default: a TSA certificate that the
 * supplied (or fetched) data shows revoked fails the token, but a token whose TSA status is unknown still passes, as
 * before revocation of TSAs was checked. {@code REQUIRED} makes missing data {@code INDETERMINATE/TRY_LATER}.</li>
 * <li>{@code revocationFetcher}: absent by default, i.e. validation is <b>offline</b> and only the revocation data
 * supplied with the evidence counts. Set one to allow fetching what is missing (for the path's certificates, the
 * TSA's and a delegated OCSP responder's).</li>
 * <li>{@code clock}: "now", used to refuse revocation data dated in the future and to decide whether a certificate
 * has expired since a merely claimed signing time; the system UTC clock by default.</li>
 * </ul>
 */
public final class ValidationPolicy {
    /** The algorithms {@code protocols.md} §0 allows: ES256 (default), ES384, PS256. */
    public static final Set<String> DEFAULT_ALGORITHMS = Set.of("ES256", "ES384", "PS256");
    public static final int DEFAULT_MAX_STATEMENT_LENGTH = 1 << 20;
    /** Longest age at T of revocation data current at T that proves a CA certificate unrevoked. */
    public static final Duration DEFAULT_CA_REVOCATION_MAX_AGE = Duration.ofDays(366);

    private static final ValidationPolicy DEFAULTS = builder().build();

    private final Set<String> allowedAlgorithms;
    private final int minimumRsaKeySize;
    private final int maxStatementLength;
    private final Duration revocationGracePeriod;
    private final Duration revocationTolerance;
    private final Duration caRevocationMaxAge;
    private final RevocationRequirement timeStampRevocation;
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
        this.caRevocationMaxAge = builder.caRevocationMaxAge;
        this.timeStampRevocation = builder.timeStampRevocation;
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
        builder.caRevocationMaxAge = caRevocationMaxAge;
        builder.timeStampRevocation = timeStampRevocation;
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

    /** How old data current at T may be and still prove a CA certificate unrevoked; zero: the rule is off. */
    public Duration caRevocationMaxAge() {
        return caRevocationMaxAge;
    }

    /** Whether a time-stamp's TSA certificate needs revocation data to pass. */
    public RevocationRequirement timeStampRevocation() {
        return timeStampRevocation;
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
                + maxStatementLength + ", grace=" + revocationGracePeriod + ", tolerance=" + revocationTolerance + ", caMaxAge=" + caRevocationMaxAge + ", tsaRevocation="
                + timeStampRevocation + ", fetch=" + fetchesRevocation() + "]";
    }

    /** Not thread-safe. */
    public static final class Builder {
        private Set<String> allowedAlgorithms = new LinkedHashSet<>(DEFAULT_ALGORITHMS);
        private int minimumRsaKeySize = 2048;
        private int maxStatementLength = DEFAULT_MAX_STATEMENT_LENGTH;
        private Duration revocationGracePeriod = Duration.ZERO;
        private Duration revocationTolerance = Duration.ZERO;
        private Duration caRevocationMaxAge = DEFAULT_CA_REVOCATION_MAX_AGE;
        private RevocationRequirement timeStampRevocation = RevocationRequirement.IF_AVAILABLE;
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

        /** See the class comment; {@link Duration#ZERO} applies the strict rule to CA certificates too. */
        public Builder caRevocationMaxAge(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("CA revocation max age is negative");
            }
            this.caRevocationMaxAge = maxAge;
            return this;
        }

        /** Whether a TSA certificate needs revocation data ({@code IF_AVAILABLE} by default). */
        public Builder timeStampRevocation(RevocationRequirement requirement) {
            this.timeStampRevocation = Objects.requireNonNull(requirement, "requirement");
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
