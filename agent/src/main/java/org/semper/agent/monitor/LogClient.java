package org.semper.agent.monitor;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a Semper TTP's transparency log over HTTP ({@link java.net.http.HttpClient}), in the formats of
 * {@code TransparencyLogResource}: {@code GET /log/checkpoint} (a C2SP signed note, text), {@code GET /log/key}
 * ({@code {"origin", "verifierKey"}}) and {@code GET /log/proof/consistency?from=&to=}
 * ({@code {"from", "to", "hashes": [base64...]}}).
 *
 * <p>Nothing is verified here: the answers are handed over as received, for {@link LogMonitor} to check. Every
 * failure to get an answer is a {@link LogUnreachableException}. Thread-safe.
 */
public final class LogClient {
    /** No honest answer of these endpoints comes near this; a larger one is refused rather than buffered. */
    static final int MAX_BODY = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The log's identity as it announces it (to be pinned on first use, or compared out of band). */
    public record LogKey(String origin, String verifierKey) {
    }

    /** A consistency proof as served, with the exact JSON text (kept as evidence if it fails). */
    public record ConsistencyProof(long from, long to, List<String> hashes, String json) {
        public ConsistencyProof {
            hashes = List.copyOf(hashes);
        }
    }

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param logUrl the TTP's base URL ({@code http://127.0.0.1:8081}); a trailing {@code /} or {@code /log} is
     *     ignored
     * @param timeout for connecting and for each request
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL
     */
    public LogClient(String logUrl, Duration timeout) {
        this.base = baseUri(logUrl);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The URL with {@code /log} appended to its path: what the endpoints hang under. */
    static URI baseUri(String logUrl) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(logUrl, "logUrl").trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + logUrl + "' is not a URL: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + logUrl + "' is not an http:// or https:// URL with a host");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("'" + logUrl + "' has a query or fragment; give the service's base URL");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.endsWith("/log")) {
            path = path + "/log";
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** The URL of the log's endpoints, ending in {@code /log}. */
    public URI base() {
        return base;
    }

    /** {@code GET /log/checkpoint}: the latest signed checkpoint, as received. */
    public String checkpoint() throws LogUnreachableException, InterruptedException {
        return get(base + "/checkpoint");
    }

    /** {@code GET /log/key}: the origin and verifier key the log announces. */
    public LogKey key() throws LogUnreachableException, InterruptedException {
        String url = base + "/key";
        JsonNode body = json(url, get(url));
        JsonNode origin = body.get("origin");
        JsonNode key = body.get("verifierKey");
        if (origin == null || !origin.isTextual() || key == null || !key.isTextual()) {
            throw new LogUnreachableException(url + " did not answer {\"origin\": ..., \"verifierKey\": ...}");
        }
        return new LogKey(origin.textValue(), key.textValue());
    }

    /**
     * {@code GET /log/proof/consistency?from=&to=}. The hashes are returned as the strings received: decoding them
     * is part of checking the proof.
     */
    public ConsistencyProof consistency(long from, long to) throws LogUnreachableException, InterruptedException {
        String url = base + "/proof/consistency?from=" + from + "&to=" + to;
        String text = get(url);
        JsonNode body = json(url, text);
        JsonNode hashes = body.get("hashes");
        JsonNode fromNode = body.get("from");
        JsonNode toNode = body.get("to");
        if (hashes == null || !hashes.isArray() || fromNode == null || !fromNode.canConvertToLong() || toNode == null
                || !toNode.canConvertToLong()) {
            throw new LogUnreachableException(url + " did not answer {\"from\": n, \"to\": n, \"hashes\": [...]}");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode hash : hashes) {
            list.add(hash.isTextual() ? hash.textValue() : hash.toString());
        }
        return new ConsistencyProof(fromNode.longValue(), toNode.longValue(), list, text);
    }

    private String get(String url) throws LogUnreachableException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new LogUnreachableException("no answer from " + url + " within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new LogUnreachableException("cannot connect to " + url + " (connection refused: is the service "
                    + "running?)", e);
        } catch (IOException e) {
            throw new LogUnreachableException("cannot read " + url + ": " + describe(e), e);
        }
        if (body.length > MAX_BODY) {
            throw new LogUnreachableException(url + " answered more than " + MAX_BODY + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (response.statusCode() != 200) {
            throw new LogUnreachableException(url + " answered HTTP " + response.statusCode() + problem(text));
        }
        return text;
    }

    private static JsonNode json(String url, String text) throws LogUnreachableException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new LogUnreachableException(url + " did not answer a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new LogUnreachableException(url + " did not answer JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The detail of an RFC 9457 problem body, if that is what the body is. */
    private static String problem(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                String title = node.path("title").asText("");
                String detail = node.path("detail").asText("");
                String text = (title + (detail.isEmpty() ? "" : ": " + detail)).trim();
                return text.isEmpty() ? "" : " (" + text + ")";
            }
        } catch (JsonProcessingException e) {
            // not a problem document
        }
        String line = body.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : " (" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + ")";
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
