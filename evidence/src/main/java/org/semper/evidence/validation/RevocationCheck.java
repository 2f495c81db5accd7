package org.semper.evidence.validation;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The revocation status found for one certificate of a certification path, and the item it was found in.
 *
 * <p>Immutable. {@link Status#REVOKED} comes with the revocation time (and reason, if stated); {@link Status#GOOD}
 * with the {@code thisUpdate} of the CRL or OCSP response that proves it; {@link Status#UNKNOWN} means that no
 * usable item was found, and {@link #message()} says what was looked at and why it did not count.
 */
public final class RevocationCheck {
    /** The status at the time that matters. */
    public enum Status {
        /** Not revoked at the time that matters, proved by a CRL or OCSP response produced after it. */
        GOOD,
        /** Revoked (or on hold) at {@link #revocationTime()}; whether that is before the time that matters is the
         * caller's decision. */
        REVOKED,
        /** No usable revocation information. */
        UNKNOWN
    }

    /** Where a status came from. */
    public enum Source {
        CRL,
        OCSP,
        NONE
    }

    private final X509Certificate certificate;
    private final Status status;
    private final Source source;
    private final Instant thisUpdate;
    private final Instant revocationTime;
    private final String revocationReason;
    private final X509Certificate signedBy;
    private final String message;

    private RevocationCheck(X509Certificate certificate, Status status, Source source, Instant thisUpdate,
            Instant revocationTime, String revocationReason, X509Certificate signedBy, String message) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.status = status;
        this.source = source;
        this.thisUpdate = thisUpdate;
        this.revocationTime = revocationTime;
        this.revocationReason = revocationReason;
        this.signedBy = signedBy;
        this.message = Objects.requireNonNull(message, "message");
    }

    static RevocationCheck good(X509Certificate certificate, Source source, Instant thisUpdate, X509Certificate signedBy,
            String message) {
        return new RevocationCheck(certificate, Status.GOOD, source, thisUpdate, null, null, signedBy, message);
    }

    static RevocationCheck revoked(X509Certificate certificate, Source source, Instant thisUpdate, Instant revocationTime,
            String reason, X509Certificate signedBy, String message) {
        return new RevocationCheck(certificate, Status.REVOKED, source, thisUpdate, revocationTime, reason, signedBy,
                message);
    }

    static RevocationCheck unknown(X509Certificate certificate, String message) {
        return new RevocationCheck(certificate, Status.UNKNOWN, Source.NONE, null, null, null, null, message);
    }

    /** The certificate whose status this is. */
    public X509Certificate certificate() {
        return certificate;
    }

    public Status status() {
        return status;
    }

    public Source source() {
        return source;
    }

    /** {@code thisUpdate} of the CRL or OCSP single response used. */
    public Optional<Instant> thisUpdate() {
        return Optional.ofNullable(thisUpdate);
    }

    /** When the certificate was revoked, for {@link Status#REVOKED}. */
    public Optional<Instant> revocationTime() {
        return Optional.ofNullable(revocationTime);
    }

    /** The RFC 5280 §5.3.1 reason code name ({@code KEY_COMPROMISE}, ...), if the item states one. */
    public Optional<String> revocationReason() {
        return Optional.ofNullable(revocationReason);
    }

    /**
     * For {@link Status#REVOKED}: whether the stated reason leaves open that the key was compromised (no reason,
     * {@code unspecified}, {@code keyCompromise}, {@code cACompromise}, {@code aACompromise}, {@code certificateHold}
     * (often a suspected loss), or a code not known here). A key revoked for such a reason may have signed after its revocation with a back-dated time, so
     * something it dated before its revocation is not proved to be older. False for the other reasons
     * ({@code superseded}, {@code cessationOfOperation}, ...) and for a certificate that is not revoked.
     */
    public boolean mayBeKeyCompromise() {
        if (status != Status.REVOKED) {
            return false;
        }
        return revocationReason == null || !Set.of("AFFILIATION_CHANGED", "SUPERSEDED", "CESSATION_OF_OPERATION",
                "PRIVILEGE_WITHDRAWN").contains(revocationReason);
    }

    /** The CRL issuer or OCSP responder certificate whose signature was verified. */
    public Optional<X509Certificate> signedBy() {
        return Optional.ofNullable(signedBy);
    }

    /** What was found, for people. */
    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "RevocationCheck[" + certificate.getSubjectX500Principal().getName() + ": " + status + " via " + source
                + (revocationTime == null ? "" : " at " + revocationTime) + "]";
    }
}
