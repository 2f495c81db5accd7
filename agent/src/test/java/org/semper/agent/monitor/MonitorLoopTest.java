package org.semper.agent.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.FakeLog;
import org.semper.evidence.tlog.NoteVerifier;

class MonitorLoopTest {
    @TempDir
    Path dir;

    /** Records what the loop reports; counts down {@code polled} at each poll. */
    static final class Recorder implements MonitorLoop.Listener {
        final List<LogMonitor.PollResult> results = new CopyOnWriteArrayList<>();
        final CountDownLatch polled = new CountDownLatch(1);
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void polled(LogMonitor.PollResult result) {
            results.add(result);
            polled.countDown();
        }

        @Override
        public void retrying(LogUnreachableException failure, int attempt, int attempts, Duration wait) {
            failures.add("retry " + attempt);
        }

        @Override
        public void unreachable(LogUnreachableException failure, int attempts, boolean endsRun) {
            failures.add("unreachable " + endsRun);
        }
    }

    @Test
    void stopEndsAnUnboundedRunPromptly() throws Exception {
        try (FakeLog log = new FakeLog().append("entry", 2);
                MonitorState state = MonitorState.open(dir, Clock.systemUTC())) {
            NoteVerifier key = NoteVerifier.fromVerifierKey(log.verifierKey());
            LogMonitor monitor = new LogMonitor(new LogClient(log.url(), Duration.ofSeconds(5)), state, FakeLog.ORIGIN, key);
            Recorder recorder = new Recorder();
            MonitorLoop loop = new MonitorLoop(monitor, new MonitorLoop.Settings(Duration.ofHours(1), 0, 3,
                    Duration.ofSeconds(1)), recorder);

            CompletableFuture<MonitorLoop.Outcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.run();
                } catch (IOException | MonitorStateException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(recorder.polled.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            loop.stop();

            assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(MonitorLoop.Outcome.STOPPED);
            assertThat(loop.awaitFinished(Duration.ofSeconds(1))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(recorder.results).singleElement().isInstanceOf(LogMonitor.First.class);
            assertThat(loop.polls()).isEqualTo(1);
        }
    }

    @Test
    void anUnboundedRunOutlastsAnOutage() throws Exception {
        FakeLog log = new FakeLog().append("entry", 2);
        String url = log.url();
        NoteVerifier key = NoteVerifier.fromVerifierKey(log.verifierKey());
        log.close();
        try (MonitorState state = MonitorState.open(dir, Clock.systemUTC())) {
            LogMonitor monitor = new LogMonitor(new LogClient(url, Duration.ofSeconds(2)), state, FakeLog.ORIGIN, key);
            Recorder recorder = new Recorder();
            MonitorLoop loop = new MonitorLoop(monitor, new MonitorLoop.Settings(Duration.ofMillis(10), 0, 1,
                    Duration.ofMillis(5)), recorder);
            CompletableFuture<MonitorLoop.Outcome> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return loop.run();
                } catch (IOException | MonitorStateException e) {
                    throw new IllegalStateException(e);
                }
            });
            while (loop.polls() < 3) {
                assertThat(run).isNotDone();
                Thread.sleep(10);
            }
            loop.stop();

            assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(MonitorLoop.Outcome.STOPPED);
            assertThat(recorder.failures).contains("retry 1", "unreachable false");
            assertThat(recorder.results).isEmpty();
        }
    }

    @Test
    void oneStateDirectoryServesOneMonitor() throws Exception {
        try (MonitorState first = MonitorState.open(dir, Clock.systemUTC())) {
            assertThatThrownBy(() -> MonitorState.open(dir, Clock.systemUTC()))
                    .isInstanceOf(MonitorStateException.class).hasMessageContaining("another monitor is using");
        }
        MonitorState.open(dir, Clock.systemUTC()).close();
    }

    @Test
    void logUrlsAreNormalised() {
        assertThat(LogClient.baseUri("http://127.0.0.1:8081")).hasToString("http://127.0.0.1:8081/log");
        assertThat(LogClient.baseUri("http://127.0.0.1:8081/")).hasToString("http://127.0.0.1:8081/log");
        assertThat(LogClient.baseUri("https://tsa.example/semper/log/")).hasToString("https://tsa.example/semper/log");
        assertThatThrownBy(() -> LogClient.baseUri("127.0.0.1:8081")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogClient.baseUri("http://x/log?size=3")).isInstanceOf(IllegalArgumentException.class);
    }
}
