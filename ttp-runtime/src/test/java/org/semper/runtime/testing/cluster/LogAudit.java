package org.semper.runtime.testing.cluster;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.semper.evidence.tlog.Checkpoint;

/**
 * The transparency-log half of a race or crash proof, done as an outside auditor would, over the instances' public
 * {@code /log} API: waits for a checkpoint that covers every entry committed so far, proves that every checkpoint
 * seen during the run is consistent with it (no fork, no lost entry, across restarts and sequencer fail-over), and
 * proves the inclusion of every decision's token (and of its time-stamped form) in it, asking the instances in turn.
 */
public final class LogAudit {

    /** What was proven. */
    public record Proven(Checkpoint latest, int consistentCheckpoints, int inclusions) {
    }

    private LogAudit() {
    }

    public static Proven proveTokensLogged(DataSource dataSource, List<TransparencyLogClient> instances,
            CheckpointWatcher watcher, DecisionAudit.Report report) throws Exception {
        long entries;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM log_entry")) {
            r.next();
            entries = r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        TransparencyLogClient auditor = instances.get(0);
        Checkpoint latest = auditor.awaitSize(entries, Duration.ofSeconds(90));
        watcher.record(latest);
        int consistent = watcher.verifyAllConsistentWith(latest, auditor);

        List<byte[]> logged = new ArrayList<>();
        for (DecisionAudit.StoredToken decision : report.decisions().values()) {
            logged.add(decision.token());
            decision.stamped().ifPresent(logged::add);
        }
        AtomicInteger proven = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> proofs = new ArrayList<>();
            for (int i = 0; i < logged.size(); i++) {
                byte[] entry = logged.get(i);
                TransparencyLogClient via = instances.get(i % instances.size());
                proofs.add(pool.submit(() -> {
                    via.verifyInclusion(entry, latest);
                    proven.incrementAndGet();
                }));
            }
            for (Future<?> proof : proofs) {
                proof.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Proven(latest, consistent, proven.get());
    }
}
