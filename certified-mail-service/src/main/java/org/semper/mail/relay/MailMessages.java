package org.semper.mail.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code mail_message} table. Every method runs on the caller's connection and transaction. */
public final class MailMessages {

    private static final String COLUMNS = "exchange_id, sender, recipient, subject, eoo, escrow, hash_cipher, "
            + "content_size, content_oid, content_file, state, reason, submitted_at, deadline, eor, closed_at, "
            + "content_deleted_at";

    /** Submissions and accepted bytes of one sender in a window. */
    public record Usage(long messages, long bytes) {
    }

    private MailMessages() {
    }

    public static void insert(Connection c, MailMessage m) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO mail_message (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, m.exchangeId());
            insert.setString(2, m.sender());
            insert.setString(3, m.recipient());
            insert.setString(4, m.subject());
            insert.setString(5, m.eoo());
            insert.setBytes(6, m.escrow());
            insert.setString(7, m.hashCipher());
            insert.setLong(8, m.contentSize());
            if (m.contentOid() == null) {
                insert.setNull(9, Types.BIGINT);
            } else {
                insert.setLong(9, m.contentOid());
            }
            insert.setString(10, m.contentFile());
            insert.setString(11, m.state().column());
            insert.setString(12, m.reason());
            insert.setTimestamp(13, timestamp(m.submittedAt()));
            insert.setTimestamp(14, timestamp(m.deadline()));
            insert.setString(15, m.eor());
            insert.setTimestamp(16, timestamp(m.closedAt()));
            insert.setTimestamp(17, timestamp(m.contentDeletedAt()));
            insert.executeUpdate();
        }
    }

    public static Optional<MailMessage> find(Connection c, String exchangeId) throws SQLException {
        return findOne(c, exchangeId, "");
    }

    /** The row, locked until the end of the transaction. */
    public static Optional<MailMessage> lock(Connection c, String exchangeId) throws SQLException {
        return findOne(c, exchangeId, " FOR UPDATE");
    }

    private static Optional<MailMessage> findOne(Connection c, String exchangeId, String suffix) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mail_message WHERE exchange_id = ?"
                + suffix)) {
            q.setString(1, exchangeId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Moves a consigned message to its final state; false if it is no longer consigned (another request or
     * replica decided first: the database decides, not a lock in memory).
     */
    public static boolean close(Connection c, String exchangeId, MailState to, String reason, String eor, Instant at)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE mail_message SET state = ?, reason = ?, eor = ?, "
                + "closed_at = ? WHERE exchange_id = ? AND state = 'consigned'")) {
            update.setString(1, to.column());
            update.setString(2, reason);
            update.setString(3, eor);
            update.setTimestamp(4, timestamp(at));
            update.setString(5, exchangeId);
            return update.executeUpdate() == 1;
        }
    }

    /** Consigned messages for {@code recipient}, oldest first. */
    public static List<MailMessage> pendingFor(Connection c, String recipient, int limit) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mail_message WHERE recipient = ? "
                + "AND state = 'consigned' ORDER BY submitted_at, exchange_id LIMIT ?")) {
            q.setString(1, recipient);
            q.setInt(2, limit);
            return list(q);
        }
    }

    public static Usage usage(Connection c, String sender, Instant since) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT count(*), coalesce(sum(content_size) FILTER "
                + "(WHERE state <> 'rejected'), 0) FROM mail_message WHERE sender = ? AND submitted_at > ?")) {
            q.setString(1, sender);
            q.setTimestamp(2, timestamp(since));
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return new Usage(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    /** Serialises the submissions of one sender (until the end of the transaction), so that quotas hold exactly. */
    public static void lockSender(Connection c, String sender) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
            lock.setString(1, "semper-mail-sender:" + sender);
            lock.execute();
        }
    }

    /** Consigned messages whose deadline has passed (the decision store decides each; no lock here). */
    public static List<MailMessage> overdue(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mail_message WHERE state = 'consigned' "
                + "AND deadline <= ? ORDER BY deadline LIMIT ?")) {
            q.setTimestamp(1, timestamp(now));
            q.setInt(2, limit);
            return list(q);
        }
    }

    /** Consigned messages whose exchange is decided already (a crash between decision and closing, or a race). */
    public static List<MailMessage> decidedButOpen(Connection c, int limit) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS.replaceAll("(^|, )", "$1m.")
                + " FROM mail_message m JOIN exchange_decision d ON d.exchange_id = m.exchange_id "
                + "WHERE m.state = 'consigned' LIMIT ?")) {
            q.setInt(1, limit);
            return list(q);
        }
    }

    /** Closed messages whose content is still kept although it was closed before {@code closedBefore}, locked. */
    public static List<MailMessage> pastRetention(Connection c, Instant closedBefore, int limit) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM mail_message WHERE content_deleted_at "
                + "IS NULL AND state IN ('handed-over', 'handover-failed', 'expired') AND closed_at <= ? "
                + "ORDER BY closed_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            q.setTimestamp(1, timestamp(closedBefore));
            q.setInt(2, limit);
            return list(q);
        }
    }

    public static void contentDeleted(Connection c, String exchangeId, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE mail_message SET content_deleted_at = ?, "
                + "content_oid = NULL WHERE exchange_id = ?")) {
            update.setTimestamp(1, timestamp(at));
            update.setString(2, exchangeId);
            update.executeUpdate();
        }
    }

    public static void notified(Connection c, String exchangeId, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE mail_message SET notified_at = ? WHERE exchange_id = ?")) {
            update.setTimestamp(1, timestamp(at));
            update.setString(2, exchangeId);
            update.executeUpdate();
        }
    }

    private static List<MailMessage> list(PreparedStatement q) throws SQLException {
        List<MailMessage> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static MailMessage read(ResultSet rs) throws SQLException {
        long oid = rs.getLong("content_oid");
        Long contentOid = rs.wasNull() ? null : oid;
        return new MailMessage(rs.getString("exchange_id"), rs.getString("sender"), rs.getString("recipient"),
                rs.getString("subject"), rs.getString("eoo"), rs.getBytes("escrow"), rs.getString("hash_cipher"),
                rs.getLong("content_size"), contentOid, rs.getString("content_file"), MailState.of(rs.getString("state")),
                rs.getString("reason"), instant(rs, "submitted_at"), instant(rs, "deadline"), rs.getString("eor"),
                instant(rs, "closed_at"), instant(rs, "content_deleted_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
