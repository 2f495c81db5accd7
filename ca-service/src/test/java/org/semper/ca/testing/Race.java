package org.semper.ca.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs calls at the same moment (each on its own thread, released by one latch) and collects their HTTP statuses. */
public final class Race {

    private Race() {
    }

    /** {@code racers} copies of {@code call}. */
    public static List<Integer> statuses(int racers, Callable<Integer> call) {
        return statuses(Collections.nCopies(racers, call));
    }

    /** The statuses of {@code calls}, in their order. */
    public static List<Integer> statuses(List<Callable<Integer>> calls) {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException("A racer failed: " + e.getMessage(), e);
        } finally {
            pool.shutdown();
        }
    }
}
