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
 */
public abstract class LocalEnvironmentTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalEnvironment environment;
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
