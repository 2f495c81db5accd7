package org.semper.deploy.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Semper service run from its packaged jar ({@code <module>/target/quarkus-app/quarkus-run.jar}) on the
 * {@code local} profile (embedded PostgreSQL, generated keys, under its own data directory), with OIDC switched on
 * and pointed at a real Keycloak realm.
 */
final class PackagedService implements AutoCloseable {

    private final String module;
    private final LocalProcess process;
    private final String baseUrl;
    private final Path dataDir;

    private PackagedService(String module, LocalProcess process, String baseUrl, Path dataDir) {
        this.module = module;
        this.process = process;
        this.baseUrl = baseUrl;
        this.dataDir = dataDir;
    }

    /**
     * The overrides that turn OIDC on in the {@code local} profile, which disables it
     * ({@code %local.quarkus.oidc.tenant-enabled=false}): environment variables outrank application.properties, also
     * its profile-specific entries.
     */
    static Map<String, String> oidcOn(String realmUrl, String clientId) {
        return Map.of("QUARKUS_OIDC_TENANT_ENABLED", "true",
                "QUARKUS_OIDC_AUTH_SERVER_URL", realmUrl,
                "QUARKUS_OIDC_CLIENT_ID", clientId,
                // Keycloak starts at the same time: wait for it (as long as KeycloakServer.awaitReady does) instead
                // of failing the OIDC set-up.
                "QUARKUS_OIDC_CONNECTION_DELAY", "10M");
    }

    /** Starts {@code module}'s packaged jar; {@code settings} are more environment variables for it. */
    static PackagedService start(Path repositoryRoot, String module, String clientId, Map<String, String> settings, String realmUrl,
            Path workDir, Path logs) {
        Path jar = repositoryRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("No packaged " + module + " at " + jar + ": build it first (./mvnw -pl deploy-tests -am verify)");
        }
        int port = LocalProcess.freePort();
        Path dataDir = workDir.resolve(module + "-data");
        Map<String, String> environment = new java.util.HashMap<>(oidcOn(realmUrl, clientId));
        environment.putAll(Map.of("QUARKUS_PROFILE", "local", "SEMPER_DATA_DIR", dataDir.toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1", "QUARKUS_HTTP_PORT", Integer.toString(port)));
        environment.putAll(settings);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        LocalProcess process = LocalProcess.start(module, List.of(java, "-jar", jar.toString()), workDir, environment,
                logs.resolve(module + ".log"));
        return new PackagedService(module, process, "http://127.0.0.1:" + port, dataDir);
    }

    PackagedService awaitReady() {
        process.awaitOk(baseUrl + "/q/health/ready", Duration.ofMinutes(6));
        return this;
    }

    String module() {
        return module;
    }

    String url(String path) {
        return baseUrl + path;
    }

    /** The local trust anchor this service's keys chain to (local profile). */
    Path localRoot() {
        return dataDir.resolve("local-ca/root.pem");
    }

    String logTail() {
        return process.tail();
    }

    @Override
    public void close() {
        process.close();
    }
}
