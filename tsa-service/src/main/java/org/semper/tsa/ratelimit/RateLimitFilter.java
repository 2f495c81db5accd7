package org.semper.tsa.ratelimit;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.Problem;
import org.semper.tsa.TsaConfig;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies the optional per-client rate limit to the time-stamping endpoints: over the limit → 429 problem+json
 * with {@code Retry-After} (seconds). The client is the remote address (behind a proxy, enable
 * {@code quarkus.http.proxy.proxy-address-forwarding} so that it is the forwarded one).
 */
public class RateLimitFilter {

    private final ClientRateLimiter limiter;
    private final MeterRegistry metrics;

    @Inject
    public RateLimitFilter(TsaConfig config, MeterRegistry metrics) {
        this.limiter = config.rateLimit().enabled()
                ? new ClientRateLimiter(config.rateLimit().requestsPerSecond(), config.rateLimit().burst())
                : null;
        this.metrics = metrics;
    }

    @ServerRequestFilter
    public Optional<Response> limit(HttpServerRequest request) {
        if (limiter == null || !isTimeStamping(request.path())) {
            return Optional.empty();
        }
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        return limiter.tryAcquire(client).map(wait -> {
            metrics.counter("semper.tsa.requests.rejected", "reason", CommonProblem.TOO_MANY_REQUESTS.code()).increment();
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return Response.fromResponse(Problem.of(CommonProblem.TOO_MANY_REQUESTS,
                    "Too many requests from " + client + "; retry in " + seconds + " s").toResponse())
                    .header("Retry-After", seconds).build();
        });
    }

    private static boolean isTimeStamping(String path) {
        return path.equals("/tsa") || path.startsWith("/api/v1/timestamp");
    }

}
