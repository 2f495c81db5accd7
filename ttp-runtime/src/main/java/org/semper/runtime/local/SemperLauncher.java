package org.semper.runtime.local;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;

/**
 * Entry point shared by every service's {@code @QuarkusMain}: on the {@code local} profile it prepares the embedded
 * environment (PostgreSQL, keys) before Quarkus reads its configuration, then runs the application. On any other
 * profile it only runs the application.
 */
public final class SemperLauncher {

    private static final Logger LOG = Logger.getLogger(SemperLauncher.class);

    private SemperLauncher() {
    }

    public static void launch(LocalServiceSetup setup, String... args) {
        if (LocalProfile.active()) {
            boolean externalDatabase = System.getProperty("quarkus.datasource.jdbc.url") != null
                    || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
            LocalEnvironment environment = LocalEnvironment.prepare(setup, LocalProfile.dataRoot(), !externalDatabase);
            environment.properties().forEach(System::setProperty);
            environment.describe().forEach(LOG::info);
        }
        Quarkus.run(args);
    }
}
