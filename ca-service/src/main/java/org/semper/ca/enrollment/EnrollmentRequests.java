package org.semper.ca.enrollment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.CaConfig;
import org.semper.ca.cover.Cover;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificationRequest;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.profile.Profiles;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

/**
 * Enrollment by officer approval, the path without a token: a requester submits a PKCS#10 request (proof of
 * possession = its signature, checked at submission, with the profile's subject and key rules) and it waits as
 * {@code pending}; a registration officer vets the subject out of band and approves it (the CA issues through
 * {@link Issuance}, the request marked {@code issued} in the issuance transaction, so it is issued at most once) or
 * rejects it with a reason. The requester polls the request by its id.
 *
 * <p>Requests are not written to the transparency log (they may hold personal contact data, and the log is public
 * and append-only); the certificate an approval issues is, like every certificate.
 */
@ApplicationScoped
public class EnrollmentRequests {

    static final int MAX_CONTACT = 256;
    static final int MAX_DETAILS = 2000;
    static final int MAX_REASON = 1000;
    private static final Set<String> STATUSES = Set.of(EnrollmentRequest.PENDING, EnrollmentRequest.ISSUED,
            EnrollmentRequest.REJECTED);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String COLUMNS = "r.id, r.status, r.subject, r.profile, r.public_key_sha256, r.contact, r.details, "
            + "r.submitted_at, r.decided_at, r.rejection_reason, c.der";
    private static final String FROM = " FROM enrollment_request r LEFT JOIN certificate c ON c.serial = r.certificate_serial";

    private final DataSource dataSource;
    private final Profiles profiles;
    private final Issuance issuance;
    private final int maxPending;

    @Inject
    public EnrollmentRequests(DataSource dataSource, Profiles profiles, Issuance issuance, CaConfig config) {
        this.dataSource = dataSource;
        this.profiles = profiles;
        this.issuance = issuance;
        this.maxPending = config.enrollmentRequests().maxPending();
    }

