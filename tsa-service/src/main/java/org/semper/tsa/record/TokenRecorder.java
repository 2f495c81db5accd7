package org.semper.tsa.record;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;
import org.semper.tsa.TsaConfig;
import org.semper.tsa.token.IssuedToken;
import org.semper.tsa.token.TokenLedger;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The durable record of issued tokens, with group commit: requests queue their token, writer threads take
 * whatever has queued (up to {@code max-batch}) and commit it in one transaction, together with one transparency-log
 * entry per token, then release every waiting reply. One fsync serves many tokens, so the database does not cap throughput, and no reply leaves before its
 * token is committed. A full queue refuses new tokens instead of growing without bound.
 */
@ApplicationScoped
public class TokenRecorder implements TokenLedger {

    private static final Logger LOG = Logger.getLogger(TokenRecorder.class);
    /** Log entry kind of an issued time-stamp token; the entry is the token's DER bytes. */
    public static final String LOG_KIND = "tsa-token";
    private static final String INSERT = "INSERT INTO issued_token "
            + "(serial_number, gen_time, policy, hash_algorithm, imprint, nonce, token) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private record Pending(IssuedToken token, CompletableFuture<Void> committed) {
    }

    private final DataSource dataSource;
    private final int maxBatch;
    private final int writers;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writerThreads = new ArrayList<>();
    private final DistributionSummary batchSizes;
    private final Timer commitTimer;
    private volatile boolean accepting = true;
    private volatile boolean running = true;

    @Inject
    public TokenRecorder(DataSource dataSource, TsaConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.maxBatch = config.recording().maxBatch();
        this.writers = config.recording().writers();
        this.queue = new ArrayBlockingQueue<>(config.recording().queueCapacity());
        this.batchSizes = DistributionSummary.builder("semper.tsa.record.batch.size")
                .description("Tokens committed per transaction").register(metrics);
        this.commitTimer = Timer.builder("semper.tsa.record.commit").description("Time to write and commit one batch")
                .register(metrics);
        metrics.gauge("semper.tsa.record.queue", queue, BlockingQueue::size);
    }

    void start(@Observes StartupEvent event) {
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::writeLoop, "tsa-token-recorder-" + i);
            t.setDaemon(true);
            t.start();
            writerThreads.add(t);
        }
    }

    @Override
    public CompletionStage<Void> append(IssuedToken token) {
        CompletableFuture<Void> committed = new CompletableFuture<>();
        if (!accepting) {
            committed.completeExceptionally(new IllegalStateException("the TSA is shutting down"));
        } else if (!queue.offer(new Pending(token, committed))) {
            committed.completeExceptionally(new IllegalStateException("record queue full (" + queue.size() + ")"));
        }
        return committed;
    }

    /** Stops taking tokens, then lets the writers commit what is queued before the database goes away. */
    void stop(@Observes @Priority(10) ShutdownEvent event) {
        accepting = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!queue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running = false;
        for (Thread t : writerThreads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.committed().completeExceptionally(new IllegalStateException("the TSA shut down")));
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Pending p : batch) {
                    IssuedToken t = p.token();
                    insert.setBigDecimal(1, new BigDecimal(t.serialNumber()));
                    insert.setTimestamp(2, Timestamp.from(t.genTime()));
                    insert.setString(3, t.policy());
                    insert.setString(4, t.hashAlgorithm().jcaName());
                    insert.setBytes(5, t.imprint());
                    insert.setBigDecimal(6, t.nonce() == null ? null : new BigDecimal(t.nonce()));
                    insert.setBytes(7, t.tokenDer());
                    insert.addBatch();
                }
                insert.executeBatch();
                // Same transaction: a token is in the record and in the transparency log, or in neither.
                LogEntryWriter.append(connection, batch.stream()
                        .map(p -> new NewLogEntry(LOG_KIND, p.token().serialNumber().toString(), p.token().tokenDer()))
                        .toList());
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            LOG.errorf("Could not commit %d issued tokens: %s", batch.size(), e.getMessage());
            batch.forEach(p -> p.committed().completeExceptionally(e));
            return;
        }
        commitTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        batchSizes.record(batch.size());
        batch.forEach(p -> p.committed().complete(null));
    }
}
