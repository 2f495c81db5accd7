package org.semper.runtime.local;

import java.util.List;

import org.jboss.logging.Logger;
import org.semper.runtime.config.ProductionPreflight;
import org.semper.runtime.config.RequiredSetting;

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
        String profile = activeProfile();
        if (!LocalProfile.active() && !profile.equals("dev") && !profile.equals("test")) {
            List<RequiredSetting> missing = ProductionPreflight.missing(profile, setup.production());
            if (!missing.isEmpty()) {
                System.err.println(ProductionPreflight.report(setup.service(), profile, missing));
                System.exit(1);
            }
        }
        if (LocalProfile.active()) {
            boolean externalDatabase = System.getProperty("quarkus.datasource.jdbc.url") != null
                    || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
            LocalEnvironment environment = LocalEnvironment.prepare(setup, LocalProfile.dataRoot(), !externalDatabase);
            environment.properties().forEach(System::setProperty);
            environment.describe().forEach(LOG::info);
        }
        Quarkus.run(args);
    }

    private static String activeProfile() {
        String profile = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        return profile == null || profile.isBlank() ? "prod" : profile.split(",")[0].trim();
    }
}
