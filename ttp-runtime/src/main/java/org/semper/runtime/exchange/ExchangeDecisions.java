package org.semper.runtime.exchange;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.semper.evidence.statement.SignedStatement;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;

/**
 * The TTP's decision store: at most one decision per exchange id, decided by PostgreSQL (protocols.md §0, "one
 * durable, atomic transition, written before the reply; never both; every later request gets the stored token
 * again").
 *
 * <h2>Why no contradicting outcome can ever be stored</h2>
 * <ul>
 * <li>The exchange id is the primary key of {@code exchange_decision}. A decision is
 * {@code INSERT ... ON CONFLICT (exchange_id) DO NOTHING}: PostgreSQL lets exactly one transaction insert the key;
 * a concurrent insert of the same key waits for the first transaction and then does nothing. This holds for any
 * number of threads and processes on one database. There is no in-memory lock and no read-then-write window.</li>
 * <li>The token's transparency-log entry ({@link LogEntryWriter}) is written in the same transaction, so a decision
 * without its log entry (or the reverse) never commits.</li>
 * <li>{@link #settle} returns only after the commit; the caller replies with what it returns. A crash before the
 * commit leaves nothing and nothing was replied; a crash after it leaves the decision, which every retry reads.</li>
 * <li>The loser of a race, or any later request, reads the stored row and replies its token, byte for byte; its
 * own signed proposal is discarded without ever leaving the process.</li>
 * <li>Triggers refuse UPDATE, DELETE and TRUNCATE of decisions and time-stamped tokens: a stored token never changes.</li>
 * <li>If the commit itself fails, the outcome is unknown to this process: {@link DecisionStoreException} is thrown,
 * nothing is replied, and the client's retry finds the truth in the database.</li>
 * </ul>
 *
 * <h2>"Byte-identical" replies</h2>
 * A token is stored twice at most, each write once: as signed (B-B), and later with its signature time-stamp
 * (B-T, {@code exchange_timestamp}). Every reply is the B-B bytes until the time-stamp is stored and the B-T bytes
 * ever after. Both have the identical signed part (protected header, payload, signature) and hence the identical id
 * {@code H(s)}; the B-T form only adds the unprotected {@code header.etsiU}.
 *
 * <p>Thread-safe; uses a connection of the pool per call.
 */
public final class ExchangeDecisions {

    /** Log entry kind of a decision token (B-B, as first issued). */
    public static final String TOKEN_LOG_KIND = "exchange-token";
    /** Log entry kind of a token re-issued with its signature time-stamp (B-T). */
    public static final String STAMPED_TOKEN_LOG_KIND = "exchange-token-stamped";
    /** Log entry kind of a status statement. */
    public static final String STATUS_LOG_KIND = "exchange-status";

    private static final Pattern EXCHANGE_ID = Pattern.compile("[A-Za-z0-9_-]{43}");

    private static final String INSERT = "INSERT INTO exchange_decision "
            + "(exchange_id, protocol, outcome, finding, token_id, token, request) VALUES (?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (exchange_id) DO NOTHING RETURNING decided_at";
    private static final String SELECT = "SELECT d.protocol, d.outcome, d.finding, d.token_id, d.token, d.decided_at, "
            + "t.stamped_token FROM exchange_decision d LEFT JOIN exchange_timestamp t ON t.exchange_id = d.exchange_id "
            + "WHERE d.exchange_id = ?";

    private final DataSource dataSource;

    public ExchangeDecisions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** True if {@code exchangeId} is an exchange id: unpadded base64url of 32 bytes, in its one canonical form. */
    public static boolean wellFormedId(String exchangeId) {
        if (exchangeId == null || !EXCHANGE_ID.matcher(exchangeId).matches()) {
            return false;
        }
        byte[] bytes = java.util.Base64.getUrlDecoder().decode(exchangeId);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(exchangeId);
    }

