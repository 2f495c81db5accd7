package org.semper.runtime.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignedStatement;
import org.semper.runtime.testing.ExchangeTestDatabase;

class ExchangeDecisionsTest {

    private static ExchangeTestDatabase database;
    private static ExchangeTestTokens tokens;
    private static ExchangeDecisions decisions;

    @BeforeAll
    static void start() {
        database = ExchangeTestDatabase.start();
        tokens = new ExchangeTestTokens(database.directory());
        decisions = new ExchangeDecisions(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void theFirstDecisionIsStoredWithItsLogEntry() throws SQLException {
        String id = ExchangeTestTokens.newExchangeId();
        assertThat(decisions.find(id)).isEmpty();
        ProposedDecision abort = tokens.abort(id);

        Settlement settled = decisions.settle(id, () -> abort);

        assertThat(settled.decidedNow()).isTrue();
        StoredDecision stored = settled.decision();
        assertThat(stored.outcome()).isEqualTo(ExchangeOutcome.ABORTED);
        assertThat(stored.tokenId()).isEqualTo(abort.token().id());
        assertThat(stored.tokenJson()).isEqualTo(abort.token().toJson());
        assertThat(stored.timeStamped()).isFalse();
        assertThat(decisions.find(id)).get().satisfies(found -> {
            assertThat(found.token()).isEqualTo(stored.token());
            assertThat(found.outcome()).isEqualTo(ExchangeOutcome.ABORTED);
            assertThat(found.protocol()).isEqualTo("semper-test/1");
        });
        assertThat(logEntries(id, ExchangeDecisions.TOKEN_LOG_KIND)).containsExactly(abort.token().toJson());
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT request FROM exchange_decision WHERE exchange_id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                assertThat(r.getBytes(1)).isEqualTo(abort.request());
            }
        }
    }

    @Test
    void abortThenResolveReturnsTheStoredAbortTokenByteForByte() {
        String id = ExchangeTestTokens.newExchangeId();
        byte[] abortToken = decisions.settle(id, () -> tokens.abort(id)).decision().token();
        AtomicInteger proposals = new AtomicInteger();

        Settlement resolve = decisions.settle(id, () -> {
            proposals.incrementAndGet();
            return tokens.resolve(id);
        });
        Settlement retry = decisions.settle(id, () -> tokens.abort(id));

        assertThat(proposals).as("no token is signed once a decision exists").hasValue(0);
        assertThat(resolve.decidedNow()).isFalse();
        assertThat(resolve.decision().outcome()).isEqualTo(ExchangeOutcome.ABORTED);
        assertThat(resolve.decision().token()).isEqualTo(abortToken);
        assertThat(retry.decision().token()).isEqualTo(abortToken);
        assertThat(logEntries(id, ExchangeDecisions.TOKEN_LOG_KIND)).hasSize(1);
    }

    @Test
    void resolveThenAbortReturnsTheStoredResolveToken() {
        String id = ExchangeTestTokens.newExchangeId();
        byte[] resolveToken = decisions.settle(id, () -> tokens.resolve(id)).decision().token();

        Settlement abort = decisions.settle(id, () -> tokens.abort(id));

        assertThat(abort.decision().outcome()).isEqualTo(ExchangeOutcome.RESOLVED);
        assertThat(abort.decision().token()).isEqualTo(resolveToken);
    }

    @Test
    void aLosingProposalIsDiscardedAndTheWinnerIsReturned() {
        // store() without the read-first shortcut: the insert itself conflicts, as when two requests race.
        String id = ExchangeTestTokens.newExchangeId();
        ProposedDecision winner = tokens.resolve(id);
        ProposedDecision loser = tokens.abort(id);
        assertThat(decisions.store(id, winner).decidedNow()).isTrue();

        Settlement lost = decisions.store(id, loser);

        assertThat(lost.decidedNow()).isFalse();
        assertThat(lost.decision().tokenId()).isEqualTo(winner.token().id());
        assertThat(logEntries(id, ExchangeDecisions.TOKEN_LOG_KIND)).containsExactly(winner.token().toJson());
        assertThat(logEntriesEqualTo(loser.token().toJson())).as("the losing token never reaches the log").isZero();
    }

