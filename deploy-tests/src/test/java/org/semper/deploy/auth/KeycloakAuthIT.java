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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.runtime.exchange.trust.PartyTrust;
import org.semper.runtime.keys.KeyAgreementKey;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.testing.ExternalCommand;

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

    /**
     * The services under test: module, realm client, more environment for its start (beyond the local profile and
     * OIDC; given the test's work directory), and the setup making the fixtures its rows use.
     */
    record ServiceUnderTest(String module, String clientId, Function<Path, Map<String, String>> settings,
            Function<KeycloakAuthIT, Map<String, String>> setup) {
    }

    static final List<ServiceUnderTest> SERVICES = List.of(
            new ServiceUnderTest("tsa-service", "semper-tsa", w -> Map.of(), KeycloakAuthIT::tsaFixtures),
            // With OIDC on, officers decide enrollment requests: no local auto-approval (it is for local runs without
            // an OIDC server, where no officer can log in).
            new ServiceUnderTest("ca-service", "semper-ca",
                    w -> Map.of("SEMPER_CA_ENROLLMENT_REQUESTS_AUTO_APPROVE", "false"), KeycloakAuthIT::caFixtures),
            // No time-stamping: its local default is a TSA on port 8081, which is not this test's TSA.
            new ServiceUnderTest("fair-exchange-notary", "semper-notary", w -> Map.of("SEMPER_NOTARY_TIME_STAMPING_ENABLED", "false"),
                    t -> Map.of()),
            // No protected endpoint (parties sign their requests): started with OIDC on, its OpenAPI must list none.
            new ServiceUnderTest("certified-mail-service", "semper-mail", w -> Map.of("SEMPER_MAIL_TIME_STAMPING_ENABLED", "false"),
                    t -> Map.of()),
            new ServiceUnderTest("dispute-arbiter", "semper-arbiter", DisputeCase.CASE::arbiterSettings,
                    KeycloakAuthIT::arbiterFixtures));

    /** Every endpoint that needs a role, one row each (a new service adds its rows here). */
    static final List<ProtectedEndpoint> ENDPOINTS = List.of(
            get("tsa-service", "/api/v1/tokens/${tokenSerial}", "operator", "auditor"),
            post("ca-service", "/api/v1/enrollment-tokens", "{\"subject\":\"CN=E2E Shop,O=E2E Shop Ltd\",\"profile\":\"merchant\",\"validHours\":1}", "ra-officer", "operator", 201),
            post("ca-service", "/api/v1/certificates/${revocableSerial}/revocation", "{\"reason\":\"superseded\"}", "ra-officer", "operator", 200),
            post("ca-service", "/api/v1/claims/${claimId}/decision", "{\"decision\":\"reject\",\"note\":\"e2e: not an impostor\"}", "ra-officer", "court", 200),
            get("ca-service", "/api/v1/reports/exposure", "operator", "ra-officer"),
            get("ca-service", "/api/v1/enrollment-requests", "ra-officer", "operator"),
            post("ca-service", "/api/v1/enrollment-requests/${enrollmentRequestId}/decision", "{\"decision\":\"approve\"}", "ra-officer", "auditor", 200),
            post("fair-exchange-notary", "/api/v1/operator/revocation-cache/clear", null, "operator", "auditor", 204),
            get("dispute-arbiter", "/api/v1/disputes", "court", "operator"),
            get("dispute-arbiter", "/api/v1/disputes/${disputeId}", "court", "auditor"),
            get("dispute-arbiter", "/api/v1/disputes/${disputeId}/transcript", "court", "ra-officer"),
            get("dispute-arbiter", "/api/v1/disputes/${disputeId}/transcript.html", "court", "operator"),
            get("dispute-arbiter", "/api/v1/disputes/${disputeId}/transcript.pdf", "court", "auditor"),
            get("dispute-arbiter", "/api/v1/disputes/${disputeId}/bundle", "court", "ra-officer"));

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
            services.put(s.module(), PackagedService.start(repositoryRoot(), s.module(), s.clientId(), s.settings().apply(work),
                    keycloak.realmUrl(), work, logs));
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
    void everyRowIsOfAServiceUnderTestWithRealmRoles() {
        assertThat(SERVICES.stream().map(ServiceUnderTest::module).toList())
                .containsAll(ENDPOINTS.stream().map(ProtectedEndpoint::service).toList());
        assertThat(ENDPOINTS).allSatisfy(e -> {
            assertThat(ROLES).contains(e.role(), e.wrongRole());
            assertThat(e.role()).isNotEqualTo(e.wrongRole());
        });
    }

    /**
     * The services' own OpenAPI documents list what needs a role: the table must cover exactly that, per service (a
     * service that protects nothing, like certified mail, has no rows, and gets them as soon as it protects something).
     */
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
            assertThat(rows).as(s.module() + ": rows of ENDPOINTS = operations its OpenAPI document marks as secured")
                    .isEqualTo(documented);
        }
    }

    // ---- the bootstrap Jobs' scripts (deploy/k8s/base/bootstrap/scripts), run as the Jobs run them ----

    @Test
    void tsaSigningKeyJobEnrollsAtTheCaOverEstPinsTheRootAndCreatesTheSecretOnce() throws Exception {
        PackagedService ca = services.get("ca-service");
        String rootPem = Files.readString(ca.localRoot());
        X509Certificate root = CaEnrollment.certificates(rootPem).get(0);
        try (SecretsApi api = SecretsApi.start(work.resolve("sa-tsa-signing-key"), rootPem)) {
            EnrolledKeyJob job = new EnrolledKeyJob(this, api, root);
            Map<String, String> otherRoot = new HashMap<>(job.settings("tsa-signing-key", "ttp-tsa", "tsa", "CN=Semper TSA,O=Semper E2E"));
            otherRoot.put("ROOT_SHA256", "AB:".repeat(31) + "AB");
            ExternalCommand.Result refused = job.run(otherRoot);
            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("is not the pinned root");
            assertThat(api.secrets).as("nothing is created under another root").isEmpty();

            EnrolledKeyJob.Made made = job.create("tsa-signing-key", "ttp-tsa", "tsa", "CN=Semper TSA,O=Semper E2E");
            SigningKey key = KeySources.open(made, "semper.tsa.signing-key");
            assertThat(key.selfTest()).isTrue();
            assertThat(key.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
            X509Certificate leaf = assertEnrolledChain(made, key.chain(), root, "CN=Semper TSA", "ttp-tsa");
            assertThat(leaf.getExtendedKeyUsage()).as("RFC 3161 §2.3: sole EKU timeStamping").containsExactly("1.3.6.1.5.5.7.3.8");
            assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.37");
            assertThat(made.aliases()).as("one entry: the key with its chain").containsExactly("tsa");

            ExternalCommand.Result again = job.run(job.settings("tsa-signing-key", "ttp-tsa", "tsa", "CN=Semper TSA,O=Semper E2E"))
                    .assertSuccess();
            assertThat(again.output()).contains("already exists");
            assertThat(api.creations).as("a Secret is never replaced").hasValue(1);
        }
    }

    /** A service's signing key enrolled by its Job: Secret, CA profile, keystore alias, subject. */
    record SigningKeyJob(String secret, String profile, String alias, String subject) {
    }

    /** The signing-key Jobs of the exchange TTPs and the arbiter (the TSA's has its own test above). */
    static final List<SigningKeyJob> SIGNING_KEY_JOBS = List.of(
            new SigningKeyJob("notary-signing-key", "ttp-notary", "notary", "CN=Semper Notary,O=Semper E2E"),
            new SigningKeyJob("mail-signing-key", "ttp-mail", "mail", "CN=Semper Certified Mail,O=Semper E2E"),
            new SigningKeyJob("arbiter-signing-key", "ttp-arbiter", "arbiter", "CN=Semper Arbiter,O=Semper E2E"));

    /**
     * The services' signing keys, as bootstrap-notary-signing-key, bootstrap-mail-signing-key and
     * bootstrap-arbiter-signing-key make them, open the way the services open them and sign; root.pem reads as their
     * trust anchor.
     */
    @Test
    void signingKeyJobsEnrollEachServiceKeyUnderItsProfile() throws Exception {
        String rootPem = Files.readString(services.get("ca-service").localRoot());
        X509Certificate root = CaEnrollment.certificates(rootPem).get(0);
        try (SecretsApi api = SecretsApi.start(work.resolve("sa-signing-keys"), rootPem)) {
            EnrolledKeyJob job = new EnrolledKeyJob(this, api, root);
            for (SigningKeyJob k : SIGNING_KEY_JOBS) {
                EnrolledKeyJob.Made made = job.create(k.secret(), k.profile(), k.alias(), k.subject());
                SigningKey key = KeySources.open(made, k.secret());
                assertThat(key.selfTest()).as(k.secret()).isTrue();
                X509Certificate leaf = assertEnrolledChain(made, key.chain(), root, k.subject().split(",")[0], k.profile());
                assertThat(leaf.getKeyUsage()).as(k.secret() + ": digitalSignature, nonRepudiation")
                        .startsWith(true, true, false, false, false);
                assertThat(made.aliases()).containsExactly(k.alias());
                // SEMPER_<SERVICE>_TRUST_ANCHORS and ..._TIME_STAMPING_TRUST_ANCHORS: the root only.
                assertThat(PartyTrust.anchors(List.of(made.rootPem())).certificates()).containsExactly(root);
            }
            assertThat(api.creations).hasValue(SIGNING_KEY_JOBS.size());
        }
    }

    /**
     * The escrow-key Jobs (bootstrap-notary-escrow-key, bootstrap-mail-escrow-key): a token for another profile is
     * refused; the key is a P-256 key-agreement key that opens the way the services open it and opens an HPKE escrow
     * sealed to its certificate.
     */
    @Test
    void escrowKeyJobEnrollsAKeyAgreementKey() throws Exception {
        String rootPem = Files.readString(services.get("ca-service").localRoot());
        X509Certificate root = CaEnrollment.certificates(rootPem).get(0);
        String subject = "CN=Semper Notary,O=Semper E2E";
        try (SecretsApi api = SecretsApi.start(work.resolve("sa-escrow-key"), rootPem)) {
            EnrolledKeyJob job = new EnrolledKeyJob(this, api, root);
            Map<String, String> wrongProfile = new HashMap<>(job.settings("notary-escrow-key", "ttp-notary", "escrow", subject));
            wrongProfile.put("CA_PROFILE", "ttp-escrow");
            ExternalCommand.Result refused = job.run(wrongProfile);
            assertThat(refused.exitCode()).as("a token for ttp-notary does not enroll a ttp-escrow key: " + refused.output()).isNotZero();
            assertThat(refused.output()).contains("the CA refused the enrollment");
            assertThat(api.secrets).isEmpty();

            EnrolledKeyJob.Made escrow = job.create("notary-escrow-key", "ttp-escrow", "escrow", subject);
            KeyAgreementKey escrowKey = KeySources.openKeyAgreement(escrow, "semper.notary.escrow-key");
            X509Certificate escrowCertificate = assertEnrolledChain(escrow, escrowKey.chain(), root, "CN=Semper Notary", "ttp-escrow");
            assertThat(escrowCertificate.getKeyUsage()).as("keyAgreement only")
                    .containsExactly(false, false, false, false, true, false, false, false, false);
            assertThat(((ECPublicKey) escrowKey.publicKey()).getParams().getCurve().getField().getFieldSize())
                    .as("HPKE DHKEM(P-256)").isEqualTo(256);
            assertThat(escrowKey.extractable()).isTrue();
            byte[] contentKey = new byte[EscrowOpening.KEY_LENGTH];
            new java.security.SecureRandom().nextBytes(contentKey);
            byte[] label = "semper-e2e-escrow".getBytes(StandardCharsets.US_ASCII);
            assertThat(EscrowOpening.open(escrowKey.privateKey(), EscrowOpening.seal(escrowKey.publicKey(), contentKey, label), label))
                    .hasValueSatisfying(opened -> assertThat(opened).isEqualTo(contentKey));
            assertThat(escrow.aliases()).containsExactly("escrow");
            assertThat(api.creations).hasValue(1);
        }
    }

    /**
     * The chain of a key an enrolled-key Job made: leaf (subject, profile as the CA recorded it) → issuing CA → the
     * pinned root, and root.pem is exactly that root. Returns the leaf.
     */
    private X509Certificate assertEnrolledChain(EnrolledKeyJob.Made made, List<X509Certificate> chain, X509Certificate root,
            String commonName, String profile) throws Exception {
        assertThat(chain).hasSize(3);
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getSubjectX500Principal().getName()).contains(commonName);
        leaf.verify(chain.get(1).getPublicKey());
        chain.get(1).verify(root.getPublicKey());
        assertThat(chain.get(2)).isEqualTo(root);
        assertThat(made.rootCertificates()).as("root.pem: the pinned root").containsExactly(root);
        HttpResponse<String> recorded = call("GET", services.get("ca-service").url("/api/v1/certificates/"
                + leaf.getSerialNumber().toString(16)), null, null);
        assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(200);
        assertThat(read(recorded).get("profile").asText()).isEqualTo(profile);
        return leaf;
    }
    void logKeyAndDatabaseCredentialJobsCreateTheirSecretsOnce() throws Exception {
        try (SecretsApi api = SecretsApi.start(work.resolve("sa-log-and-db"), Files.readString(services.get("ca-service").localRoot()))) {
            BootstrapScripts.run("log-key.sh", api, work,
                    Map.of("SECRET_NAME", "ca-log-key", "KEY_SUBJECT", "CN=Semper CA transparency log,O=Semper")).assertSuccess();
            Path keystore = work.resolve("ca-log-key.p12");
            Files.write(keystore, api.data("ca-log-key", "key.p12"));
            SigningKey logKey = KeySources.openPkcs12(keystore, new String(api.data("ca-log-key", "password"), StandardCharsets.UTF_8),
                    Optional.empty(), Optional.empty());
            assertThat(logKey.signatureAlgorithm()).as("C2SP signed notes need Ed25519").isEqualTo("Ed25519");
            assertThat(logKey.selfTest()).isTrue();

            BootstrapScripts.run("db-credentials.sh", api, work, Map.of("SEMPER_DB_ROLES", "tsa ca")).assertSuccess();
            for (String role : List.of("tsa", "ca")) {
                assertThat(api.secrets.get("semper-db-" + role).at("/type").asText()).isEqualTo("kubernetes.io/basic-auth");
                assertThat(api.secrets.get("semper-db-" + role).at("/metadata/labels/cnpg.io~1reload").asText())
                        .as("CloudNativePG applies a changed password").isEqualTo("true");
                assertThat(new String(api.data("semper-db-" + role, "username"), StandardCharsets.UTF_8)).isEqualTo(role);
                assertThat(new String(api.data("semper-db-" + role, "password"), StandardCharsets.UTF_8)).matches("[A-Za-z0-9]{40}");
            }
            assertThat(api.data("semper-db-tsa", "password")).isNotEqualTo(api.data("semper-db-ca", "password"));

            int created = api.creations.get();
            BootstrapScripts.run("log-key.sh", api, work,
                    Map.of("SECRET_NAME", "ca-log-key", "KEY_SUBJECT", "CN=Another,O=Semper")).assertSuccess();
            BootstrapScripts.run("db-credentials.sh", api, work, Map.of("SEMPER_DB_ROLES", "tsa ca")).assertSuccess();
            assertThat(api.creations).as("reruns leave existing Secrets alone").hasValue(created);
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
        String requestId = ca.requestApproval("CN=E2E Awaiting Approval,O=E2E Approval Ltd", "merchant");
        return Map.of("revocableSerial", revocable.serial(), "claimId", claimId, "enrollmentRequestId", requestId);
    }

    /** A dispute filed and decided at the arbiter: what courts list and fetch. */
    Map<String, String> arbiterFixtures() {
        return Map.of("disputeId", DisputeCase.CASE.fileAndAwaitDecision(this, tokens.get("court")));
    }

    // ---- HTTP ----

    HttpResponse<String> call(String method, String url, String bearer, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                // JSON first; the arbiter's transcript renderings are HTML and PDF.
                .header("Accept", "application/json, application/problem+json, */*;q=0.1");
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
