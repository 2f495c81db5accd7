package org.semper.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.semper.runtime.local.LocalEnvironment;
import org.semper.runtime.local.LocalServiceSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Test resource giving a service the same embedded environment as the {@code local} profile, in a fresh temporary
 * directory: a real PostgreSQL and keys under a throw-away trust anchor. Subclass it per service and return the
 * service's {@link LocalServiceSetup}. The temporary directory is exposed as {@code semper.test.data-dir}.
 *
 * <p>Tests read the database URL and trust anchor with {@link #jdbcUrl()} and {@link #trustAnchorPem()} (JVM
 * system properties, so that they work in {@code @QuarkusIntegrationTest}s too, where nothing is injected).
 */
public abstract class LocalEnvironmentTestResource implements QuarkusTestResourceLifecycleManager {

    private static final String JDBC_URL = "semper.test.jdbc-url";
    private static final String TRUST_ANCHOR = "semper.test.trust-anchor";

    private LocalEnvironment environment;

    /** JDBC URL of the test database (user {@code postgres}, no password). */
    public static String jdbcUrl() {
        return System.getProperty(JDBC_URL);
    }

    /** The PEM file of the test trust anchor. */
    public static java.nio.file.Path trustAnchorPem() {
        return java.nio.file.Path.of(System.getProperty(TRUST_ANCHOR));
    }
    private Path directory;

    protected abstract LocalServiceSetup setup();

    @Override
    public Map<String, String> start() {
        try {
            directory = Files.createTempDirectory("semper-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        environment = LocalEnvironment.prepare(setup(), directory, true);
        Map<String, String> config = new HashMap<>(environment.properties());
        config.put("semper.test.data-dir", directory.toString());
        System.setProperty(JDBC_URL, config.get("quarkus.datasource.jdbc.url"));
        System.setProperty(TRUST_ANCHOR, environment.trustAnchorPem().toString());
        return config;
    }

    @Override
    public void stop() {
        if (environment != null) {
            environment.close();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort
            }
        }
    }
}
