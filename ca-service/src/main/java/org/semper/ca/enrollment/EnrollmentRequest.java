package org.semper.ca.enrollment;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.UUID;

/**
 * An enrollment request as the CA holds it: submitted without a token, waiting for a registration officer, then
 * issued or rejected.
 *
 * @param id              the request's unguessable id (the requester's handle to poll it)
 * @param status          {@code pending}, {@code issued} or {@code rejected}
 * @param subject         the CSR's subject (RFC 4514)
 * @param profile         the requested profile
 * @param publicKeySha256 SHA-256 of the CSR's SubjectPublicKeyInfo, hex: what an officer compares with the requester
 * @param contact         how the officer reaches the requester (free text), or null
 * @param details         what the requester offers for vetting (free text), or null
 * @param decidedAt       when an officer decided, or null
 * @param rejectionReason why it was rejected, or null
 * @param certificate     the certificate issued on approval, or null
 */
public record EnrollmentRequest(UUID id, String status, String subject, String profile, String publicKeySha256,
        String contact, String details, Instant submittedAt, Instant decidedAt, String rejectionReason,
        X509Certificate certificate) {

    public static final String PENDING = "pending";
    public static final String ISSUED = "issued";
    public static final String REJECTED = "rejected";

    public boolean pending() {
        return PENDING.equals(status);
    }
}
