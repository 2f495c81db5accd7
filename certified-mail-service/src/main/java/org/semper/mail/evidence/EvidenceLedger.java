package org.semper.mail.evidence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.keys.MailTtp;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signs relay evidence and records it: the statement in {@code mail_evidence} and as a transparency-log entry,
 * both in the caller's transaction, so that no evidence exists that the log does not hold. Stored statements are
 * served as stored, byte for byte: as issued (B-B) until the stamping job has stored its time-stamped form (B-T,
 * same signed part, same id; {@link RelayEvidenceStamping}), that form ever after.
 */
@ApplicationScoped
public class EvidenceLedger {

    /** Log entry kind of relay evidence; the entry is the statement's JSON. */
    public static final String LOG_KIND = "mail-evidence";

    /** The time-stamped form (B-T, same id) once the stamping job stored it, else the statement as issued (B-B). */
    private static final String SERVED_STATEMENT = "coalesce(convert_from(t.stamped_statement, 'UTF8'), e.statement)";

    private final MailTtp ttp;

    @Inject
    public EvidenceLedger(MailTtp ttp) {
        this.ttp = ttp;
    }

    /** Signs {@code payload} as the evidence of {@code event} for an exchange, stores and logs it. */
    public SignedStatement issue(Connection c, String exchangeId, RelayEvent event, ObjectNode payload)
            throws SQLException {
        SignedStatement statement = ttp.sign(RelayEvidence.TYPE, payload);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO mail_evidence (statement_id, exchange_id, event, "
                + "statement, issued_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, statement.id());
            insert.setString(2, exchangeId);
            insert.setString(3, event.etsiName());
            insert.setString(4, statement.toJson());
            insert.setTimestamp(5, Timestamp.from(statement.claimedSigningTime()));
            insert.executeUpdate();
        }
        LogEntryWriter.append(c, List.of(new NewLogEntry(LOG_KIND, exchangeId,
                statement.toJson().getBytes(StandardCharsets.UTF_8))));
        return statement;
    }

    /** The evidence of one event as stored (statement JSON; B-T once time-stamped), if issued. */
    public static Optional<String> find(Connection c, String exchangeId, RelayEvent event) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + SERVED_STATEMENT
                + " FROM mail_evidence e LEFT JOIN mail_evidence_timestamp t USING (statement_id) "
                + "WHERE e.exchange_id = ? AND e.event = ?")) {
            q.setString(1, exchangeId);
            q.setString(2, event.etsiName());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Every piece of evidence of an exchange as stored (B-T once time-stamped), in the order it was issued, by event name. */
    public static Map<String, String> all(Connection c, String exchangeId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT e.event, " + SERVED_STATEMENT
                + " FROM mail_evidence e LEFT JOIN mail_evidence_timestamp t USING (statement_id) "
                + "WHERE e.exchange_id = ? ORDER BY e.seq")) {
            q.setString(1, exchangeId);
            Map<String, String> out = new LinkedHashMap<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        }
    }
}
