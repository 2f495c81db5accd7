package org.semper.runtime.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignedStatement;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.ExchangeTestTokens;
import org.semper.runtime.exchange.StoredDecision;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;
import org.semper.runtime.testing.ExchangeTestDatabase;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Reply;

/**
 * The race tests' judge must be able to fail: a clean race passes, and each kind of contradiction between the
 * store, the log and what clients received is reported.
 */
class DecisionAuditTest {

    private static final URI INSTANCE = URI.create("http://127.0.0.1:1");
    private static final Set<String> EITHER = Set.of(DecisionAudit.ABORTED, DecisionAudit.RESOLVED);

    private ExchangeTestDatabase database;
    private ExchangeTestTokens tokens;
    private ExchangeDecisions decisions;

    @BeforeEach
    void start() {
        database = ExchangeTestDatabase.start();
        tokens = new ExchangeTestTokens(database.directory());
        decisions = new ExchangeDecisions(database.dataSource());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aRaceWhoseRepliesAllAgreeWithTheStoreIsClean() {
        String aborted = ExchangeTestTokens.newExchangeId();
        String resolved = ExchangeTestTokens.newExchangeId();
        StoredDecision abort = decisions.settle(aborted, () -> tokens.abort(aborted)).decision();
        StoredDecision resolve = decisions.settle(resolved, () -> tokens.resolve(resolved)).decision();
        List<Reply> replies = List.of(reply(abort, abort.token(), "aborted"), reply(abort, abort.token(), "aborted"),
                reply(resolve, resolve.token(), "resolved"), reply503(aborted));

        DecisionAudit.Report report = DecisionAudit.check(database.dataSource(),
                List.of(race(aborted, EITHER), race(resolved, EITHER)), replies, new ArrayList<>()).assertClean();

        assertThat(report.decisions()).hasSize(2);
        assertThat(report.outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("aborted", 1, "resolved", 1));
        assertThat(report.acknowledgedReplies()).isEqualTo(3);
    }

    @Test
    void everyContradictionIsReported() throws Exception {
        String a = ExchangeTestTokens.newExchangeId();
        String undecided = ExchangeTestTokens.newExchangeId();
        String forbidden = ExchangeTestTokens.newExchangeId();
        String stray = ExchangeTestTokens.newExchangeId();
        StoredDecision abort = decisions.settle(a, () -> tokens.abort(a)).decision();
        StoredDecision resolve = decisions.settle(forbidden, () -> tokens.resolve(forbidden)).decision();
        decisions.settle(stray, () -> tokens.abort(stray));
        // a token that lost the race but was logged anyway, and replied to a client
        SignedStatement loser = tokens.token(a, "resolved");
        try (Connection c = database.dataSource().getConnection()) {
            LogEntryWriter.append(c, List.of(new NewLogEntry(ExchangeDecisions.TOKEN_LOG_KIND, a,
                    loser.toJson().getBytes(StandardCharsets.UTF_8))));
        }
        List<Reply> replies = List.of(
                reply(abort, abort.token(), "aborted"),
                reply(abort, loser.toJson().getBytes(StandardCharsets.UTF_8), "aborted"),
                reply(abort, abort.token(), "resolved"),
                reply(resolve, resolve.token(), "resolved"),
                new Reply(a, "abort", INSTANCE, 409, headers(Map.of()), "{}".getBytes(), 1, 1));

        List<String> violations = DecisionAudit.check(database.dataSource(),
                List.of(race(a, EITHER), race(undecided, EITHER), race(forbidden, Set.of(DecisionAudit.ABORTED))),
                replies, new ArrayList<>()).violations();

        assertThat(violations).anySatisfy(v -> assertThat(v).startsWith(a).contains("got token " + loser.id()))
                .anySatisfy(v -> assertThat(v).startsWith(a).contains("header Semper-Exchange-Outcome is resolved"))
                .anySatisfy(v -> assertThat(v).startsWith(a).contains("2 token log entries"))
                .anySatisfy(v -> assertThat(v).startsWith(a).contains("HTTP 409"))
                .anySatisfy(v -> assertThat(v).startsWith(undecided).contains("no decision stored"))
                .anySatisfy(v -> assertThat(v).startsWith(forbidden).contains("outcome resolved not among [aborted]"))
                .anySatisfy(v -> assertThat(v).startsWith(stray).contains("nobody asked about"))
                .hasSize(7);
        assertThatThrownBy(() -> new DecisionAudit.Report(Map.of(), Map.of(), 0, 0, violations).assertClean())
                .isInstanceOf(AssertionError.class).hasMessageContaining("7 violation(s)");
    }

    private static RaceExchange race(String id, Set<String> outcomes) {
        return new RaceExchange(id, outcomes, List.of());
    }

    private static Reply reply(StoredDecision decision, byte[] body, String outcomeHeader) {
        return new Reply(decision.exchangeId(), "request", INSTANCE, 200, headers(Map.of(
                "Semper-Exchange-Id", decision.exchangeId(), "Semper-Token-Id", decision.tokenId(),
                "Semper-Exchange-Outcome", outcomeHeader)), body, 1, 1);
    }

    private static Reply reply503(String id) {
        return new Reply(id, "request", INSTANCE, 503, headers(Map.of()), new byte[0], 1, 1);
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        values.forEach((k, v) -> map.put(k, List.of(v)));
        return HttpHeaders.of(map, (k, v) -> true);
    }
}
