package org.semper.evidence.timestamp;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.SubIndication;

/**
 * The outcome of {@link TimeStampTokenVerifier}: an indication in the vocabulary of ETSI EN 319 102-1, a
 * message for people, and the fields of the token as far as they could be decoded.
 *
 * <p>Immutable. Fields are present once the step that reads them has run: the {@code TSTInfo} fields as soon as
 * the token parses, the TSA certificate once it is found, the chain only when the path validated, i.e. only
 * for a {@linkplain #passed() passed} result. A failed result's fields must not be relied on: they describe
 * what the token claims, not what was proved.
 */
public final class TimeStampVerification {
    private final Indication indication;
    private final SubIndication subIndication;
    private final String message;
    private final BigInteger serialNumber;
    private final Instant genTime;
    private final String policy;
    private final ImprintAlgorithm imprintAlgorithm;
    private final byte[] imprint;
    private final BigInteger nonce;
    private final String tsaName;
    private final Duration accuracy;
    private final X509Certificate tsaCertificate;
    private final List<X509Certificate> certificateChain;
    private final List<RevocationCheck> revocation;

    private TimeStampVerification(Draft draft, SubIndication subIndication, String message) {
        this.indication = subIndication == null ? Indication.TOTAL_PASSED : subIndication.indication();
        this.subIndication = subIndication;
        this.message = Objects.requireNonNull(message, "message");
        this.serialNumber = draft.serialNumber;
        this.genTime = draft.genTime;
        this.policy = draft.policy;
        this.imprintAlgorithm = draft.imprintAlgorithm;
        this.imprint = draft.imprint == null ? null : draft.imprint.clone();
        this.nonce = draft.nonce;
        this.tsaName = draft.tsaName;
        this.accuracy = draft.accuracy;
        this.tsaCertificate = draft.tsaCertificate;
        this.certificateChain = subIndication == null ? List.copyOf(draft.certificateChain) : List.of();
        this.revocation = List.copyOf(draft.revocation);
    }

    static TimeStampVerification passed(Draft draft, String message) {
        return new TimeStampVerification(draft, null, message);
    }

    static TimeStampVerification failed(Draft draft, SubIndication subIndication, String message) {
        return new TimeStampVerification(draft, Objects.requireNonNull(subIndication, "subIndication"), message);
    }

    public Indication indication() {
        return indication;
    }

    /** Why the token did not pass; {@code null} when it {@linkplain #passed() passed}. */
    public SubIndication subIndication() {
        return subIndication;
    }

    /** What was found, for people (logs, a court's report); not meant to be parsed. */
    public String message() {
        return message;
    }

    /** Whether the indication is {@link Indication#TOTAL_PASSED}. */
    public boolean passed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** The token's {@code serialNumber} (RFC 3161 §2.4.2). */
    public Optional<BigInteger> serialNumber() {
        return Optional.ofNullable(serialNumber);
    }

    /** The token's {@code genTime}, to the millisecond. */
    public Optional<Instant> genTime() {
        return Optional.ofNullable(genTime);
    }

    /** The TSA policy under which the token was issued, as a dotted OID. */
    public Optional<String> policy() {
        return Optional.ofNullable(policy);
    }

    /** The imprint's hash algorithm; empty if the token uses one {@link ImprintAlgorithm} does not know. */
    public Optional<ImprintAlgorithm> imprintAlgorithm() {
        return Optional.ofNullable(imprintAlgorithm);
    }

    /** The imprint's hash value (a copy). */
    public Optional<byte[]> imprint() {
        return Optional.ofNullable(imprint).map(byte[]::clone);
    }

    /** The nonce, if the token carries one. */
    public Optional<BigInteger> nonce() {
        return Optional.ofNullable(nonce);
    }

    /**
     * The token's {@code tsa} field, if present: an RFC 4514 string for a directory name, the plain value for a
     * URI, DNS name or e-mail address, a tagged dump otherwise. It is not checked against the TSA certificate.
     */
    public Optional<String> tsaName() {
        return Optional.ofNullable(tsaName);
    }

    /** The {@code accuracy} the TSA claims for {@code genTime}, if stated (RFC 3161 §2.4.2). */
    public Optional<Duration> accuracy() {
        return Optional.ofNullable(accuracy);
    }

    /** The certificate whose key signed the token. */
    public Optional<X509Certificate> tsaCertificate() {
        return Optional.ofNullable(tsaCertificate);
    }

    /** The validated path, TSA certificate first and trust anchor last; empty unless {@link #passed()}. */
    public List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    /**
     * The revocation status found for each certificate of the validated path but the anchor (TSA certificate first),
     * at {@code genTime}; empty if the path was not validated, or for a pinned TSA certificate.
     */
    public List<RevocationCheck> revocation() {
        return revocation;
    }

    @Override
    public String toString() {
        return "TimeStampVerification[" + indication + (subIndication == null ? "" : "/" + subIndication) + ": "
                + message + "]";
    }

    /** What the verifier has decoded so far; confined to one verification, so not thread-safe. */
    static final class Draft {
        BigInteger serialNumber;
        Instant genTime;
        String policy;
        ImprintAlgorithm imprintAlgorithm;
        byte[] imprint;
        BigInteger nonce;
        String tsaName;
        Duration accuracy;
        X509Certificate tsaCertificate;
        List<X509Certificate> certificateChain = List.of();
        List<RevocationCheck> revocation = List.of();
    }
}