    /** The stored decision, if any. */
    public Optional<StoredDecision> find(String exchangeId) {
        requireId(exchangeId);
        try (Connection c = dataSource.getConnection()) {
            return read(c, exchangeId);
        } catch (SQLException e) {
            throw new DecisionStoreException("Cannot read the decision of exchange " + exchangeId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Settles the exchange: the stored decision if there is one; otherwise {@code proposer}'s decision (it signs the
     * token; it is called only when no decision is stored yet), stored with its log entry in one transaction. If
     * another request commits a decision first, that one is returned and the proposal is discarded unreleased.
     * Returns only after the decision it reports is committed.
     *
     * @throws DecisionStoreException if the database fails (nothing may be replied; the client retries)
     */
    public Settlement settle(String exchangeId, Supplier<ProposedDecision> proposer) {
        requireId(exchangeId);
        Objects.requireNonNull(proposer, "proposer");
        Optional<StoredDecision> existing = find(exchangeId);
        if (existing.isPresent()) {
            return new Settlement(existing.get(), false);
        }
        ProposedDecision proposal = Objects.requireNonNull(proposer.get(), "the proposer returned no decision");
        return store(exchangeId, proposal);
    }

    /** Stores {@code proposal} unless a decision exists; see {@link #settle}. */
    public Settlement store(String exchangeId, ProposedDecision proposal) {
        requireId(exchangeId);
        byte[] token = proposal.token().toJson().getBytes(StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                java.time.Instant decidedAt = null;
                try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                    insert.setString(1, exchangeId);
                    insert.setString(2, proposal.protocol());
                    insert.setString(3, proposal.outcome().name());
                    insert.setString(4, proposal.finding().orElse(null));
                    insert.setString(5, proposal.token().id());
                    insert.setBytes(6, token);
                    insert.setBytes(7, proposal.request().length == 0 ? null : proposal.request());
                    try (ResultSet r = insert.executeQuery()) {
                        if (r.next()) {
                            decidedAt = r.getTimestamp(1).toInstant();
                        }
                    }
                }
                if (decidedAt != null) {
                    LogEntryWriter.append(c, List.of(new NewLogEntry(TOKEN_LOG_KIND, exchangeId, token)));
                    commit(c, exchangeId);
                    return new Settlement(new StoredDecision(exchangeId, proposal.protocol(), proposal.outcome(),
                            proposal.finding(), proposal.token().id(), token, false, decidedAt), true);
                }
                // Another transaction holds the key and has committed (ON CONFLICT waited for it): read its decision.
                c.rollback();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
            return new Settlement(read(c, exchangeId).orElseThrow(() -> new IllegalStateException(
                    "exchange " + exchangeId + " conflicted on insert but has no stored decision")), false);
        } catch (SQLException e) {
            throw new DecisionStoreException("Cannot store the decision of exchange " + exchangeId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Issues a status statement about the exchange: reads the stored decision, lets {@code signer} sign the
     * statement reporting it (empty: status {@code none}), and logs the statement, in one transaction; returns after
     * the commit. A {@code none} status says that no decision was committed when the store was read; a decision in
     * flight at that moment may commit right after it.
     */
    public StatusReport status(String exchangeId, Function<Optional<StoredDecision>, SignedStatement> signer) {
        requireId(exchangeId);
        Objects.requireNonNull(signer, "signer");
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                Optional<StoredDecision> decision = read(c, exchangeId);
                SignedStatement statement = Objects.requireNonNull(signer.apply(decision), "no status statement");
                LogEntryWriter.append(c, List.of(new NewLogEntry(STATUS_LOG_KIND, exchangeId,
                        statement.toJson().getBytes(StandardCharsets.UTF_8))));
                commit(c, exchangeId);
                return new StatusReport(statement, decision);
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw new DecisionStoreException("Cannot issue the status of exchange " + exchangeId + ": " + e.getMessage(), e);
        }
    }

    static Optional<StoredDecision> read(Connection c, String exchangeId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT)) {
            select.setString(1, exchangeId);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                byte[] stamped = r.getBytes(7);
                return Optional.of(new StoredDecision(exchangeId, r.getString(1), ExchangeOutcome.valueOf(r.getString(2)),
                        Optional.ofNullable(r.getString(3)), r.getString(4), stamped != null ? stamped : r.getBytes(5),
                        stamped != null, r.getTimestamp(6).toInstant()));
            }
        }
    }

    private static void commit(Connection c, String exchangeId) {
        try {
            c.commit();
        } catch (SQLException e) {
            throw new DecisionStoreException("The commit for exchange " + exchangeId
                    + " failed; whether it took effect is unknown until the store is read again: " + e.getMessage(), e);
        }
    }

    private static void requireId(String exchangeId) {
        if (!wellFormedId(exchangeId)) {
            throw new IllegalArgumentException("not an exchange id (base64url of 32 bytes): " + exchangeId);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it
        }
    }
}
