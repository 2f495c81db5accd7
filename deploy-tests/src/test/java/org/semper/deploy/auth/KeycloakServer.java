package org.semper.deploy.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak (the Quarkus distribution from Maven Central) in dev mode on loopback, with the realm imported
 * from the file the Kubernetes manifests use. Users and a test-only client are made through the admin REST API.
 */
final class KeycloakServer implements AutoCloseable {

    static final String REALM = "semper";
    /** A client made only here, for the password grant; the realm file itself has none (production never needs one). */
    static final String TEST_CLIENT = "semper-e2e-test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalProcess process;
    private final String baseUrl;
    private final String adminPassword;

    private KeycloakServer(LocalProcess process, String baseUrl, String adminPassword) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts Keycloak from the unpacked distribution {@code home} with {@code jdk}, importing {@code spec.realm} of
     * the KeycloakRealmImport in {@code realmImportFile}. Its state (dev-file database) starts empty every time.
     * Returns at once: {@link #awaitReady()} waits for the realm.
     */
    static KeycloakServer launch(Path home, Jdk jdk, Path realmImportFile, Path log) {
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new AssertionError("No Keycloak distribution at " + home + " (the dependency plugin unpacks it in pre-integration-test)");
        }
        try {
            JsonNode realm = JSON.readTree(realmImportFile.toFile()).at("/spec/realm");
            if (!realm.isObject()) {
                throw new AssertionError(realmImportFile + " has no spec.realm");
            }
            deleteRecursively(home.resolve("data"));
            Path imports = Files.createDirectories(home.resolve("data/import"));
            JSON.writeValue(imports.resolve(REALM + ".json").toFile(), realm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = LocalProcess.freePort();
        String adminPassword = HexFormat.of().formatHex(RANDOM.generateSeed(16));
        LocalProcess process = LocalProcess.start("keycloak",
                List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                        "--http-host=127.0.0.1", "--http-port=" + port,
                        "--http-management-port=" + LocalProcess.freePort()),
                home, Map.of("JAVA_HOME", jdk.home().toString(), "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword),
                log);
        return new KeycloakServer(process, "http://127.0.0.1:" + port, adminPassword);
    }

    /**
     * Waits until the realm answers. The first start of a fresh distribution builds it: about a minute on an idle
     * machine, several on a busy one while the services start beside it.
     */
    KeycloakServer awaitReady() {
        process.awaitOk(realmUrl() + "/.well-known/openid-configuration", Duration.ofMinutes(10));
        return this;
    }

    /** The realm's URL: what the services get as {@code quarkus.oidc.auth-server-url}, and the tokens' issuer. */
    String realmUrl() {
        return baseUrl + "/realms/" + REALM;
    }

    /** Makes the public test client that may use the password grant. */
    void createTestClient() {
        ObjectNode client = JSON.createObjectNode().put("clientId", TEST_CLIENT).put("publicClient", true)
                .put("directAccessGrantsEnabled", true).put("standardFlowEnabled", false);
        admin("POST", "/clients", client, 201);
    }

    /** Makes a user with {@code roles} (realm roles) and returns its password. */
    String createUser(String username, List<String> roles) {
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(RANDOM.generateSeed(24));
        ObjectNode user = JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@e2e.semper.test").put("emailVerified", true)
                .put("firstName", username).put("lastName", "E2E");
        user.putArray("credentials").addObject().put("type", "password").put("value", password).put("temporary", false);
        HttpResponse<String> created = admin("POST", "/users", user, 201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (!roles.isEmpty()) {
            var mappings = JSON.createArrayNode();
            for (String role : roles) {
                mappings.add(read(admin("GET", "/roles/" + role, null, 200)));
            }
            admin("POST", "/users/" + id + "/role-mappings/realm", mappings, 204);
        }
        return password;
    }

    /** An access token for a user (password grant through the test client). */
    String accessToken(String username, String password) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(realmUrl() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "password", "client_id", TEST_CLIENT, "username", username,
                        "password", password, "scope", "openid"))).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("Keycloak refused a token for " + username + ": " + r.statusCode() + " " + r.body());
        }
        return read(r).get("access_token").asText();
    }

    private String adminToken() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", adminPassword))).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("No admin token: " + r.statusCode() + " " + r.body());
        }
        return read(r).get("access_token").asText();
    }

    private HttpResponse<String> admin(String method, String path, JsonNode body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/" + REALM + path))
                    .header("Authorization", "Bearer " + adminToken()).timeout(Duration.ofSeconds(30));
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = send(request.build());
            if (r.statusCode() != expected) {
                throw new AssertionError("Keycloak admin " + method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
        return HttpRequest.BodyPublishers.ofString(fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    String logTail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
