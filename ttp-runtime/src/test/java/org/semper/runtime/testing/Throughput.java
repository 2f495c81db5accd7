package org.semper.runtime.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Throughput measurement shared by Semper's in-process benchmarks: warm-up, then the median of fixed-duration
 * rounds on one thread, or one round on several threads. Not a test; used by the {@code bench/} commands.
 */
public final class Throughput {

    /** One operation; returns something derived from its result so that the JIT cannot drop it. */
    public interface Op {
        long run() throws Exception;
    }

    private static volatile long sink;

    private Throughput() {
    }

    public static double measure(String name, Op op, double warmupSeconds, int iterations, double seconds) throws Exception {
        runFor(op, warmupSeconds);
        double[] rates = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            rates[i] = runFor(op, seconds);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        double median = sorted[iterations / 2];
        StringBuilder each = new StringBuilder();
        for (double r : rates) {
            each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", r));
        }
        System.out.printf(Locale.ROOT, "%-34s %9.0f ops/s  (%.1f us/op; runs: %s)%n", name, median, 1e6 / median, each);
        return median;
    }


    /** Runs {@code op} for {@code seconds}; returns operations per second. */
    public static double runFor(Op op, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long acc = 0;
        long now;
        do {
            acc += op.run();
            count++;
            now = System.nanoTime();
        } while (now < deadline);
        sink += acc;
        return count / ((now - start) / 1e9);
    }

    public interface OpFactory {
        Op create() throws Exception;
    }


    /** {@code threads} threads, each with its own operation, warm-up then one measurement; total operations/s. */
    public static double measureThreads(String name, OpFactory factory, int threads, double warmupSeconds, double seconds)
            throws Exception {
        AtomicLongArray counts = new AtomicLongArray(threads);
        double[] elapsed = new double[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    Op op = factory.create();
                    runFor(op, warmupSeconds);
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    long deadline = start + (long) (seconds * 1e9);
                    long n = 0;
                    long acc = 0;
                    long now;
                    do {
                        acc += op.run();
                        n++;
                        now = System.nanoTime();
                    } while (now < deadline);
                    sink += acc;
                    counts.set(index, n);
                    elapsed[index] = (now - start) / 1e9;
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    ready.countDown();
                }
            }, "bench-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("benchmark thread failed", failures.get(0));
        }
        double total = 0;
        for (int t = 0; t < threads; t++) {
            total += counts.get(t) / elapsed[t];
        }
        System.out.printf(Locale.ROOT, "%-34s %9.0f ops/s  (%.0f s after %.0f s warm-up)%n", name, total, seconds,
                warmupSeconds);
        return total;
    }
}
