package org.semper.runtime.exchange.stamping;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignatureTimeStamps;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.timestamp.TimeStampQuery;
import org.semper.evidence.timestamp.TimeStampReply;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Adds a JAdES signature time-stamp ({@code header.etsiU[].sigTst}, B-T; ETSI TS 119 182-1 §5.3.4) to every stored
 * statement of its sources ({@link StampedStatements}: the exchange tokens, and e.g. certified mail's relay evidence),
 * after the decision, in the background. A decision never waits for the TSA and never fails because
 * of it: tokens are queued by the database with their decision ({@code exchange_stamp_pending}) and this job
 * works the queue whenever the TSA answers.
 *
 * <p>Per round, in one short transaction, the job claims due tokens with {@code FOR UPDATE SKIP LOCKED} and leases
 * them (so replicas share the work and never block each other); then, outside any transaction, asks the TSA for a
 * time-stamp over each token's signature value and verifies the reply (imprint, nonce, TSA signature and chain to
 * the configured anchors); then, in one transaction per token, stores the B-T token
 * ({@code exchange_timestamp}, insert-only, first writer wins), logs it, and removes it from the queue. A failure
 * reschedules the token with exponential back-off. The token's id {@code H(s)} is unchanged by construction
 * ({@link SignedStatement#withSignatureTimeStamp}) and checked before storing.
 *
 * <p>Metrics: {@code semper.exchange.timestamps.pending} (tokens waiting), {@code ...oldest.seconds} (age of the
 * oldest), counters {@code ...added} and {@code ...failures}.
 */
public final class SignatureTimeStamping {

    private static final Logger LOG = Logger.getLogger(SignatureTimeStamping.class);

    /** What one round did. */
    public record Round(int stamped, int failed) {
    }

    private final DataSource dataSource;
    private final TimeStampAuthorityClient tsa;
    private final TimeStampTokenVerifier verifier;
    private final TimeStampingConfig config;
    private final List<StampedStatements> sources;
    private final Counter added;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestQueuedMillis = new AtomicLong();
    private volatile boolean running;
    private volatile boolean tsaReachable = true;
    private Thread thread;

    public SignatureTimeStamping(DataSource dataSource, TimeStampAuthorityClient tsa, TimeStampTokenVerifier verifier,
            TimeStampingConfig config, MeterRegistry metrics) {
        this(dataSource, tsa, verifier, config, metrics, List.of(StampedStatements.EXCHANGE_TOKENS));
    }

    /** A job for the statements of {@code sources} (each round serves every source, up to one batch each). */
    public SignatureTimeStamping(DataSource dataSource, TimeStampAuthorityClient tsa, TimeStampTokenVerifier verifier,
            TimeStampingConfig config, MeterRegistry metrics, List<StampedStatements> sources) {
        this.sources = List.copyOf(sources);
        if (this.sources.isEmpty()) {
            throw new IllegalArgumentException("nothing to time-stamp");
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.tsa = Objects.requireNonNull(tsa, "tsa");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.config = Objects.requireNonNull(config, "config");
        this.added = Counter.builder("semper.exchange.timestamps.added")
                .description("Tokens given their signature time-stamp (B-T)").register(metrics);
        this.failures = Counter.builder("semper.exchange.timestamps.failures")
                .description("Failed attempts to time-stamp a token (TSA unreachable, refusing or wrong)").register(metrics);
        metrics.gauge("semper.exchange.timestamps.pending", pending, AtomicLong::get);
        metrics.gauge("semper.exchange.timestamps.oldest.seconds", oldestQueuedMillis,
                t -> t.get() == 0 ? 0 : Math.max(0, System.currentTimeMillis() - t.get()) / 1000.0);
    }

    /** Starts the background loop (a daemon thread). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "semper-exchange-timestamping");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Time-stamping exchange tokens with %s every %s", tsa.url(), config.interval());
    }

    /** Stops the loop; work in flight is either stored or left queued. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(config.timeout().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /** Tokens waiting for a time-stamp, as of the last round (or {@link #refreshBacklog()}). */
    public long pending() {
        return pending.get();
    }

    private void run() {
        while (running) {
            boolean more = false;
            try {
                Round round = stampDue();
                more = round.stamped() + round.failed() >= config.batch() && round.failed() == 0;
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Time-stamping round failed, will retry: %s", e.getMessage());
            }
            if (!more) {
                try {
                    Thread.sleep(config.interval().toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** One round: claims due statements of every source, time-stamps and stores them. Also called by tests. */
    public Round stampDue() throws SQLException {
        int stamped = 0;
        int failed = 0;
        for (StampedStatements source : sources) {
            Round round = stampDue(source);
            stamped += round.stamped();
            failed += round.failed();
        }
        refreshBacklog();
        return new Round(stamped, failed);
    }

    private Round stampDue(StampedStatements source) throws SQLException {
        Map<String, Integer> claimed = claim(source);
        int stamped = 0;
        int failed = 0;
        if (!claimed.isEmpty()) {
            for (Stored statement : statements(source, claimed.keySet())) {
                try {
                    store(source, statement, timeStamp(statement.key(), statement.bytes()));
                    stamped++;
                    added.increment();
                    if (!tsaReachable) {
                        tsaReachable = true;
                        LOG.infof("TSA %s answers again; time-stamping the queued statements", tsa.url());
                    }
                } catch (TimeStampingException e) {
                    failed++;
                    failures.increment();
                    if (tsaReachable) {
                        tsaReachable = false;
                        LOG.warnf("Cannot time-stamp %s now (decisions are not affected; will retry): %s", source.name(),
                                e.getMessage());
                    }
                    reschedule(source, statement.key(), claimed.get(statement.key()), e.getMessage());
                }
            }
        }
        return new Round(stamped, failed);
    }

    /** Re-reads the backlog gauges. */
    public void refreshBacklog() throws SQLException {
        long count = 0;
        long oldestMillis = 0;
        try (Connection c = dataSource.getConnection()) {
            for (StampedStatements source : sources) {
                try (PreparedStatement q = c.prepareStatement(source.backlog()); ResultSet r = q.executeQuery()) {
                    r.next();
                    count += r.getLong(1);
                    java.sql.Timestamp oldest = r.getTimestamp(2);
                    if (oldest != null && (oldestMillis == 0 || oldest.getTime() < oldestMillis)) {
                        oldestMillis = oldest.getTime();
                    }
                }
            }
        }
        pending.set(count);
        oldestQueuedMillis.set(oldestMillis);
    }

    private Map<String, Integer> claim(StampedStatements source) throws SQLException {
        // The lease keeps other replicas off these tokens while the TSA is asked (at most one timeout per token).
        long leaseSeconds = config.timeout().multipliedBy(config.batch() + 1L).toSeconds() + 1;
        Map<String, Integer> claimed = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(source.claim())) {
            q.setDouble(1, leaseSeconds);
            q.setInt(2, config.batch());
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    claimed.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return claimed;
    }

    /** A stored statement: its key in its table, the log reference, its bytes as stored. */
    private record Stored(String key, String ref, byte[] bytes) {
    }

    private List<Stored> statements(StampedStatements source, java.util.Set<String> keys) throws SQLException {
        List<Stored> statements = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(source.statements())) {
            q.setArray(1, c.createArrayOf("varchar", keys.toArray()));
            try (ResultSet r = q.executeQuery()) {
                boolean binary = isBinary(r.getMetaData().getColumnType(3));
                while (r.next()) {
                    statements.add(new Stored(r.getString(1), r.getString(2),
                            binary ? r.getBytes(3) : r.getString(3).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return statements;
    }

    private static boolean isBinary(int sqlType) {
        return sqlType == java.sql.Types.BINARY || sqlType == java.sql.Types.VARBINARY
                || sqlType == java.sql.Types.LONGVARBINARY || sqlType == java.sql.Types.BLOB;
    }

    /** A token with its verified signature time-stamp. */
    private record Stamped(SignedStatement token, Instant genTime) {
    }

    private Stamped timeStamp(String exchangeId, byte[] tokenBytes) throws TimeStampingException {
        SignedStatement token;
        try {
            token = SignedStatement.parse(new String(tokenBytes, StandardCharsets.UTF_8), Integer.MAX_VALUE);
        } catch (MalformedStatementException e) {
            throw new TimeStampingException("stored token of " + exchangeId + " does not parse: " + e.getMessage(), e);
        }
        TimeStampQuery.Builder builder = SignatureTimeStamps.query(token).certificateRequested(true);
        config.policy().ifPresent(builder::policy);
        TimeStampQuery query = builder.build();
        TimeStampReply reply = tsa.request(query);
        if (!reply.granted() || reply.token().isEmpty()) {
            throw new TimeStampingException("TSA " + tsa.url() + " refused: " + reply.status()
                    + reply.statusText().map(t -> " (" + t + ")").orElse("") + " " + reply.failureInfo());
        }
        byte[] tst = reply.token().get();
        TimeStampVerification verification = verifier.verifyReplyTo(query, tst);
        if (!verification.passed()) {
            throw new TimeStampingException("the time-stamp from " + tsa.url() + " does not verify: "
                    + verification.indication() + "/" + verification.subIndication() + " " + verification.message());
        }
        SignedStatement stamped = token.withSignatureTimeStamp(tst);
        if (!stamped.id().equals(token.id())) {
            throw new IllegalStateException("adding a time-stamp changed the statement id of " + exchangeId);
        }
        return new Stamped(stamped, verification.genTime().orElseThrow());
    }

    private void store(StampedStatements source, Stored statement, Stamped stamped) throws SQLException {
        byte[] bytes = stamped.token().toJson().getBytes(StandardCharsets.UTF_8);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean inserted;
                try (PreparedStatement insert = c.prepareStatement(source.store())) {
                    insert.setString(1, statement.key());
                    insert.setBytes(2, bytes);
                    insert.setTimestamp(3, java.sql.Timestamp.from(stamped.genTime()));
                    try (ResultSet r = insert.executeQuery()) {
                        inserted = r.next();
                    }
                }
                if (inserted) {
                    LogEntryWriter.append(c, List.of(new NewLogEntry(source.logKind(), statement.ref(), bytes)));
                }
                try (PreparedStatement dequeue = c.prepareStatement(source.dequeue())) {
                    dequeue.setString(1, statement.key());
                    dequeue.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void reschedule(StampedStatements source, String key, int attempts, String error) throws SQLException {
        Duration wait = config.retryAfter().multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        if (wait.compareTo(config.maxRetryAfter()) > 0) {
            wait = config.maxRetryAfter();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(source.reschedule())) {
            q.setDouble(1, wait.toMillis() / 1000.0);
            q.setString(2, error == null ? null : error.length() > 500 ? error.substring(0, 500) : error);
            q.setString(3, key);
            q.executeUpdate();
        }
    }

    /** The ids of exchange tokens still waiting (tests, operations). */
    public List<String> pendingIds() throws SQLException {
        return pendingIds(StampedStatements.EXCHANGE_TOKENS);
    }

    /** The keys of the statements of {@code source} still waiting (tests, operations). */
    public List<String> pendingIds(StampedStatements source) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(source.pending());
                ResultSet r = q.executeQuery()) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
