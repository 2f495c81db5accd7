package org.semper.runtime.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleProofs;
import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.ProofVerificationException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Folds newly appended entries into the Merkle tree and signs a checkpoint, at least every
 * {@code semper.log.sequencer.interval} while there are new entries.
 *
 * <p>Exactly one instance sequences at a time across all replicas: the one holding a PostgreSQL session-level
 * advisory lock on its dedicated connection. If that instance dies, its session ends, the lock is released and
 * another replica takes over on its next tick. Each integration is one transaction (the new {@code log_leaf} rows
 * giving entries their leaf index, their removal from the {@code log_pending} queue, the new nodes and the checkpoint
 * commit together, or not at all), so a crash loses or reorders nothing. Entries themselves are never rewritten. Before signing, the new
 * root is checked to be consistent with the previous checkpoint (RFC 9162 §2.1.4), so the log never signs two
 * inconsistent checkpoints even if its tables were tampered with.
 */
@ApplicationScoped
public class LogSequencer {

    private static final Logger LOG = Logger.getLogger(LogSequencer.class);
    /** Advisory lock key: ASCII "SEMPLOG". Each service has its own database. */
    static final long LOCK_KEY = 0x53454D504C4F47L;

    private final DataSource dataSource;
    private final LogCheckpoints checkpoints;
    private final LogConfig config;
    private final Timer integrationTimer;
    private final AtomicLong treeSize = new AtomicLong(-1);
    private final AtomicLong lastCheckpointMillis = new AtomicLong(0);
    private volatile boolean leader;
    private volatile boolean running = true;
    private Thread thread;
    private Connection lockConnection;

    @Inject
    public LogSequencer(DataSource dataSource, LogCheckpoints checkpoints, LogConfig config, MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.config = config;
        this.integrationTimer = Timer.builder("semper.log.integration").description("Time to integrate a batch and sign a checkpoint")
                .register(metrics);
        metrics.gauge("semper.log.size", treeSize, AtomicLong::get);
        metrics.gauge("semper.log.sequencer.leader", this, s -> s.leader ? 1 : 0);
        metrics.gauge("semper.log.checkpoint.age.seconds", lastCheckpointMillis,
                t -> t.get() == 0 ? Double.NaN : (System.currentTimeMillis() - t.get()) / 1000.0);
    }

