package org.semper.arbiter.dispute;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;
import org.semper.runtime.problem.ProblemException;

/**
 * The disputes in PostgreSQL: filing, responses, procedural events, the decision. Each change is one transaction;
 * events are numbered per dispute under a lock on the dispute's row, so their order is the order they happened in.
 */
@ApplicationScoped
public class Disputes {
    /** Log kind of a transcript entry in the arbiter's transparency log. */
    public static final String TRANSCRIPT_LOG_KIND = "arbiter-transcript";

    private static final String UNIQUE_VIOLATION = "23505";

    /** What filing stores. */
    public record Filing(UUID id, String claimId, String claimType, byte[] claim, String claimant, String claimantSubject,
            String respondent, Optional<String> respondentSubject, byte[] respondentCertificate, BigDecimal amount,
            String currency, Optional<String> protocol, Optional<String> exchange, String bundleId, byte[] bundle,
            Optional<Instant> respondBy, boolean notice) {
    }

    /**
     * What deciding stores. {@code lastEvent} is the last event the transcript lists before its {@code decided} event
     * (seq {@code lastEvent + 1}, at {@code decidedAt}).
     */
    public record Decided(UUID id, Instant decidedAt, String verdict, String transcriptId, byte[] transcript,
            byte[] caseBundle, int lastEvent, String eventDetail) {
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    @Inject
    public Disputes(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    private <T> T transaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ProblemException(ArbiterProblem.DUPLICATE_CLAIM, "A dispute with this claim exists already");
            }
            throw new IllegalStateException("Dispute store: " + e.getMessage(), e);
        }
    }

    /** Records a new dispute, the claimant's bundle, the {@code filed} event and the pending notice. */
    public void file(Filing f) {
        transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dispute (id, claim_id, claim_type, claim, "
                    + "claimant, claimant_subject, respondent, respondent_subject, respondent_cert, amount, currency, "
                    + "protocol, exchange, respond_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, f.id());
                insert.setString(2, f.claimId());
                insert.setString(3, f.claimType());
                insert.setBytes(4, f.claim());
                insert.setString(5, f.claimant());
                insert.setString(6, f.claimantSubject());
                insert.setString(7, f.respondent());
                insert.setString(8, f.respondentSubject().orElse(null));
                insert.setBytes(9, f.respondentCertificate());
                insert.setBigDecimal(10, f.amount());
                insert.setString(11, f.currency());
                insert.setString(12, f.protocol().orElse(null));
                insert.setString(13, f.exchange().orElse(null));
                insert.setTimestamp(14, f.respondBy().map(Timestamp::from).orElse(null));
                insert.executeUpdate();
            }
            insertBundle(c, f.id(), "claimant", f.bundleId(), f.bundle());
            insertEvent(c, f.id(), EventKind.FILED, null, "claim " + f.claimId() + " (" + f.claimType() + ") with bundle "
                    + f.bundleId(), null);
            try (PreparedStatement notice = c.prepareStatement(
                    "INSERT INTO dispute_notice (dispute_id, state) VALUES (?, ?)")) {
                notice.setObject(1, f.id());
                notice.setString(2, f.notice() ? "pending" : "unsent");
                notice.executeUpdate();
            }
            if (!f.notice()) {
                insertEvent(c, f.id(), EventKind.NOTICE_UNSENT, null, "no certified-mail relay is configured: no notice "
                        + "was sent; the response window runs from the filing", null);
            }
            return null;
        });
    }

    /**
     * Records the respondent's bundle, if the dispute is open, the window not closed and no response is in.
     */
    public void respond(UUID id, String bundleId, byte[] bundle, Instant now) {
        transaction(c -> {
            DisputeRecord dispute = lock(c, id);
            if (dispute.decided()) {
                throw new ProblemException(ArbiterProblem.ALREADY_DECIDED, "Dispute " + id + " is decided");
            }
            if (dispute.respondBy().map(now::isAfter).orElse(false)) {
                throw new ProblemException(ArbiterProblem.RESPONSE_WINDOW_CLOSED, "The response was due by "
                        + dispute.respondBy().get());
            }
            if (bundle(c, id, "respondent").isPresent()) {
                throw new ProblemException(ArbiterProblem.ALREADY_RESPONDED, "Dispute " + id + " has its response");
            }
            insertBundle(c, id, "respondent", bundleId, bundle);
            insertEvent(c, id, EventKind.RESPONSE_FILED, null, "the respondent's bundle " + bundleId, null);
            return null;
        });
    }

    /** Appends an event. */
    public void event(UUID id, EventKind kind, String detail, byte[] evidence) {
        transaction(c -> {
            lock(c, id);
            insertEvent(c, id, kind, null, detail, evidence);
            return null;
        });
    }

    /**
     * Records the decision: state, verdict, transcript (and its log entry, in this transaction), case bundle, and the
     * {@code decided} event at the decision time. Returns false, changing nothing, if another replica decided first
     * or an event (a late response, say) came in after the transcript was drawn up: the next round decides again.
     */
    public boolean decide(Decided d) {
        return transaction(c -> {
            DisputeRecord dispute = lock(c, d.id());
            if (dispute.decided() || lastEvent(c, d.id()) != d.lastEvent()) {
                return false;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO dispute_event (dispute_id, seq, kind, at, "
                    + "detail) VALUES (?, ?, ?, ?, ?)")) {
                insert.setObject(1, d.id());
                insert.setInt(2, d.lastEvent() + 1);
                insert.setString(3, EventKind.DECIDED.code());
                insert.setTimestamp(4, Timestamp.from(d.decidedAt()));
                insert.setString(5, d.eventDetail());
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE dispute SET state = 'decided', decided_at = ?, "
                    + "verdict = ?, transcript_id = ?, transcript = ?, case_bundle = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(d.decidedAt()));
                update.setString(2, d.verdict());
                update.setString(3, d.transcriptId());
                update.setBytes(4, d.transcript());
                update.setBytes(5, d.caseBundle());
                update.setObject(6, d.id());
                update.executeUpdate();
            }
            LogEntryWriter.append(c, List.of(new NewLogEntry(TRANSCRIPT_LOG_KIND, d.id().toString(), d.transcript())));
            return true;
        });
    }

    public void stamped(UUID id, byte[] stampedTranscript, String detail) {
        transaction(c -> {
            lock(c, id);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE dispute SET stamped_transcript = ? WHERE id = ? AND stamped_transcript IS NULL")) {
                update.setBytes(1, stampedTranscript);
                update.setObject(2, id);
                if (update.executeUpdate() == 1) {
                    insertEvent(c, id, EventKind.TRANSCRIPT_TIMESTAMPED, null, detail, null);
                }
            }
            return null;
        });
    }

    public void ledgerClaim(UUID id, String claimId, String detail) {
        transaction(c -> {
            lock(c, id);
            try (PreparedStatement update = c.prepareStatement("UPDATE dispute SET ledger_claim_id = ? WHERE id = ?")) {
                update.setString(1, claimId);
                update.setObject(2, id);
                update.executeUpdate();
            }
            insertEvent(c, id, EventKind.LEDGER_CLAIM_FILED, null, detail, null);
            return null;
        });
    }

    // ---- notices ----

    /** A notice due to be sent. */
    public record DueNotice(UUID dispute, int attempts) {
    }

    public List<DueNotice> dueNotices(int limit) {
        return transaction(c -> {
            List<DueNotice> due = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT dispute_id, attempts FROM dispute_notice "
                    + "WHERE state = 'pending' AND next_attempt <= now() ORDER BY next_attempt LIMIT ? FOR UPDATE SKIP LOCKED")) {
                q.setInt(1, limit);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        due.add(new DueNotice((UUID) r.getObject(1), r.getInt(2)));
                    }
                }
            }
            return due;
        });
    }

    /** The relay accepted the notice: the response window starts now. */
    public void noticeSubmitted(UUID id, String eooId, Instant respondBy, String detail, byte[] evidence) {
        transaction(c -> {
            lock(c, id);
            try (PreparedStatement update = c.prepareStatement("UPDATE dispute_notice SET state = 'submitted', "
                    + "eoo_id = ?, attempts = attempts + 1 WHERE dispute_id = ? AND state = 'pending'")) {
                update.setString(1, eooId);
                update.setObject(2, id);
                if (update.executeUpdate() == 0) {
                    return null;
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE dispute SET respond_by = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(respondBy));
                update.setObject(2, id);
                update.executeUpdate();
            }
            insertEvent(c, id, EventKind.NOTICE_SUBMITTED, null, detail, evidence);
            return null;
        });
    }

    public void noticeFailed(UUID id, Instant retryAt, String error) {
        transaction(c -> {
            lock(c, id);
            try (PreparedStatement update = c.prepareStatement("UPDATE dispute_notice SET attempts = attempts + 1, "
                    + "next_attempt = ?, last_error = ? WHERE dispute_id = ?")) {
                update.setTimestamp(1, Timestamp.from(retryAt));
                update.setString(2, error.length() > 500 ? error.substring(0, 500) : error);
                update.setObject(3, id);
                update.executeUpdate();
            }
            insertEvent(c, id, EventKind.NOTICE_FAILED, null, error + "; retried at " + retryAt, null);
            return null;
        });
    }

    /** Submitted notices of open disputes, whose delivery evidence is still to be collected. */
    public List<String[]> undeliveredNotices() {
        return transaction(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT n.dispute_id, n.eoo_id FROM dispute_notice n "
                    + "JOIN dispute d ON d.id = n.dispute_id WHERE n.state = 'submitted' AND d.state = 'filed'");
                    ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
            return out;
        });
    }

    public void noticeDelivered(UUID id, String detail, byte[] evidence) {
        transaction(c -> {
            lock(c, id);
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE dispute_notice SET state = 'delivered' WHERE dispute_id = ? AND state = 'submitted'")) {
                update.setObject(1, id);
                if (update.executeUpdate() == 1) {
                    insertEvent(c, id, EventKind.NOTICE_DELIVERED, null, detail, evidence);
                }
            }
            return null;
        });
    }

    // ---- reading ----

    public Optional<DisputeRecord> find(UUID id) {
        return transaction(c -> read(c, id, false));
    }

    public List<DisputeRecord> list(int limit) {
        return transaction(c -> {
            List<DisputeRecord> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT * FROM dispute ORDER BY filed_at DESC LIMIT ?")) {
                q.setInt(1, limit);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(row(r));
                    }
                }
            }
            return out;
        });
    }

    /** Open disputes ready to decide: answered, or past the response deadline. */
    public List<UUID> ready(Instant now) {
        return transaction(c -> {
            List<UUID> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT d.id FROM dispute d WHERE d.state = 'filed' AND ("
                    + "EXISTS (SELECT 1 FROM dispute_bundle b WHERE b.dispute_id = d.id AND b.party = 'respondent') "
                    + "OR d.respond_by < ?) ORDER BY d.filed_at")) {
                q.setTimestamp(1, Timestamp.from(now));
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add((UUID) r.getObject(1));
                    }
                }
            }
            return out;
        });
    }

    /** Decided disputes whose transcript has no time-stamp yet. */
    public List<UUID> unstamped(int limit) {
        return transaction(c -> {
            List<UUID> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT id FROM dispute WHERE state = 'decided' AND "
                    + "stamped_transcript IS NULL ORDER BY decided_at LIMIT ?")) {
                q.setInt(1, limit);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add((UUID) r.getObject(1));
                    }
                }
            }
            return out;
        });
    }

    public List<ProceduralEvent> events(UUID id) {
        return transaction(c -> {
            List<ProceduralEvent> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT seq, kind, at, detail, evidence FROM dispute_event WHERE dispute_id = ? ORDER BY seq")) {
                q.setObject(1, id);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        out.add(new ProceduralEvent(r.getInt(1), r.getString(2), r.getTimestamp(3).toInstant(),
                                r.getString(4), Optional.ofNullable(r.getBytes(5))));
                    }
                }
            }
            return out;
        });
    }

    public Optional<byte[]> bundle(UUID id, String party) {
        return transaction(c -> bundle(c, id, party));
    }

    /** Remembers a party's access request; false if it was seen before. */
    public boolean rememberAccessRequest(String requestId, Instant expiresAt) {
        return transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO access_request_seen (request_id, expires_at) "
                    + "VALUES (?, ?) ON CONFLICT (request_id) DO NOTHING")) {
                insert.setString(1, requestId);
                insert.setTimestamp(2, Timestamp.from(expiresAt));
                return insert.executeUpdate() == 1;
            }
        });
    }

    // ---- helpers ----

    private static DisputeRecord lock(Connection c, UUID id) throws SQLException {
        return read(c, id, true).orElseThrow(() -> new ProblemException(
                org.semper.runtime.problem.CommonProblem.NOT_FOUND, "No dispute " + id));
    }

    private static Optional<DisputeRecord> read(Connection c, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM dispute WHERE id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            q.setObject(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static int lastEvent(Connection c, UUID id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM dispute_event WHERE dispute_id = ?")) {
            q.setObject(1, id);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Optional<byte[]> bundle(Connection c, UUID id, String party) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT document FROM dispute_bundle WHERE dispute_id = ? AND party = ?")) {
            q.setObject(1, id);
            q.setString(2, party);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    private static void insertBundle(Connection c, UUID id, String party, String bundleId, byte[] document)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO dispute_bundle (dispute_id, party, bundle_id, document) VALUES (?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, party);
            insert.setString(3, bundleId);
            insert.setBytes(4, document);
            insert.executeUpdate();
        }
    }

    private static void insertEvent(Connection c, UUID id, EventKind kind, Instant at, String detail, byte[] evidence)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO dispute_event (dispute_id, seq, kind, at, detail, "
                + "evidence) SELECT ?, coalesce(max(seq), 0) + 1, ?, coalesce(?, date_trunc('second', now())), ?, ? "
                + "FROM dispute_event WHERE dispute_id = ?")) {
            insert.setObject(1, id);
            insert.setString(2, kind.code());
            insert.setTimestamp(3, at == null ? null : Timestamp.from(at));
            insert.setString(4, detail);
            insert.setBytes(5, evidence);
            insert.setObject(6, id);
            insert.executeUpdate();
        }
    }

    private static DisputeRecord row(ResultSet r) throws SQLException {
        return new DisputeRecord((UUID) r.getObject("id"), r.getString("claim_id"), r.getString("claim_type"),
                r.getBytes("claim"), r.getString("claimant"), r.getString("claimant_subject"), r.getString("respondent"),
                Optional.ofNullable(r.getString("respondent_subject")), Optional.ofNullable(r.getBytes("respondent_cert")),
                r.getBigDecimal("amount").stripTrailingZeros(), r.getString("currency").trim(),
                Optional.ofNullable(r.getString("protocol")), Optional.ofNullable(r.getString("exchange")),
                r.getString("state"), r.getTimestamp("filed_at").toInstant(), instant(r, "respond_by"),
                instant(r, "decided_at"), Optional.ofNullable(r.getString("verdict")),
                Optional.ofNullable(r.getString("transcript_id")), Optional.ofNullable(r.getBytes("transcript")),
                Optional.ofNullable(r.getBytes("stamped_transcript")), Optional.ofNullable(r.getBytes("case_bundle")),
                Optional.ofNullable(r.getString("ledger_claim_id")));
    }

    private static Optional<Instant> instant(ResultSet r, String column) throws SQLException {
        Timestamp t = r.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
