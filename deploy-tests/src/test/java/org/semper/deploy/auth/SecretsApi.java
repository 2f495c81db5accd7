package org.semper.deploy.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The part of the Kubernetes API the bootstrap scripts use (read a Secret by name, create a Secret), on loopback,
 * with a service-account directory as a pod has it. There is no cluster here; this stands in for the API server
 * only, so that the scripts run unchanged against the real CA.
 */
final class SecretsApi implements AutoCloseable {

    static final String NAMESPACE = "semper";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String token;
    private final Path serviceAccountDir;
    final Map<String, JsonNode> secrets = new ConcurrentHashMap<>();
    final AtomicInteger creations = new AtomicInteger();

    private SecretsApi(HttpServer server, String token, Path serviceAccountDir) {
        this.server = server;
        this.token = token;
        this.serviceAccountDir = serviceAccountDir;
    }

    static SecretsApi start(Path dir, String caCertificatePem) {
        try {
            Path sa = Files.createDirectories(dir);
            String token = java.util.UUID.randomUUID().toString();
            Files.writeString(sa.resolve("namespace"), NAMESPACE);
            Files.writeString(sa.resolve("token"), token);
            Files.writeString(sa.resolve("ca.crt"), caCertificatePem);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            SecretsApi api = new SecretsApi(server, token, sa);
            server.createContext("/api/v1/namespaces/" + NAMESPACE + "/secrets", api::handle);
            server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Path serviceAccountDir() {
        return serviceAccountDir;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"kind\":\"Status\",\"code\":401}");
                return;
            }
            String prefix = "/api/v1/namespaces/" + NAMESPACE + "/secrets";
            String rest = exchange.getRequestURI().getPath().substring(prefix.length());
            if (exchange.getRequestMethod().equals("GET") && rest.startsWith("/")) {
                JsonNode secret = secrets.get(rest.substring(1));
                respond(exchange, secret == null ? 404 : 200, secret == null ? "{\"kind\":\"Status\",\"code\":404}" : secret.toString());
            } else if (exchange.getRequestMethod().equals("POST") && rest.isEmpty()) {
                JsonNode secret = JSON.readTree(exchange.getRequestBody());
                String name = secret.at("/metadata/name").asText();
                if (secrets.putIfAbsent(name, secret) != null) {
                    respond(exchange, 409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"AlreadyExists\"}");
                } else {
                    creations.incrementAndGet();
                    respond(exchange, 201, secret.toString());
                }
            } else {
                respond(exchange, 405, "{\"kind\":\"Status\",\"code\":405}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The decoded value of {@code key} in Secret {@code name}. */
    byte[] data(String name, String key) {
        JsonNode secret = secrets.get(name);
        if (secret == null) {
            throw new AssertionError("no Secret " + name + " was created");
        }
        return java.util.Base64.getDecoder().decode(secret.at("/data/" + key).asText());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
