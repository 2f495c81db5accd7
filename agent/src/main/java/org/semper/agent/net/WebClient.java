package org.semper.agent.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The agent's HTTP calls to TTPs, the CA and other agents ({@link java.net.http.HttpClient}): bounded answers,
 * one timeout per call, and RFC 9457 problem+json answers read into a {@link Problem}. Nothing is verified here;
 * callers hand what they receive to the evidence library. Thread-safe.
 */
public final class WebClient {
    /** The largest answer read; a larger one is refused rather than buffered (a token or bundle is far smaller). */
    public static final int MAX_ANSWER = 8 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    /** An answer: status, content type, body. */
    public record Answer(int status, String contentType, byte[] body, Map<String, java.util.List<String>> headers) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The problem+json (or any JSON error) in the body, or a problem made of the status line. */
        public Problem problem() {
            try {
                JsonNode node = JSON.readTree(body);
                if (node != null && node.isObject()) {
                    return new Problem(status, node.path("code").asText(node.path("type").asText("")),
                            node.path("title").asText(""), node.path("detail").asText(""));
                }
            } catch (IOException e) {
                // not JSON: described by the status below
            }
            String snippet = text().length() > 200 ? text().substring(0, 200) + "..." : text();
            return new Problem(status, "http-" + status, "HTTP " + status, snippet.strip());
        }
    }

    /** An RFC 9457 problem as a service answered it: {@code code} is the stable machine-readable reason. */
    public record Problem(int status, String code, String title, String detail) {
        @Override
        public String toString() {
            String text = code + (title.isEmpty() ? "" : " (" + title + ")");
            return detail.isEmpty() ? text : text + ": " + detail;
        }
    }

    public WebClient(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public Answer get(URI uri, String accept) throws UnreachableException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", accept).GET().build());
    }

    public Answer post(URI uri, String contentType, byte[] body, Map<String, String> headers)
            throws UnreachableException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    private Answer send(HttpRequest request) throws UnreachableException {
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] body = readBounded(response.body());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body,
                    response.headers().map());
        } catch (IOException e) {
            throw new UnreachableException(request.method() + " " + request.uri() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnreachableException(request.method() + " " + request.uri() + ": interrupted", e);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16384];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (out.size() + n > MAX_ANSWER) {
                    throw new IOException("answer larger than " + MAX_ANSWER + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused (is the service running?)";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
