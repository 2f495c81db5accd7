package org.semper.agent.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An agent's small HTTP endpoint (the JDK's {@code com.sun.net.httpserver}):
 * <ul>
 * <li>{@code POST /semper/v1/messages}: an envelope ({@code application/json}, at most
 * {@link Envelope#MAX_BYTES}); stored in the inbox, answered {@code 202}. Malformed, oversized, wrongly typed
 * bodies and other methods get RFC 9457 problem+json (400, 413, 415, 405).</li>
 * <li>{@code GET /semper/v1/identity}: who this agent is ({@code name}, {@code certSha256}, PEM {@code chain},
 * {@code address}), for a peer to add it as a contact (and compare the fingerprint out of band).</li>
 * </ul>
 * It checks no signature: the deal's state machine does, with the evidence library, when it takes the envelope.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI address;

    private HttpEndpoint(HttpServer server, ExecutorService executor, URI address) {
        this.server = server;
        this.executor = executor;
        this.address = address;
    }

    /**
     * Starts an endpoint on {@code host:port} (port 0: any free port) delivering into {@code inbox}.
     *
     * @param identity the answer of {@code GET /semper/v1/identity}
     */
    public static HttpEndpoint start(String host, int port, Inbox inbox, Supplier<ObjectNode> identity)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "semper-agent-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(Transport.MESSAGES_PATH, exchange -> handle(exchange, () -> messages(exchange, inbox)));
        server.createContext("/semper/v1/identity", exchange -> handle(exchange, () -> {
            if (!exchange.getRequestMethod().equals("GET")) {
                problem(exchange, 405, "method-not-allowed", "GET only");
                return;
            }
            answer(exchange, 200, "application/json", JSON.writeValueAsBytes(identity.get()));
        }));
        server.createContext("/", exchange -> handle(exchange, () -> problem(exchange, 404, "not-found",
                "this is a Semper agent: POST " + Transport.MESSAGES_PATH + ", GET /semper/v1/identity")));
        server.start();
        String shown = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return new HttpEndpoint(server, executor,
                URI.create("http://" + shown + ":" + server.getAddress().getPort()));
    }

    /** The base URL peers send to, e.g. {@code http://127.0.0.1:9001}. */
    public URI address() {
        return address;
    }

    private interface Handler {
        void run() throws IOException;
    }

    private static void handle(HttpExchange exchange, Handler handler) {
        try (exchange) {
            handler.run();
        } catch (IOException | RuntimeException e) {
            try {
                problem(exchange, 500, "internal-error", String.valueOf(e.getMessage()));
            } catch (IOException ignored) {
                // the connection is gone
            }
        }
    }

    private static void messages(HttpExchange exchange, Inbox inbox) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            problem(exchange, 405, "method-not-allowed", "POST an envelope");
            return;
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            problem(exchange, 415, "unsupported-media-type", "send application/json");
            return;
        }
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && Long.parseLong(length.strip()) > Envelope.MAX_BYTES) {
            problem(exchange, 413, "envelope-too-large", "at most " + Envelope.MAX_BYTES + " bytes");
            return;
        }
        byte[] body = readBounded(exchange.getRequestBody(), Envelope.MAX_BYTES);
        if (body == null) {
            problem(exchange, 413, "envelope-too-large", "at most " + Envelope.MAX_BYTES + " bytes");
            return;
        }
        Envelope envelope;
        try {
            envelope = Envelope.parse(body);
        } catch (MalformedEnvelopeException e) {
            problem(exchange, 400, "malformed-envelope", e.getMessage());
            return;
        }
        inbox.deliver(envelope);
        ObjectNode answer = JSON.createObjectNode().put("received", envelope.kind()).put("deal", envelope.deal());
        answer(exchange, 202, "application/json", JSON.writeValueAsBytes(answer));
    }

    private static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        ObjectNode problem = JSON.createObjectNode().put("type", "about:blank").put("status", status)
                .put("code", code).put("title", code.replace('-', ' ')).put("detail", detail);
        answer(exchange, status, "application/problem+json", problem.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void answer(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