    void start(@Observes StartupEvent event) {
        thread = new Thread(this::run, "semper-log-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes @Priority(20) ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseLeadership();
    }

    /** True while this instance holds the sequencer lock. */
    public boolean leader() {
        return leader;
    }

    /** Integrates what is pending now (tests; the loop does this by itself). Returns the tree size. */
    public synchronized long integrateNow() throws SQLException {
        if (!leader && !tryLead()) {
            return -1;
        }
        return integrate();
    }

    private void run() {
        long interval = config.sequencer().interval().toMillis();
        while (running) {
            try {
                integrateNow();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("Log sequencing failed, will retry: %s", e.getMessage());
                releaseLeadership();
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean tryLead() throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet r = lock.executeQuery()) {
                r.next();
                if (!r.getBoolean(1)) {
                    connection.close();
                    return false;
                }
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        lockConnection = connection;
        leader = true;
        LOG.infof("This instance now sequences the transparency log %s", checkpoints.origin());
        return true;
    }

    private synchronized void releaseLeadership() {
        leader = false;
        if (lockConnection != null) {
            try {
                lockConnection.close(); // ends the session: the advisory lock goes with it
            } catch (SQLException e) {
                // already broken
            }
            lockConnection = null;
        }
    }

    private long integrate() throws SQLException {
        Connection c = lockConnection;
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        long started = System.nanoTime();
        try {
            Published previous = latestCheckpoint(c);
            long size = previous == null ? 0 : previous.size; // every integration commits its checkpoint
            List<long[]> seqs = new ArrayList<>();
            List<byte[]> leafHashes = new ArrayList<>();
            try (PreparedStatement pending = c.prepareStatement(
                    "SELECT seq, leaf_hash FROM log_pending ORDER BY seq LIMIT ?")) {
                pending.setInt(1, config.sequencer().batch());
                try (ResultSet r = pending.executeQuery()) {
                    while (r.next()) {
                        seqs.add(new long[] { r.getLong(1) });
                        leafHashes.add(r.getBytes(2));
                    }
                }
            }
            if (leafHashes.isEmpty() && previous != null) {
                c.rollback();
                treeSize.set(size);
                lastCheckpointMillis.compareAndSet(0, System.currentTimeMillis());
                return size;
            }
            DatabaseSubtreeHashes nodes = new DatabaseSubtreeHashes(c);
            try (PreparedStatement index = c.prepareStatement("INSERT INTO log_leaf (leaf_index, seq) VALUES (?, ?)");
                    PreparedStatement dequeue = c.prepareStatement("DELETE FROM log_pending WHERE seq = ?");
                    PreparedStatement node = c.prepareStatement("INSERT INTO log_node (level, idx, hash) VALUES (?, ?, ?)")) {
                for (int i = 0; i < leafHashes.size(); i++) {
                    long leafIndex = size + i;
                    index.setLong(1, leafIndex);
                    index.setLong(2, seqs.get(i)[0]);
                    index.addBatch();
                    dequeue.setLong(1, seqs.get(i)[0]);
                    dequeue.addBatch();
                    int level = 0;
                    long idx = leafIndex;
                    byte[] hash = leafHashes.get(i);
                    addNode(node, nodes, level, idx, hash);
                    while ((idx & 1) == 1) { // a right child completes its parent's perfect subtree
                        hash = MerkleHash.node(nodes.hash(level, idx - 1), hash);
                        level++;
                        idx >>= 1;
                        addNode(node, nodes, level, idx, hash);
                    }
                }
                index.executeBatch();
                dequeue.executeBatch();
                node.executeBatch();
            }
            long newSize = size + leafHashes.size();
            byte[] root = newSize == 0 ? MerkleHash.emptyRoot() : MerkleProofs.root(nodes, newSize);
            if (previous != null && previous.size > 0 && previous.size < newSize) {
                try {
                    MerkleVerifier.verifyConsistency(previous.size, newSize, previous.root, root,
                            MerkleProofs.consistency(nodes, previous.size, newSize));
                } catch (ProofVerificationException e) {
                    LOG.errorf("REFUSING to sign checkpoint %d: not consistent with checkpoint %d (%s). The log tables "
                            + "were changed outside Semper; investigate before anything else.", newSize, previous.size, e.getMessage());
                    throw new IllegalStateException("new tree is inconsistent with the last checkpoint", e);
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO log_checkpoint (tree_size, root_hash, note) VALUES (?, ?, ?)")) {
                insert.setLong(1, newSize);
                insert.setBytes(2, root);
                insert.setString(3, checkpoints.sign(newSize, root));
                insert.executeUpdate();
            }
            c.commit();
            treeSize.set(newSize);
            lastCheckpointMillis.set(System.currentTimeMillis());
            integrationTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return newSize;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is gone; leadership is released by the caller
            }
            throw e instanceof SQLException sql ? sql : new SQLException("log integration failed: " + e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(autoCommit);
            } catch (SQLException ignored) {
                // connection broken
            }
        }
    }

    private static void addNode(PreparedStatement insert, DatabaseSubtreeHashes nodes, int level, long idx, byte[] hash)
            throws SQLException {
        insert.setInt(1, level);
        insert.setLong(2, idx);
        insert.setBytes(3, hash);
        insert.addBatch();
        nodes.remember(level, idx, hash);
    }

    private record Published(long size, byte[] root) {
    }

    private static Published latestCheckpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT tree_size, root_hash FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1")) {
            return r.next() ? new Published(r.getLong(1), r.getBytes(2)) : null;
        }
    }
}
