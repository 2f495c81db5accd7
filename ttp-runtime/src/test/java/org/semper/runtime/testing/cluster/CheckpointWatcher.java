package org.semper.runtime.testing.cluster;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.semper.evidence.tlog.Checkpoint;

/**
 * What a log monitor sees while a test runs: polls the latest checkpoint of every instance of a service (replicas
 * serve one log) at a fixed interval and keeps every distinct one, each verified with the pinned log key when it is
 * seen. An instance that is down (killed, restarting) is skipped; a checkpoint that does not verify is kept as a
 * failure. Afterwards {@link #verifyAllConsistentWith} proves that every checkpoint ever served is a prefix of the
 * final tree: the log never forked and never lost an entry it had committed to, across races and crashes.
 */
public final class CheckpointWatcher implements AutoCloseable {

    private final List<TransparencyLogClient> instances;
    private final Map<Long, Checkpoint> seen = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private CheckpointWatcher(List<TransparencyLogClient> instances, Duration interval) {
        this.instances = List.copyOf(instances);
        this.thread = new Thread(() -> {
            while (running) {
                poll();
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "checkpoint-watcher");
        thread.setDaemon(true);
    }

    /** Starts polling {@code instances} every {@code interval}. */
    public static CheckpointWatcher start(List<TransparencyLogClient> instances, Duration interval) {
        CheckpointWatcher watcher = new CheckpointWatcher(instances, interval);
        watcher.poll();
        watcher.thread.start();
        return watcher;
    }

    /** Fetches the current checkpoint of every instance now (also called by the polling thread). */
    public void poll() {
        for (TransparencyLogClient instance : instances) {
            try {
                record(instance.checkpoint());
            } catch (UncheckedIOException down) {
                // killed or restarting: nothing served, nothing to check
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
    }

    /** Adds a checkpoint obtained elsewhere (e.g. the one fetched just before a crash). */
    public void record(Checkpoint checkpoint) {
        Checkpoint earlier = seen.putIfAbsent(checkpoint.treeSize(), checkpoint);
        if (earlier != null && !java.util.Arrays.equals(earlier.rootHash(), checkpoint.rootHash())) {
            failures.add("two checkpoints of size " + checkpoint.treeSize() + " with different roots (a fork)");
        }
    }

    /** The distinct checkpoints seen, smallest first. */
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> list = new ArrayList<>(seen.values());
        list.sort(Comparator.comparingLong(Checkpoint::treeSize));
        return list;
    }

    /**
     * Proves, with consistency proofs fetched through {@code auditor} and verified, that every checkpoint seen is
     * consistent with {@code latest}; fails on any checkpoint that did not verify when it was seen. Returns how many
     * checkpoints were proven.
     */
    public int verifyAllConsistentWith(Checkpoint latest, TransparencyLogClient auditor) {
        close();
        if (!failures.isEmpty()) {
            throw new AssertionError("checkpoints that failed verification: " + failures);
        }
        List<Checkpoint> all = checkpoints();
        for (Checkpoint checkpoint : all) {
            auditor.verifyConsistency(checkpoint, latest);
        }
        return all.size();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
