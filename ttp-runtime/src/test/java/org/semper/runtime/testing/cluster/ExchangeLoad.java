package org.semper.runtime.testing.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients of an exchange service (notary, certified mail) racing each other over several instances of it, every
 * reply recorded for {@link DecisionAudit}.
 *
 * <p>Each {@link RaceExchange} is a set of requests about one exchange (e.g. the initiator's abort and both
 * parties' resolves), all signed beforehand. They are sent <em>at once</em> (each by its own client thread, released
 * together), spread over the instances: submission {@code i} of exchange {@code k} goes first to instance
 * {@code (k + i) mod n}, so one exchange is decided by several processes at the same moment. Up to
 * {@code concurrency} exchanges are in flight.
 *
 * <p>Clients behave as a party's agent should: a request that gets no answer (connection refused or reset: the
 * instance was killed) or {@code 503} is retried, on the next instance, after a short pause, until it is answered or
 * {@code retryFor} has passed; every HTTP answer is recorded as a {@link Reply}, every attempt without one as a
 * {@link Failure}. Only a {@code 200} reply is an acknowledged decision.
 */
public final class ExchangeLoad {

    /** A request body to POST to {@code path} (e.g. {@code /api/v1/exchanges/abort}); {@code name} for reports. */
    public record Submission(String name, String path, byte[] body) {
    }

    /**
     * One exchange and the requests racing about it.
     *
     * @param exchangeId the exchange id X
     * @param outcomes   the outcomes it may end in ({@code aborted}, {@code resolved}, {@code affidavit}): what the
     *                   protocol allows for these requests; the audit fails on any other
     */
    public record RaceExchange(String exchangeId, Set<String> outcomes, List<Submission> submissions) {
        public RaceExchange {
            outcomes = Set.copyOf(outcomes);
            submissions = List.copyOf(submissions);
        }
    }