    /** Checks a request as far as the CA can without an officer, and queues it. */
    public EnrollmentRequest submit(String csr, String profileId, String contact, String details) {
        ResolvedProfile profile = Enrollment.enrollableProfile(profiles, profileId);
        byte[] der = CertificationRequest.der(csr);
        CertificationRequest request = CertificationRequest.parse(der);
        Issuance.checkRequest(request, profile);
        String checkedContact = bounded("contact", contact, MAX_CONTACT);
        String checkedDetails = bounded("details", details, MAX_DETAILS);
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM enrollment_request WHERE status = 'pending'");
                    ResultSet rs = count.executeQuery()) {
                rs.next();
                if (rs.getLong(1) >= maxPending) {
                    throw new ProblemException(EnrollmentProblem.QUEUE_FULL, maxPending
                            + " requests are waiting for a registration officer; try again later");
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO enrollment_request (id, subject, profile, csr, "
                    + "public_key_sha256, contact, details) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, Issuance.subjectText(request.subject()));
                insert.setString(3, profile.id());
                insert.setBytes(4, der);
                insert.setString(5, publicKeySha256(request));
                insert.setString(6, checkedContact);
                insert.setString(7, checkedDetails);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new ProblemException(EnrollmentProblem.REQUEST_PENDING_FOR_KEY, "A request for this public key "
                            + "is already waiting for a registration officer; poll that one (its id was returned when it was submitted)");
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the enrollment request: " + e.getMessage(), e);
        }
        return find(id).orElseThrow();
    }

    public Optional<EnrollmentRequest> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + FROM + " WHERE r.id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read enrollment request " + id + ": " + e.getMessage(), e);
        }
    }

    /** Requests in {@code status}, oldest first (an officer's queue). */
    public List<EnrollmentRequest> list(String status, int limit) {
        if (!STATUSES.contains(status)) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "status must be pending, issued or rejected");
        }
        if (limit < 1 || limit > 500) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "limit must be between 1 and 500");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT " + COLUMNS + FROM + " WHERE r.status = ? ORDER BY r.submitted_at, r.id LIMIT ?")) {
            q.setString(1, status);
            q.setInt(2, limit);
            List<EnrollmentRequest> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list enrollment requests: " + e.getMessage(), e);
        }
    }

    /**
     * Approves a pending request: the CA issues with the requested profile and its cover, or a cover the officer
     * raises for this subject ({@code coverAmount} × 10^{@code coverExponent}, never below the profile's).
     */
    public EnrollmentRequest approve(UUID id, Integer coverAmount, Integer coverExponent, String officer) {
        EnrollmentRequest current = find(id).orElseThrow(() -> unknown(id));
        if (!current.pending()) {
            throw decided(current);
        }
        ResolvedProfile profile = Enrollment.enrollableProfile(profiles, current.profile());
        Optional<Cover> raised = RaisedCover.of(profile, coverAmount, coverExponent);
        CertificationRequest request = CertificationRequest.parse(storedCsr(id));
        issuance.issue(request, profile, raised.orElse(profile.cover()),
                (connection, record) -> markIssued(connection, id, record, officer));
        return find(id).orElseThrow();
    }

    /** Rejects a pending request with a reason the requester sees. */
    public EnrollmentRequest reject(UUID id, String reason, String officer) {
        if (reason == null || reason.isBlank()) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "A rejection needs a reason for the requester");
        }
        String checkedReason = bounded("reason", reason, MAX_REASON);
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "UPDATE enrollment_request SET status = 'rejected', decided_at = now(), decided_by = ?, rejection_reason = ? "
                        + "WHERE id = ? AND status = 'pending'")) {
            update.setString(1, officer);
            update.setString(2, checkedReason);
            update.setObject(3, id);
            if (update.executeUpdate() == 0) {
                throw decided(find(id).orElseThrow(() -> unknown(id)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reject enrollment request " + id + ": " + e.getMessage(), e);
        }
        return find(id).orElseThrow();
    }

    /**
     * In the issuance transaction: pending → issued. PostgreSQL serialises concurrent approvals on the row; the
     * losers find it no longer pending and roll back their certificate.
     */
    private void markIssued(Connection c, UUID id, CertificateRecord record, String officer) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE enrollment_request SET status = 'issued', decided_at = now(), "
                + "decided_by = ?, certificate_serial = ? WHERE id = ? AND status = 'pending'")) {
            update.setString(1, officer);
            update.setString(2, record.serialHex());
            update.setObject(3, id);
            if (update.executeUpdate() == 0) {
                throw decided(find(id).orElseThrow(() -> unknown(id)));
            }
        }
    }

    private byte[] storedCsr(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT csr FROM enrollment_request WHERE id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(id);
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read enrollment request " + id + ": " + e.getMessage(), e);
        }
    }

    private static ProblemException unknown(UUID id) {
        return new ProblemException(CommonProblem.NOT_FOUND, "No enrollment request " + id);
    }

    private static ProblemException decided(EnrollmentRequest request) {
        return new ProblemException(EnrollmentProblem.REQUEST_DECIDED, "Enrollment request " + request.id() + " was "
                + request.status() + " at " + request.decidedAt() + "; it cannot be decided again",
                Map.of("status", request.status()), null);
    }

    private static String bounded(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, field + " is longer than " + max + " characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String publicKeySha256(CertificationRequest request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.publicKeyInfo().getEncoded()));
        } catch (NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EnrollmentRequest read(ResultSet rs) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        byte[] der = rs.getBytes("der");
        return new EnrollmentRequest(rs.getObject("id", UUID.class), rs.getString("status"), rs.getString("subject"),
                rs.getString("profile"), rs.getString("public_key_sha256"), rs.getString("contact"), rs.getString("details"),
                rs.getTimestamp("submitted_at").toInstant(), decided == null ? null : decided.toInstant(),
                rs.getString("rejection_reason"), der == null ? null : CertificateRecord.decode(der));
    }
}
