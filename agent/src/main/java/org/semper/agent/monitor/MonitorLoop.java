package org.semper.agent.monitor;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link LogMonitor} poll after poll: waits {@code interval} between polls, retries a poll that cannot reach
 * the log with exponential backoff, and stops at the first inconsistency or refused checkpoint, after
 * {@code maxPolls} polls, or when {@link #stop()} is called (from a shutdown hook on Ctrl-C, or another thread).
 *
 * <p>In a bounded run ({@code maxPolls > 0}) a poll that still cannot reach the log after its retries ends the run
 * ({@link Outcome#UNREACHABLE}); an unbounded run reports it and carries on at the next interval, since a monitor
 * must outlast outages.
 */
public final class MonitorLoop {
    /** Longest wait between two attempts of one poll. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /**
     * @param interval wait between polls
     * @param maxPolls stop after this many polls; 0 for no limit
     * @param retries further attempts of a poll that cannot reach the log
     * @param backoff wait before the first retry; doubled for each further one, at most {@link #MAX_BACKOFF}
     */
    public record Settings(Duration interval, int maxPolls, int retries, Duration backoff) {
        public Settings {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(backoff, "backoff");
            if (interval.isNegative() || backoff.isNegative() || maxPolls < 0 || retries < 0) {
                throw new IllegalArgumentException("negative monitor setting");
            }
        }

        boolean bounded() {
            return maxPolls > 0;
        }
    }

    /** Why a run ended. */
    public enum Outcome {
        /** {@code maxPolls} polls done, all consistent. */
        COMPLETED,
        /** {@link #stop()} was called. */
        STOPPED,
        /** An inconsistency was found (the last {@link LogMonitor.Inconsistent} result was reported). */
        INCONSISTENT,
        /** A checkpoint did not verify with the pinned key (the {@link LogMonitor.Refused} result was reported). */
        REFUSED,
        /** A bounded run could not reach the log. */
        UNREACHABLE
    }

    /** What the loop tells as it goes; called on the loop's thread. */
    public interface Listener {
        /** A poll's result (every kind, including the one that ends the run). */
        void polled(LogMonitor.PollResult result) throws IOException;

        /** An attempt failed; the next one follows after {@code wait}. */
        void retrying(LogUnreachableException failure, int attempt, int attempts, Duration wait);

        /** Every attempt of a poll failed; {@code endsRun} is true for a bounded run. */
        void unreachable(LogUnreachableException failure, int attempts, boolean endsRun);
    }

    private final LogMonitor monitor;
    private final Settings settings;
    private final Listener listener;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread runner;
    private int polls;

    public MonitorLoop(LogMonitor monitor, Settings settings, Listener listener) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Polls until one of the {@link Outcome}s. Once.
     *
     * @throws IOException if the state directory cannot be written
     * @throws MonitorStateException if the state directory no longer verifies
     */
    public Outcome run() throws IOException, MonitorStateException {
        runner = Thread.currentThread();
        try {
            while (!stopped()) {
                LogMonitor.PollResult result;
                try {
                    result = pollWithRetries();
                } catch (InterruptedException e) {
                    return Outcome.STOPPED;
                }
                if (result == null) {                       // every attempt failed
                    if (stopped()) {
                        return Outcome.STOPPED;
                    }
                    if (settings.bounded()) {
                        return Outcome.UNREACHABLE;
                    }
                } else {
                    listener.polled(result);
                    if (result instanceof LogMonitor.Inconsistent) {
                        return Outcome.INCONSISTENT;
                    }
                    if (result instanceof LogMonitor.Refused) {
                        return Outcome.REFUSED;
                    }
                }
                polls++;
                if (settings.bounded() && polls >= settings.maxPolls()) {
                    return Outcome.COMPLETED;
                }
                if (!sleep(settings.interval())) {
                    return Outcome.STOPPED;
                }
            }
            return Outcome.STOPPED;
        } finally {
            runner = null;
            Thread.interrupted();           // an interrupt from stop() must not leak to the caller
            finished.countDown();
        }
    }

    /** The number of polls completed so far (successful or not). */
    public int polls() {
        return polls;
    }

    /**
     * Asks the run to stop: a wait ends at once, a request in flight is interrupted. A file being written is either
     * written whole or not at all ({@link MonitorState} renames complete files into place).
     */
    public void stop() {
        stopRequested.countDown();
        Thread thread = runner;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits until {@link #run()} has returned (for a shutdown hook); true if it has. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean stopped() {
        return stopRequested.getCount() == 0;
    }

    /** The poll's result, or null if every attempt failed to reach the log. */
    private LogMonitor.PollResult pollWithRetries() throws InterruptedException, IOException, MonitorStateException {
        int attempts = settings.retries() + 1;
        Duration wait = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return monitor.poll();
            } catch (LogUnreachableException e) {
                if (stopped()) {
                    throw new InterruptedException("stopped");
                }
                if (attempt >= attempts) {
                    listener.unreachable(e, attempts, settings.bounded());
                    return null;
                }
                listener.retrying(e, attempt, attempts, wait);
                if (!sleep(wait)) {
                    throw new InterruptedException("stopped");
                }
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            } catch (IOException e) {
                if (stopped()) {
                    throw new InterruptedException("stopped");   // an interrupted write: the state is still whole
                }
                throw e;
            }
        }
    }

    /** Waits, unless a stop is requested; false if it was. */
    private boolean sleep(Duration duration) {
        try {
            return !stopRequested.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return false;
        }
    }
}