    /** An HTTP answer a client received. */
    public record Reply(String exchangeId, String submission, URI instance, int status, java.net.http.HttpHeaders headers,
            byte[] body, long latencyNanos, long receivedAtNanos) {

        public boolean acknowledged() {
            return status == 200;
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** An attempt that got no HTTP answer. */
    public record Failure(String exchangeId, String submission, URI instance, String error) {
    }

    /** Everything the clients saw. */
    public record Result(List<Reply> replies, List<Failure> failures, List<String> unanswered, long elapsedNanos,
            int exchanges) {

        /** This run followed by {@code next} (a run over the exchanges that follow this run's in the same list). */
        public Result then(Result next) {
            List<Reply> allReplies = new ArrayList<>(replies);
            allReplies.addAll(next.replies);
            List<Failure> allFailures = new ArrayList<>(failures);
            allFailures.addAll(next.failures);
            List<String> allUnanswered = new ArrayList<>(unanswered);
            allUnanswered.addAll(next.unanswered);
            return new Result(allReplies, allFailures, allUnanswered, elapsedNanos + next.elapsedNanos,
                    exchanges + next.exchanges);
        }

        public List<Reply> acknowledged() {
            return replies.stream().filter(Reply::acknowledged).toList();
        }

        /** Acknowledged decisions per second over the whole run. */
        public double acknowledgedPerSecond() {
            return acknowledged().size() / (elapsedNanos / 1e9);
        }

        /** The {@code p}-quantile (0..1) of the latency of acknowledged replies, in milliseconds. */
        public double latencyMillis(double p) {
            long[] sorted = acknowledged().stream().mapToLong(Reply::latencyNanos).sorted().toArray();
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    private static final String JSON = "application/json";

    private final List<URI> instances;
    private final int concurrency;
    private final Duration retryFor;
    private final HttpClient http;

    /**
     * @param instances   base URIs of the instances ({@code http://127.0.0.1:<port>})
     * @param concurrency exchanges in flight at once
     * @param retryFor    how long a client keeps retrying a request that gets no answer or 503
     */
    public ExchangeLoad(List<URI> instances, int concurrency, Duration retryFor) {
        if (instances.isEmpty() || concurrency < 1) {
            throw new IllegalArgumentException("need at least one instance and one client");
        }
        this.instances = List.copyOf(instances);
        this.concurrency = concurrency;
        this.retryFor = retryFor;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** Starts sending {@code exchanges}; the returned run completes when each has been answered or given up. */
    public Run start(List<RaceExchange> exchanges) {
        return new Run(exchanges, Long.MAX_VALUE);
    }

    /** Like {@link #start} but takes no new exchange after {@code duration} (for throughput measurements). */
    public Run startFor(List<RaceExchange> exchanges, Duration duration) {
        return new Run(exchanges, System.nanoTime() + duration.toNanos());
    }

    /** A load in progress. */
    public final class Run {
        private final List<RaceExchange> exchanges;
        private final long stopTaking;
        private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        private final AtomicInteger completed = new AtomicInteger();
        private final AtomicInteger acknowledged = new AtomicInteger();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final ExecutorService clients;
        private final Thread driver;
        private final long started = System.nanoTime();
        private volatile long finished;
        private volatile int taken;

        private Run(List<RaceExchange> exchanges, long stopTaking) {
            this.exchanges = List.copyOf(exchanges);
            this.stopTaking = stopTaking;
            int widest = exchanges.stream().mapToInt(e -> e.submissions().size()).max().orElse(1);
            AtomicInteger threadNumber = new AtomicInteger();
            this.clients = Executors.newFixedThreadPool(concurrency * widest, task -> {
                Thread t = new Thread(task, "exchange-client-" + threadNumber.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.driver = new Thread(this::drive, "exchange-load");
            driver.setDaemon(true);
            driver.start();
        }

        private void drive() {
            Semaphore inFlight = new Semaphore(concurrency);
            try {
                for (int k = 0; k < exchanges.size() && !stopped.get() && System.nanoTime() < stopTaking; k++) {
                    inFlight.acquire();
                    RaceExchange exchange = exchanges.get(k);
                    taken = k + 1;
                    int first = k;
                    CountDownLatch gate = new CountDownLatch(1);
                    AtomicInteger open = new AtomicInteger(exchange.submissions().size());
                    for (int i = 0; i < exchange.submissions().size(); i++) {
                        int index = i;
                        clients.execute(() -> {
                            try {
                                gate.await();
                                send(exchange, exchange.submissions().get(index), first + index);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                if (open.decrementAndGet() == 0) {
                                    completed.incrementAndGet();
                                    inFlight.release();
                                }
                            }
                        });
                    }
                    gate.countDown(); // all requests of this exchange go out together
                }
                inFlight.acquire(concurrency); // every exchange taken is answered or given up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                finished = System.nanoTime();
                clients.shutdownNow();
            }
        }

        private void send(RaceExchange exchange, Submission submission, int preferred) throws InterruptedException {
            long deadline = System.nanoTime() + retryFor.toNanos();
            int attempt = 0;
            while (true) {
                URI instance = instances.get((preferred + attempt) % instances.size());
                attempt++;
                HttpRequest request = HttpRequest.newBuilder(instance.resolve(submission.path()))
                        .header("Content-Type", JSON).timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(submission.body())).build();
                long sent = System.nanoTime();
                try {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    long now = System.nanoTime();
                    Reply reply = new Reply(exchange.exchangeId(), submission.name(), instance, response.statusCode(),
                            response.headers(), response.body(), now - sent, now);
                    replies.add(reply);
                    if (reply.acknowledged()) {
                        acknowledged.incrementAndGet();
                        return;
                    }
                    if (reply.status() != 503) {
                        return; // a refusal is final; the audit reports it
                    }
                } catch (IOException e) {
                    failures.add(new Failure(exchange.exchangeId(), submission.name(), instance, e.toString()));
                }
                if (System.nanoTime() > deadline || stopped.get()) {
                    unanswered.add(exchange.exchangeId() + " " + submission.name());
                    return;
                }
                Thread.sleep(Math.min(50L * attempt, 500));
            }
        }

        /** Exchanges whose every request has been answered (or given up). */
        public int completed() {
            return completed.get();
        }

        /** Acknowledged ({@code 200}) replies so far. */
        public int acknowledged() {
            return acknowledged.get();
        }

        /** Waits until {@code n} exchanges are complete or the run ends; false on timeout. */
        public boolean awaitCompleted(int n, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (completed.get() < n && driver.isAlive()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(20);
            }
            return true;
        }

        /** Waits for the end of the run (at most {@code timeout}, then stops it) and returns what the clients saw. */
        public Result await(Duration timeout) throws InterruptedException {
            driver.join(timeout.toMillis());
            if (driver.isAlive()) {
                stopped.set(true);
                driver.interrupt();
                clients.shutdownNow();
                driver.join(30_000);
                throw new AssertionError("the load did not finish within " + timeout + ": " + completed.get() + " of "
                        + exchanges.size() + " exchanges complete");
            }
            clients.awaitTermination(30, TimeUnit.SECONDS);
            return new Result(new ArrayList<>(replies), new ArrayList<>(failures), new ArrayList<>(unanswered),
                    finished - started, taken);
        }
    }
}
