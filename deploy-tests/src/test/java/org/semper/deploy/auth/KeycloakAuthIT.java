package org.semper.deploy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.deploy.auth.ProtectedEndpoint.get;
import static org.semper.deploy.auth.ProtectedEndpoint.post;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The services' protected endpoints against a real Keycloak: the Keycloak distribution from Maven Central in dev
 * mode on loopback, the realm imported from the same file the Kubernetes manifests use
 * ({@code deploy/k8s/base/keycloak/semper-realm.json}), real users with realm roles, real tokens, and the services'
 * packaged jars with OIDC switched on. For every row of {@link #ENDPOINTS}: no token → 401, a token that is not
 * Keycloak's → 401, a user without the role → 403, a user with it → the endpoint's success status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakAuthIT {

    /** The services under test: module, realm client, and the setup making the fixtures its rows use. */
    record ServiceUnderTest(String module, String clientId, Function<KeycloakAuthIT, Map<String, String>> setup) {
    }

    static final List<ServiceUnderTest> SERVICES = List.of(
            new ServiceUnderTest("tsa-service", "semper-tsa", KeycloakAuthIT::tsaFixtures),
            new ServiceUnderTest("ca-service", "semper-ca", KeycloakAuthIT::caFixtures));

    /** Every endpoint that needs a role, one row each (a new service adds its rows here). */
    static final List<ProtectedEndpoint> ENDPOINTS = List.of(
            get("tsa-service", "/api/v1/tokens/${tokenSerial}", "operator", "auditor"),
            post("ca-service", "/api/v1/enrollment-tokens", "{\"subject\":\"CN=E2E Shop,O=E2E Shop Ltd\",\"profile\":\"merchant\",\"validHours\":1}", "ra-officer", "operator", 201),
            post("ca-service", "/api/v1/certificates/${revocableSerial}/revocation", "{\"reason\":\"superseded\"}", "ra-officer", "operator", 200),
            post("ca-service", "/api/v1/claims/${claimId}/decision", "{\"decision\":\"reject\",\"note\":\"e2e: not an impostor\"}", "ra-officer", "court", 200),
            get("ca-service", "/api/v1/reports/exposure", "operator", "ra-officer"));

    static final List<String> ROLES = List.of("operator", "ra-officer", "court", "auditor");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;

    KeycloakServer keycloak;
    final Map<String, PackagedService> services = new HashMap<>();
    final Map<String, String> fixtures = new HashMap<>();
    /** An access token per realm role, each of a user holding only that role. */
    final Map<String, String> tokens = new HashMap<>();
    String noRoleToken;

    static Path repositoryRoot() {
        return Path.of(System.getProperty("semper.repository.root", "..")).toAbsolutePath().normalize();
    }

    static Path realmFile() {
        return repositoryRoot().resolve("deploy/k8s/base/keycloak/semper-realm.json");
    }

    @BeforeAll
    void startKeycloakAndServices() {
        Jdk jdk = Jdk.atLeast(21);
        Path home = Path.of(System.getProperty("semper.keycloak.home", "target/keycloak/keycloak"));
        Path logs = Path.of("target", "e2e-logs").toAbsolutePath();
        // Keycloak and the services start at the same time; the services wait for the realm (connection delay).
        keycloak = KeycloakServer.launch(home, jdk, realmFile(), logs.resolve("keycloak.log"));
        for (ServiceUnderTest s : SERVICES) {
            services.put(s.module(), PackagedService.start(repositoryRoot(), s.module(), s.clientId(), keycloak.realmUrl(),
                    work, logs));
        }
        keycloak.awaitReady();
        services.values().forEach(PackagedService::awaitReady);

        keycloak.createTestClient();
        for (String role : ROLES) {
            String user = role.replace("-", "") + "-user";
            tokens.put(role, keycloak.accessToken(user, keycloak.createUser(user, List.of(role))));
        }
        noRoleToken = keycloak.accessToken("norole-user", keycloak.createUser("norole-user", List.of()));
        for (ServiceUnderTest s : SERVICES) {
            fixtures.putAll(s.setup().apply(this));
        }
    }

    @AfterAll
    void stop() {
        services.values().forEach(PackagedService::close);
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @TestFactory
    Stream<DynamicNode> everyProtectedEndpointChecksTokenAndRole() {
        return ENDPOINTS.stream().map(e -> DynamicContainer.dynamicContainer(e.toString(), Stream.of(
                DynamicTest.dynamicTest("no token: 401", () -> assertStatus(e, null, 401)),
                DynamicTest.dynamicTest("a token Keycloak did not sign: 401", () -> assertStatus(e, forged(tokens.get(e.role())), 401)),
                DynamicTest.dynamicTest("a user without roles: 403", () -> assertStatus(e, noRoleToken, 403)),
                DynamicTest.dynamicTest(e.wrongRole() + ": 403", () -> assertStatus(e, tokens.get(e.wrongRole()), 403)),
                DynamicTest.dynamicTest(e.role() + ": " + e.success(), () -> assertStatus(e, tokens.get(e.role()), e.success())))));
    }

    @Test
    void theTableHasARowForEveryServiceAndOnlyRealmRoles() {
        assertThat(ENDPOINTS).extracting(ProtectedEndpoint::service)
                .containsAll(SERVICES.stream().map(ServiceUnderTest::module).toList());
        assertThat(ENDPOINTS).allSatisfy(e -> {
            assertThat(ROLES).contains(e.role(), e.wrongRole());
            assertThat(e.role()).isNotEqualTo(e.wrongRole());
        });
    }

    /** The services' own OpenAPI documents list what needs a role: the table must cover exactly that. */
    @Test
    void theTableCoversEveryOperationTheServicesProtect() {
        for (ServiceUnderTest s : SERVICES) {
            JsonNode openapi = read(call("GET", services.get(s.module()).url("/q/openapi?format=json"), null, null));
            Set<String> protectedOperations = new TreeSet<>();
            openapi.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                if (op.getValue().has("security")) {
                    protectedOperations.add(op.getKey().toUpperCase() + " " + path.getKey());
                }
            }));
            Set<String> rows = ENDPOINTS.stream().filter(e -> e.service().equals(s.module()))
                    .map(e -> e.method() + " " + e.path().replaceAll("\\$\\{[a-zA-Z]+}", "{}")).collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = protectedOperations.stream().map(o -> o.replaceAll("\\{[^}]+}", "{}"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(documented).as(s.module() + ": operations its OpenAPI document marks as secured").isNotEmpty();
            assertThat(rows).as(s.module() + ": rows of ENDPOINTS").isEqualTo(documented);
        }
    }

    private void assertStatus(ProtectedEndpoint e, String token, int expected) {
        PackagedService service = services.get(e.service());
        HttpResponse<String> r = call(e.method(), service.url(e.resolvedPath(fixtures)), token, e.resolvedBody(fixtures));
        assertThat(r.statusCode()).as(e + " with " + (token == null ? "no token" : "token") + ": " + r.body()).isEqualTo(expected);
        if (expected == 401 || expected == 403) {
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(read(r).get("code").asText()).isEqualTo(expected == 401 ? "unauthorized" : "forbidden");
        }
        if (expected == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        }
    }

    /** The same claims with the signature of another key: what an attacker without Keycloak's key can make. */
    static String forged(String token) {
        String[] parts = token.split("\\.");
        byte[] signature = java.util.Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x5a;
        return parts[0] + "." + parts[1] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    // ---- fixtures: what each service's rows need, made through the services' own API ----

    Map<String, String> tsaFixtures() {
        String hash = "a".repeat(64);
        HttpResponse<String> r = call("POST", services.get("tsa-service").url("/api/v1/timestamp"), null,
                "{\"hashAlgorithm\":\"SHA-256\",\"hash\":\"" + hash + "\"}");
        assertThat(r.statusCode()).as("time-stamp for the fixture: " + r.body()).isEqualTo(200);
        return Map.of("tokenSerial", read(r).get("serialNumber").asText());
    }

    Map<String, String> caFixtures() {
        CaEnrollment ca = new CaEnrollment(this);
        CaEnrollment.Enrolled merchant = ca.enroll("CN=E2E Claimed Shop,O=E2E Claimed Shop Ltd", "merchant");
        CaEnrollment.Enrolled buyer = ca.enroll("CN=E2E Buyer", "buyer");
        CaEnrollment.Enrolled revocable = ca.enroll("CN=E2E Revocable Shop,O=E2E Revocable Ltd", "merchant");
        String claimId = ca.fileClaim(buyer, merchant.serial());
        return Map.of("revocableSerial", revocable.serial(), "claimId", claimId);
    }

    // ---- HTTP ----

    HttpResponse<String> call(String method, String url, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode read(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    String officerToken() {
        return tokens.get("ra-officer");
    }

    PackagedService service(String module) {
        return services.get(module);
    }

    Path work() {
        return work;
    }
}
