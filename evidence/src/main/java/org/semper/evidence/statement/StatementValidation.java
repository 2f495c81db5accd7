package org.semper.evidence.statement;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TimeSource;

/**
 * The outcome of {@link StatementValidator}: an indication and sub-indication in the vocabulary of ETSI EN 319 102-1
 * (as EU DSS reports them), a message, and what was established on the way: the signer's certificate, the path to
 * a trust anchor, the time the statement was judged at and whether that time is proved by a time-stamp, the
 * revocation status of each certificate with its source, and each signature time-stamp's own verification.
 *
 * <p>Immutable. {@link #findings()} lists every problem found, in the order the checks ran; the indication is the
 * first {@code TOTAL_FAILED} finding if there is one, else the first {@code INDETERMINATE} one, else
 * {@code TOTAL_PASSED}. Fields of a result that did not pass describe what the statement claims and what could be
 * built, not what was proved.
 */
public final class StatementValidation {
    /** One problem: its sub-indication (which implies the indication) and an explanation. */
    public record Finding(SubIndication subIndication, String message) {
        public Finding {
            Objects.requireNonNull(subIndication, "subIndication");
            Objects.requireNonNull(message, "message");
        }

        public Indication indication() {
            return subIndication.indication();
        }
    }

    private final Indication indication;
    private final SubIndication subIndication;
    private final String message;
    private final String statementId;
    private final String type;
    private final X509Certificate signerCertificate;
    private final List<X509Certificate> certificateChain;
    private final Instant claimedSigningTime;
    private final Instant validationTime;
    private final TimeSource timeSource;
    private final List<RevocationCheck> revocation;
    private final List<TimeStampVerification> timeStamps;
    private final List<Finding> findings;
    private final Instant validatedAt;

    private StatementValidation(Draft draft, String passedMessage) {
        Finding decisive = draft.findings.stream().filter(f -> f.indication() == Indication.TOTAL_FAILED).findFirst()
                .orElse(draft.findings.isEmpty() ? null : draft.findings.get(0));
        this.indication = decisive == null ? Indication.TOTAL_PASSED : decisive.indication();
        this.subIndication = decisive == null ? null : decisive.subIndication();
        this.message = decisive == null ? passedMessage : decisive.message();
        this.statementId = draft.statementId;
        this.type = draft.type;
        this.signerCertificate = draft.signerCertificate;
        this.certificateChain = List.copyOf(draft.certificateChain);
        this.claimedSigningTime = draft.claimedSigningTime;
        this.validationTime = draft.validationTime;
        this.timeSource = draft.timeSource;
        this.revocation = List.copyOf(draft.revocation);
        this.timeStamps = List.copyOf(draft.timeStamps);
        this.findings = List.copyOf(draft.findings);
        this.validatedAt = draft.validatedAt;
    }

    static StatementValidation of(Draft draft, String passedMessage) {
        return new StatementValidation(draft, passedMessage);
    }

    public Indication indication() {
        return indication;
    }

    /** Why the statement did not pass; {@code null} when it {@linkplain #passed() passed}. */
    public SubIndication subIndication() {
        return subIndication;
    }

    /** What decided the result, for people; not meant to be parsed. */
    public String message() {
        return message;
    }

    /** Whether the indication is {@link Indication#TOTAL_PASSED}. */
    public boolean passed() {
        return indication == Indication.TOTAL_PASSED;
    }

    /** Every problem found, in check order; empty when passed. */
    public List<Finding> findings() {
        return findings;
    }

    /** {@code H(s)}, when the statement could be parsed. */
    public Optional<String> statementId() {
        return Optional.ofNullable(statementId);
    }

    /** The {@code typ} of the statement, when it could be parsed. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The certificate in {@code x5c[0]}, when the statement could be parsed. */
    public Optional<X509Certificate> signerCertificate() {
        return Optional.ofNullable(signerCertificate);
    }

    /** The path found, signer first and trust anchor last; empty if none was found. */
    public List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    /** The trust anchor the path ends at. */
    public Optional<X509Certificate> trustAnchor() {
        return certificateChain.isEmpty() ? Optional.empty()
                : Optional.of(certificateChain.get(certificateChain.size() - 1));
    }

    /** The signer's claimed signing time ({@code sigT}/{@code iat}). */
    public Optional<Instant> claimedSigningTime() {
        return Optional.ofNullable(claimedSigningTime);
    }

    /**
     * The time that matters: the earliest {@code genTime} of a verified signature time-stamp, or else the claimed
     * signing time. Certificate validity and revocation were judged at this time.
     */
    public Optional<Instant> validationTime() {
        return Optional.ofNullable(validationTime);
    }

    /** Whether {@link #validationTime()} is proved by a time-stamp or only claimed by the signer. */
    public Optional<TimeSource> timeSource() {
        return Optional.ofNullable(timeSource);
    }

    /** The revocation status of each non-anchor certificate of the path, signer first. */
    public List<RevocationCheck> revocation() {
        return revocation;
    }

    /** The verification of each signature time-stamp, in {@code etsiU} order. */
    public List<TimeStampVerification> timeStamps() {
        return timeStamps;
    }

    /** The validator's "now" when it ran. */
    public Instant validatedAt() {
        return validatedAt;
    }

    @Override
    public String toString() {
        return "StatementValidation[" + indication + (subIndication == null ? "" : "/" + subIndication) + ": " + message
                + "]";
    }

    /** What the validator has established so far; confined to one validation. */
    static final class Draft {
        String statementId;
        String type;
        X509Certificate signerCertificate;
        List<X509Certificate> certificateChain = List.of();
        Instant claimedSigningTime;
        Instant validationTime;
        TimeSource timeSource;
        final List<RevocationCheck> revocation = new ArrayList<>();
        final List<TimeStampVerification> timeStamps = new ArrayList<>();
        final List<Finding> findings = new ArrayList<>();
        Instant validatedAt;

        void add(SubIndication subIndication, String message) {
            findings.add(new Finding(subIndication, message));
        }

        boolean failed() {
            return findings.stream().anyMatch(f -> f.indication() == Indication.TOTAL_FAILED);
        }
    }
}
