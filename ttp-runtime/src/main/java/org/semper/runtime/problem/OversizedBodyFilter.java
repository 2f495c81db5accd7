package org.semper.runtime.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Answers a request whose declared {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} with
 * 413 problem+json before the body is read. (Vert.x would otherwise close it with a bare 413.) A chunked body with
 * no declared length that grows past the limit is still cut off by Vert.x itself.
 */
@ApplicationScoped
public class OversizedBodyFilter {

    private static final String BODY = "{\"type\":\"" + CommonProblem.PAYLOAD_TOO_LARGE.type() + "\",\"title\":\""
            + CommonProblem.PAYLOAD_TOO_LARGE.title() + "\",\"status\":413,\"detail\":\"%s\",\"code\":\""
            + CommonProblem.PAYLOAD_TOO_LARGE.code() + "\"}";

    void install(@Observes Router router) {
        long limit = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10L * 1024 * 1024);
        router.route().order(Integer.MIN_VALUE + 100).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null) {
                try {
                    if (Long.parseLong(declared.trim()) > limit) {
                        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                .putHeader(HttpHeaders.CONNECTION, "close")
                                .end(String.format(BODY, "The request body is larger than this service accepts ("
                                        + limit + " bytes)"));
                        return;
                    }
                } catch (NumberFormatException e) {
                    // malformed Content-Length: leave it to the HTTP layer
                }
            }
            context.next();
        });
    }
}
