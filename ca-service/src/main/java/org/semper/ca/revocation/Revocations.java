package org.semper.ca.revocation;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Revokes certificates. The status change and its transparency-log entry commit together; afterwards the CRL is
 * regenerated and cached OCSP responses for the serial are dropped ({@link Revoked} event).
 */
@ApplicationScoped
public class Revocations {

    /** Log entry kind of a revocation; the entry is a small JSON document. */
    public static final String LOG_KIND_REVOKED = "ca-revocation";

    /** Fired after a revocation committed. */
    public record Revoked(BigInteger serial) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CertificateStore store;
    private final Event<Revoked> revoked;

    @Inject
    public Revocations(CertificateStore store, Event<Revoked> revoked) {
        this.store = store;
        this.revoked = revoked;
    }

    /**
     * @param by who revoked: {@code officer:<name>} or {@code subject}
     */
    public CertificateRecord revoke(BigInteger serial, RevocationReason reason, String by) {
        String hex = serial.toString(16);
        try (Connection c = store.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                Instant revokedAt;
                try (PreparedStatement update = c.prepareStatement("UPDATE certificate SET status = 'revoked', "
                        + "revoked_at = date_trunc('second', now()), revocation_reason = ? WHERE serial = ? AND status = 'good' "
                        + "RETURNING revoked_at")) {
                    update.setInt(1, reason.code());
                    update.setString(2, hex);
                    try (ResultSet rs = update.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            throw notRevocable(c, hex);
                        }
                        revokedAt = rs.getTimestamp(1).toInstant();
                    }
                }
                byte[] entry = JSON.writeValueAsString(java.util.Map.of("type", "semper-ca-revocation", "serial", hex,
                        "reason", reason.rfcName(), "revokedAt", revokedAt.toString(), "by", by))
                        .getBytes(StandardCharsets.UTF_8);
                LogEntryWriter.append(c, List.of(new NewLogEntry(LOG_KIND_REVOKED, hex, entry)));
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot revoke " + hex + ": " + e.getMessage(), e);
        }
        revoked.fire(new Revoked(serial));
        return store.find(serial).orElseThrow();
    }

    private static ProblemException notRevocable(Connection c, String hex) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT revoked_at FROM certificate WHERE serial = ?")) {
            q.setString(1, hex);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return new ProblemException(CommonProblem.NOT_FOUND, "No certificate with serial number " + hex + " was issued by this CA");
                }
                return new ProblemException(RevocationProblem.ALREADY_REVOKED, "Certificate " + hex + " was revoked at "
                        + rs.getTimestamp(1).toInstant());
            }
        }
    }
}
