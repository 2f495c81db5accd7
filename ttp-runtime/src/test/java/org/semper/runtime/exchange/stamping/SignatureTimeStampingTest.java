package org.semper.runtime.exchange.stamping;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignatureTimeStamps;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.ExchangeTestTokens;
import org.semper.runtime.exchange.StoredDecision;
import org.semper.runtime.testing.ExchangeTestDatabase;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.InProcessTsa;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class SignatureTimeStampingTest {

    private static ExchangeTestDatabase database;
    private static ExchangeTestTokens tokens;
    private static ExchangeDecisions decisions;
    private static InProcessTsa tsa;
    private static TimeStampTokenVerifier verifier;
    private static SimpleMeterRegistry metrics;
    private static SignatureTimeStamping job;

    /** Immediate retries, so that a test can switch the TSA back on and stamp at once. */
    record Config(Duration retryAfter) implements TimeStampingConfig {
        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public Optional<URI> tsaUrl() {
            return Optional.of(tsa.url());
        }

        @Override
        public Optional<List<Path>> trustAnchors() {
            return Optional.empty();
        }

        @Override
        public Optional<String> policy() {
            return Optional.empty();
        }

        @Override
        public Duration interval() {
            return Duration.ofMillis(100);
        }

        @Override
        public int batch() {
            return 50;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration maxRetryAfter() {
            return Duration.ofMinutes(15);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = ExchangeTestDatabase.start();
        tokens = new ExchangeTestTokens(database.directory());
        decisions = new ExchangeDecisions(database.dataSource());
        tsa = InProcessTsa.underLocalAnchor(database.directory(), InProcessTsa.Mode.DOWN);
        verifier = new TimeStampTokenVerifier(TrustAnchors.fromPem(database.directory().resolve("local-ca/root.pem")));
        metrics = new SimpleMeterRegistry();
        job = job(verifier, Duration.ZERO);
    }

    private static SignatureTimeStamping job(TimeStampTokenVerifier verifier, Duration retryAfter) {
        Config config = new Config(retryAfter);
        return new SignatureTimeStamping(database.dataSource(), new TimeStampAuthorityClient(tsa.url(), config.timeout()),
                verifier, config, metrics);
    }

    @AfterAll
    static void stop() {
        job.stop();
        tsa.close();
        database.close();
    }

    @Test
    void aDecisionDoesNotWaitForADownTsaAndIsStampedOnceItAnswers() throws Exception {
        tsa.mode(InProcessTsa.Mode.DOWN);
        String id = ExchangeTestTokens.newExchangeId();
        StoredDecision issued = decisions.settle(id, () -> tokens.abort(id)).decision();
        assertThat(job.pendingIds()).contains(id);

        SignatureTimeStamping.Round down = job.stampDue();

        assertThat(down.failed()).isPositive();
        assertThat(decisions.find(id).orElseThrow().token()).isEqualTo(issued.token());
        assertThat(job.pendingIds()).contains(id);
        assertThat(lastError(id)).contains("503");
        assertThat(metrics.get("semper.exchange.timestamps.pending").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(metrics.get("semper.exchange.timestamps.failures").counter().count()).isPositive();

        tsa.mode(InProcessTsa.Mode.GRANT);
        SignatureTimeStamping.Round up = job.stampDue();

        assertThat(up.stamped()).isPositive();
        assertThat(job.pendingIds()).doesNotContain(id);
        StoredDecision stamped = decisions.find(id).orElseThrow();
        assertThat(stamped.timeStamped()).isTrue();
        SignedStatement original = issued.statement();
        SignedStatement bt = stamped.statement();
        assertThat(bt.id()).isEqualTo(original.id()).isEqualTo(stamped.tokenId());
        assertThat(bt.compact()).as("the signed part is unchanged").isEqualTo(original.compact());
        assertThat(stamped.tokenJson()).contains("\"etsiU\"").isNotEqualTo(issued.tokenJson());
        assertThat(bt.signatureTimeStamps()).hasSize(1);
        assertThat(SignatureTimeStamps.verify(verifier, bt, bt.signatureTimeStamps().get(0)).passed()).isTrue();
        assertThat(logEntries(id, ExchangeDecisions.STAMPED_TOKEN_LOG_KIND)).containsExactly(stamped.tokenJson());
        assertThat(metrics.get("semper.exchange.timestamps.added").counter().count()).isPositive();

        int granted = tsa.granted();
        job.stampDue();
        assertThat(tsa.granted()).as("a stamped token is not stamped again").isEqualTo(granted);
        assertThat(decisions.find(id).orElseThrow().token()).isEqualTo(stamped.token());
        assertThat(decisions.settle(id, () -> tokens.resolve(id)).decision().token())
                .as("retries now return the B-T token, byte for byte").isEqualTo(stamped.token());
    }

    @Test
    void aTimeStampOverOtherDataIsNotAttached() throws Exception {
        tsa.mode(InProcessTsa.Mode.WRONG_IMPRINT);
        String id = ExchangeTestTokens.newExchangeId();
        decisions.settle(id, () -> tokens.resolve(id));

        job.stampDue();

        assertThat(decisions.find(id).orElseThrow().timeStamped()).isFalse();
        assertThat(job.pendingIds()).contains(id);
        assertThat(lastError(id)).contains("does not verify");
    }

    @Test
    void aTimeStampFromAnUntrustedTsaIsNotAttached() throws Exception {
        tsa.mode(InProcessTsa.Mode.GRANT);
        try (InProcessCa other = InProcessCa.start("Other Root")) {
            SignatureTimeStamping distrustful = job(new TimeStampTokenVerifier(TrustAnchors.of(other.root())), Duration.ZERO);
            String id = ExchangeTestTokens.newExchangeId();
            decisions.settle(id, () -> tokens.abort(id));

            distrustful.stampDue();

            assertThat(decisions.find(id).orElseThrow().timeStamped()).isFalse();
            assertThat(lastError(id)).contains("does not verify");
        }
    }

    @Test
    void failedTokensAreRetriedWithBackOff() throws Exception {
        tsa.mode(InProcessTsa.Mode.DOWN);
        SignatureTimeStamping patient = job(verifier, Duration.ofSeconds(30));
        String id = ExchangeTestTokens.newExchangeId();
        decisions.settle(id, () -> tokens.abort(id));

        patient.stampDue();

        Instant next = nextAttempt(id);
        assertThat(next).isAfter(Instant.now().plusSeconds(20));
        tsa.mode(InProcessTsa.Mode.GRANT);
        patient.stampDue();
        assertThat(decisions.find(id).orElseThrow().timeStamped()).as("not due yet").isFalse();
    }

    @Test
    void theBackgroundLoopStampsByItself() throws Exception {
        tsa.mode(InProcessTsa.Mode.GRANT);
        String id = ExchangeTestTokens.newExchangeId();
        decisions.settle(id, () -> tokens.abort(id));
        job.start();
        try {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!decisions.find(id).orElseThrow().timeStamped() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
        } finally {
            job.stop();
        }
        assertThat(decisions.find(id).orElseThrow().timeStamped()).isTrue();
    }

    @Test
    void anyRegisteredStatementTableIsStampedWithItsIdsUnchanged() throws Exception {
        // a service's own evidence table (text statements, another key than the exchange id), with its queue and
        // insert-only stamped table, registered as a source next to the exchange tokens
        StampedStatements evidence = new StampedStatements("test evidence", "test_evidence", "statement_id", "exchange_id",
                "statement", "test_evidence_stamp_pending", "test_evidence_timestamp", "stamped_statement",
                "test-evidence-stamped");
        try (Connection c = database.dataSource().getConnection(); java.sql.Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS test_evidence (statement_id text PRIMARY KEY, exchange_id text NOT NULL, "
                    + "statement text NOT NULL)");
            ddl.execute("CREATE TABLE IF NOT EXISTS test_evidence_stamp_pending (statement_id text PRIMARY KEY, "
                    + "queued_at timestamptz NOT NULL DEFAULT now(), attempts integer NOT NULL DEFAULT 0, "
                    + "next_attempt timestamptz NOT NULL DEFAULT now(), last_error varchar(500))");
            ddl.execute("CREATE TABLE IF NOT EXISTS test_evidence_timestamp (statement_id text PRIMARY KEY, "
                    + "stamped_statement bytea NOT NULL, gen_time timestamptz NOT NULL)");
        }
        tsa.mode(InProcessTsa.Mode.GRANT);
        String exchange = ExchangeTestTokens.newExchangeId();
        SignedStatement statement = decisions.settle(exchange, () -> tokens.abort(exchange)).decision().statement();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO test_evidence VALUES (?, ?, ?)");
                PreparedStatement queue = c.prepareStatement("INSERT INTO test_evidence_stamp_pending (statement_id) VALUES (?)")) {
            insert.setString(1, statement.id());
            insert.setString(2, exchange);
            insert.setString(3, statement.toJson());
            insert.executeUpdate();
            queue.setString(1, statement.id());
            queue.executeUpdate();
        }
        Config config = new Config(Duration.ZERO);
        SignatureTimeStamping both = new SignatureTimeStamping(database.dataSource(),
                new TimeStampAuthorityClient(tsa.url(), config.timeout()), verifier, config, metrics,
                List.of(StampedStatements.EXCHANGE_TOKENS, evidence));
        assertThat(both.pendingIds(evidence)).containsExactly(statement.id());

        both.stampDue();

        assertThat(both.pendingIds(evidence)).isEmpty();
        assertThat(decisions.find(exchange).orElseThrow().timeStamped()).as("the exchange tokens too").isTrue();
        String stored;
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT stamped_statement FROM test_evidence_timestamp "
                        + "WHERE statement_id = ?")) {
            q.setString(1, statement.id());
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).as("the stamped form is stored").isTrue();
                stored = new String(r.getBytes(1), StandardCharsets.UTF_8);
            }
        }
        SignedStatement bt = SignedStatement.parse(stored);
        assertThat(bt.id()).isEqualTo(statement.id());
        assertThat(bt.compact()).isEqualTo(statement.compact());
        assertThat(bt.signatureTimeStamps()).hasSize(1);
        assertThat(SignatureTimeStamps.verify(verifier, bt, bt.signatureTimeStamps().get(0)).passed()).isTrue();
        assertThat(logEntries(exchange, "test-evidence-stamped")).as("logged under the ref column").containsExactly(stored);
    }

    private static String lastError(String id) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT last_error FROM exchange_stamp_pending WHERE exchange_id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static Instant nextAttempt(String id) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT next_attempt FROM exchange_stamp_pending WHERE exchange_id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getTimestamp(1).toInstant();
            }
        }
    }

    private static List<String> logEntries(String ref, String kind) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT entry FROM log_entry WHERE ref = ? AND kind = ? ORDER BY seq")) {
            q.setString(1, ref);
            q.setString(2, kind);
            try (ResultSet r = q.executeQuery()) {
                List<String> entries = new java.util.ArrayList<>();
                while (r.next()) {
                    entries.add(new String(r.getBytes(1), StandardCharsets.UTF_8));
                }
                return entries;
            }
        }
    }
}
