package org.semper.agent.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.InMemoryMerkleTree;
import org.semper.evidence.tlog.MerkleProofs;
import org.semper.evidence.tlog.NoteSigner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A transparency log served over real HTTP on 127.0.0.1, in exactly the formats of the TTPs'
 * {@code TransparencyLogResource}: {@code GET /log/key} ({@code {"origin", "verifierKey"}}), {@code GET /log/checkpoint}
 * (the C2SP signed note, text/plain) and {@code GET /log/proof/consistency?from=&to=} ({@code {"from", "to",
 * "hashes"}}, standard base64), from an {@link InMemoryMerkleTree} whose checkpoints a {@link NoteSigner} signs as
 * {@code LogCheckpoints} does. Tests can swap the tree (a fork) or the signer (another key) between polls.
 */
public final class FakeLog implements AutoCloseable {
    public static final String ORIGIN = "semper/test-log";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final NoteSigner logKey;
    private volatile InMemoryMerkleTree tree = new InMemoryMerkleTree();
    private volatile NoteSigner checkpointSigner;
    /** Run before each checkpoint is served (to grow the log between polls). */
    private volatile Consumer<InMemoryMerkleTree> beforeCheckpoint = tree -> { };
    private volatile String proofOverride;
    private final AtomicInteger checkpointRequests = new AtomicInteger();

    public FakeLog() throws IOException {
        this.logKey = NoteSigner.generate(ORIGIN);
        this.checkpointSigner = logKey;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/log/key", exchange -> json(exchange, Map.of("origin", ORIGIN,
                "verifierKey", logKey.verifierKey())));
        server.createContext("/log/checkpoint", exchange -> {
            checkpointRequests.incrementAndGet();
            beforeCheckpoint.accept(tree);
            send(exchange, 200, "text/plain; charset=utf-8", signedCheckpoint());
        });
        server.createContext("/log/proof/consistency", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI());
            long from = Long.parseLong(query.get("from"));
            long to = Long.parseLong(query.get("to"));
            InMemoryMerkleTree current = tree;
            if (from < 1 || from > to || to > current.size()) {
                send(exchange, 400, "application/problem+json", "{\"type\":\"urn:semper:problem:log-bad-range\","
                        + "\"title\":\"Tree size or index range is not within the published log\",\"status\":400}");
                return;
            }
            if (proofOverride != null) {
                send(exchange, 200, "application/json", proofOverride);
                return;
            }
            List<String> hashes = MerkleProofs.consistency(current, from, to).stream()
                    .map(h -> Base64.getEncoder().encodeToString(h)).toList();
            json(exchange, Map.of("from", from, "to", to, "hashes", hashes));
        });
        server.start();
    }

    /** The base URL, as a user would give it to {@code --log}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String verifierKey() {
        return logKey.verifierKey();
    }

    /** Appends {@code count} entries named {@code prefix-i}. */
    public FakeLog append(String prefix, int count) {
        append(tree, prefix, count);
        return this;
    }

    public static void append(InMemoryMerkleTree tree, String prefix, int count) {
        long start = tree.size();
        for (int i = 0; i < count; i++) {
            tree.append((prefix + "-" + (start + i)).getBytes(StandardCharsets.UTF_8));
        }
    }

    public InMemoryMerkleTree tree() {
        return tree;
    }

    /** Serves another tree from now on (same key): a fork if it is not an extension of what was served. */
    public void switchTo(InMemoryMerkleTree other) {
        this.tree = other;
    }

    /** Signs checkpoints with another key from now on. */
    public void signWith(NoteSigner signer) {
        this.checkpointSigner = signer;
    }

    /** Serves this exact body for every consistency proof. */
    public void serveProof(String json) {
        this.proofOverride = json;
    }

    public void beforeEachCheckpoint(Consumer<InMemoryMerkleTree> action) {
        this.beforeCheckpoint = action;
    }

    public int checkpointRequests() {
        return checkpointRequests.get();
    }

    /** The signed checkpoint of the current tree, as served. */
    public String signedCheckpoint() {
        InMemoryMerkleTree current = tree;
        return checkpointSigner.sign(new Checkpoint(ORIGIN, current.size(), current.root(), List.of()).body());
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }

    private static void json(HttpExchange exchange, Object body) throws IOException {
        send(exchange, 200, "application/json", JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
