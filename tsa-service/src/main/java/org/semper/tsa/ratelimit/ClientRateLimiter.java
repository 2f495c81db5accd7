package org.semper.tsa.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per client (Bucket4j): {@code requestsPerSecond} sustained, {@code burst} at once. Buckets of
 * clients not seen for a while are dropped when the table grows large, so memory stays bounded.
 */
public final class ClientRateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final long requestsPerSecond;
    private final long burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ClientRateLimiter(long requestsPerSecond, long burst) {
        this.requestsPerSecond = requestsPerSecond;
        this.burst = Math.max(burst, 1);
    }

    /** Empty if allowed; else how long the client should wait. */
    public java.util.Optional<Duration> tryAcquire(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= burst);
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(client, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? java.util.Optional.empty()
                : java.util.Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(requestsPerSecond, Duration.ofSeconds(1)).build()).build();
    }
}
