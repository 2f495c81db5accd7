package org.semper.evidence.timestamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequestGenerator;

/**
 * A time-stamp request as a client sends it to a TSA: an RFC 3161 §2.4.1 {@code TimeStampReq}.
 *
 * <p>Immutable. Only imprints of an {@linkplain ImprintAlgorithm#accepted() accepted} algorithm can be built.
 * Unless told otherwise the request carries a fresh random 64-bit nonce and sets {@code certReq}, so that the
 * token comes with the TSA's certificate (RFC 3161 §2.4.1; note that the RFC's own default for {@code certReq}
 * is false). Check the token against the query with {@link TimeStampTokenVerifier#verifyReplyTo}.
 *
 * <pre>{@code
 * TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, document).build();
 * byte[] body = query.encoded();   // POST as application/timestamp-query (RFC 3161 §3.4)
 * }</pre>
 */
public final class TimeStampQuery {
    private static final SecureRandom NONCES = new SecureRandom();

    private final ImprintAlgorithm algorithm;
    private final byte[] digest;
    private final BigInteger nonce;
    private final boolean certificateRequested;
    private final ASN1ObjectIdentifier policy;
    private final byte[] encoded;

    private TimeStampQuery(Builder builder, BigInteger nonce) {
        this.algorithm = builder.algorithm;
        this.digest = builder.digest.clone();
        this.nonce = nonce;
        this.certificateRequested = builder.certificateRequested;
        this.policy = builder.policy;

        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certificateRequested);
        if (policy != null) {
            generator.setReqPolicy(policy);
        }
        try {
            this.encoded = generator.generate(algorithm.oid(), digest, nonce).toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding of a TimeStampReq failed", e);
        }
    }

    /**
     * Starts a query for the imprint of {@code data}, hashed here with {@code algorithm}.
     *
     * @throws RefusedImprintAlgorithmException if the algorithm is not accepted (MD5, SHA-1)
     */
    public static Builder forData(ImprintAlgorithm algorithm, byte[] data) {
        Objects.requireNonNull(data, "data");
        requireAccepted(algorithm);
        try {
            return new Builder(algorithm, MessageDigest.getInstance(algorithm.jcaName()).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is missing from this Java runtime", e);
        }
    }

    /**
     * Starts a query for an imprint the caller has already computed.
     *
     * @throws RefusedImprintAlgorithmException if the algorithm is not accepted (MD5, SHA-1)
     * @throws ImprintLengthException           if the digest is not as long as the algorithm's output
     */
    public static Builder forDigest(ImprintAlgorithm algorithm, byte[] digest) {
        Objects.requireNonNull(digest, "digest");
        requireAccepted(algorithm);
        if (digest.length != algorithm.digestLength()) {
            throw new ImprintLengthException(algorithm, digest.length);
        }
        return new Builder(algorithm, digest.clone());
    }

    private static void requireAccepted(ImprintAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.accepted()) {
            throw new RefusedImprintAlgorithmException(algorithm);
        }
    }

    public ImprintAlgorithm imprintAlgorithm() {
        return algorithm;
    }

    /** The imprint's hash value (a copy). */
    public byte[] digest() {
        return digest.clone();
    }

    /** The nonce the TSA must copy into its token (RFC 3161 §2.4.2), if the query has one. */
    public Optional<BigInteger> nonce() {
        return Optional.ofNullable(nonce);
    }

    /** Whether the TSA is asked to put its certificate into the token. */
    public boolean certificateRequested() {
        return certificateRequested;
    }

    /** The TSA policy requested ({@code reqPolicy}), as a dotted OID, if any. */
    public Optional<String> policy() {
        return Optional.ofNullable(policy).map(ASN1ObjectIdentifier::getId);
    }

    /** The DER encoding of the {@code TimeStampReq} (a copy), the body of an {@code application/timestamp-query}. */
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public String toString() {
        return "TimeStampQuery[" + algorithm.jcaName() + ", nonce=" + nonce + ", certReq=" + certificateRequested
                + (policy == null ? "" : ", policy=" + policy.getId()) + "]";
    }

    /** Options of a {@link TimeStampQuery}; not thread-safe. */
    public static final class Builder {
        private final ImprintAlgorithm algorithm;
        private final byte[] digest;
        private BigInteger nonce;
        private boolean randomNonce = true;
        private boolean certificateRequested = true;
        private ASN1ObjectIdentifier policy;

        private Builder(ImprintAlgorithm algorithm, byte[] digest) {
            this.algorithm = algorithm;
            this.digest = digest;
        }

        /** Uses this nonce instead of a random one; it must be positive. */
        public Builder nonce(BigInteger nonce) {
            Objects.requireNonNull(nonce, "nonce");
            if (nonce.signum() <= 0) {
                throw new IllegalArgumentException("a nonce must be positive");
            }
            this.nonce = nonce;
            this.randomNonce = false;
            return this;
        }

        /** Sends no nonce; the client must then rely on its clock to spot a replayed token (RFC 3161 §2.4.1). */
        public Builder withoutNonce() {
            this.nonce = null;
            this.randomNonce = false;
            return this;
        }

        /** Whether to ask for the TSA's certificate in the token; true unless set. */
        public Builder certificateRequested(boolean requested) {
            this.certificateRequested = requested;
            return this;
        }

        /** Asks for a given TSA policy ({@code reqPolicy}), as a dotted OID. */
        public Builder policy(String oid) {
            this.policy = new ASN1ObjectIdentifier(Objects.requireNonNull(oid, "oid"));
            return this;
        }

        public TimeStampQuery build() {
            return new TimeStampQuery(this, randomNonce ? randomNonce() : nonce);
        }

        private static BigInteger randomNonce() {
            BigInteger candidate;
            do {
                candidate = new BigInteger(64, NONCES);
            } while (candidate.signum() == 0);
            return candidate;
        }
    }
}