    @Test
    void concurrentAbortsAndResolvesOnOneExchangeYieldOneOutcome() throws Exception {
        int threads = 8;
        int exchanges = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int e = 0; e < exchanges; e++) {
                String id = ExchangeTestTokens.newExchangeId();
                List<ProposedDecision> proposals = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    proposals.add(t % 2 == 0 ? tokens.abort(id) : tokens.resolve(id));
                }
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Settlement>> replies = new ArrayList<>();
                for (ProposedDecision proposal : proposals) {
                    replies.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return decisions.store(id, proposal);
                    }));
                }
                Set<String> tokenBytes = new HashSet<>();
                int winners = 0;
                for (Future<Settlement> reply : replies) {
                    Settlement settlement = reply.get(30, TimeUnit.SECONDS);
                    tokenBytes.add(settlement.decision().tokenJson());
                    winners += settlement.decidedNow() ? 1 : 0;
                }
                assertThat(tokenBytes).as("every request of exchange %d got the same token", e).hasSize(1);
                assertThat(winners).isEqualTo(1);
                assertThat(decisions.find(id).orElseThrow().tokenJson()).isEqualTo(tokenBytes.iterator().next());
                assertThat(logEntries(id, ExchangeDecisions.TOKEN_LOG_KIND)).containsExactlyElementsOf(tokenBytes);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void storedDecisionsCannotBeRewrittenOrRemoved() {
        String id = ExchangeTestTokens.newExchangeId();
        decisions.settle(id, () -> tokens.abort(id));

        assertThatThrownBy(() -> execute("UPDATE exchange_decision SET outcome = 'RESOLVED' WHERE exchange_id = '" + id + "'"))
                .hasMessageContaining("insert-only");
        assertThatThrownBy(() -> execute("DELETE FROM exchange_decision WHERE exchange_id = '" + id + "'"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> execute("TRUNCATE exchange_decision CASCADE")).hasMessageContaining("insert-only");
        assertThat(decisions.find(id).orElseThrow().outcome()).isEqualTo(ExchangeOutcome.ABORTED);
    }

    @Test
    void theDatabaseRefusesAFindingOnAnAbortAndMalformedIds() {
        SignedStatement token = tokens.token(ExchangeTestTokens.newExchangeId(), "aborted");
        assertThatThrownBy(() -> execute("INSERT INTO exchange_decision (exchange_id, protocol, outcome, finding, token_id, "
                + "token) VALUES ('" + ExchangeTestTokens.newExchangeId() + "', 'x', 'ABORTED', 'escrow-invalid', '" + token.id()
                + "', 'x')")).hasMessageContaining("check");
        assertThatThrownBy(() -> execute("INSERT INTO exchange_decision (exchange_id, protocol, outcome, token_id, token) "
                + "VALUES ('not-an-id', 'x', 'ABORTED', '" + token.id() + "', 'x')")).hasMessageContaining("check");
        assertThatThrownBy(() -> decisions.find("not-an-id")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExchangeDecisions.wellFormedId("x".repeat(43))).as("not canonical base64url of 32 bytes").isFalse();
        assertThat(ExchangeDecisions.wellFormedId(ExchangeTestTokens.newExchangeId())).isTrue();
        assertThatCode(() -> ProposedDecision.affidavit("x", "escrow-invalid", token, null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new ProposedDecision("x", ExchangeOutcome.ABORTED, Optional.of("f"), token, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAffidavitIsAResolveWithAFinding() {
        String id = ExchangeTestTokens.newExchangeId();
        ProposedDecision affidavit = ProposedDecision.affidavit("semper-test/1", "escrow-invalid",
                tokens.token(id, "affidavit"), null);

        StoredDecision stored = decisions.settle(id, () -> affidavit).decision();

        assertThat(stored.outcome()).isEqualTo(ExchangeOutcome.RESOLVED);
        assertThat(stored.finding()).contains("escrow-invalid");
        assertThat(stored.affidavit()).isTrue();
        assertThat(decisions.settle(id, () -> tokens.abort(id)).decision().finding()).contains("escrow-invalid");
    }

    @Test
    void aStatusStatementReportsTheStoredDecisionAndIsLogged() {
        String decided = ExchangeTestTokens.newExchangeId();
        StoredDecision stored = decisions.settle(decided, () -> tokens.resolve(decided)).decision();
        String undecided = ExchangeTestTokens.newExchangeId();

        StatusReport resolved = decisions.status(decided, d -> tokens.token(decided,
                d.map(x -> x.outcome().name().toLowerCase() + ":" + x.tokenId()).orElse("none")));
        StatusReport none = decisions.status(undecided, d -> tokens.token(undecided,
                d.map(x -> x.outcome().name()).orElse("none")));

        assertThat(resolved.decision()).get().extracting(StoredDecision::tokenId).isEqualTo(stored.tokenId());
        assertThat(resolved.statement().payload().get("msg").asText()).isEqualTo("resolved:" + stored.tokenId());
        assertThat(none.decision()).isEmpty();
        assertThat(none.statement().payload().get("msg").asText()).isEqualTo("none");
        assertThat(logEntries(decided, ExchangeDecisions.STATUS_LOG_KIND)).containsExactly(resolved.statement().toJson());
        assertThat(logEntries(undecided, ExchangeDecisions.STATUS_LOG_KIND)).containsExactly(none.statement().toJson());
        assertThat(decisions.find(undecided)).as("a status query decides nothing").isEmpty();
    }

    @Test
    void aFailingSignerLeavesNoStatusInTheLog() {
        String id = ExchangeTestTokens.newExchangeId();
        assertThatThrownBy(() -> decisions.status(id, d -> {
            throw new IllegalStateException("key gone");
        })).hasMessageContaining("key gone");
        assertThat(logEntries(id, ExchangeDecisions.STATUS_LOG_KIND)).isEmpty();
    }

    static List<String> logEntries(String ref, String kind) {
        List<String> entries = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT entry FROM log_entry WHERE ref = ? AND kind = ? ORDER BY seq")) {
            q.setString(1, ref);
            q.setString(2, kind);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    entries.add(new String(r.getBytes(1), StandardCharsets.UTF_8));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return entries;
    }

    private static int logEntriesEqualTo(String json) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM log_entry WHERE entry = ?")) {
            q.setBytes(1, json.getBytes(StandardCharsets.UTF_8));
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
