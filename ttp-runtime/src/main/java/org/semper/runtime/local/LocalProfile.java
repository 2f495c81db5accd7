package org.semper.runtime.local;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The {@code local} profile: a service runs on embedded defaults (an in-process PostgreSQL, keys generated on first
 * start under a local trust anchor), for development and demos. Never for production.
 */
public final class LocalProfile {

    /** The Quarkus profile name. */
    public static final String NAME = "local";

    private LocalProfile() {
    }

    /** True if {@code quarkus.profile} (system property) or {@code QUARKUS_PROFILE} (environment) names {@code local}. */
    public static boolean active() {
        String profiles = System.getProperty("quarkus.profile", System.getenv("QUARKUS_PROFILE"));
        return profiles != null && Arrays.stream(profiles.split(",")).map(String::trim).anyMatch(NAME::equals);
    }

    /**
     * Root of local state: {@code semper.data-dir} (system property), else {@code SEMPER_DATA_DIR}, else
     * {@code ./data}. Holds {@code local-ca/} (the trust anchor all local services share) and one folder per
     * service.
     */
    public static Path dataRoot() {
        String configured = System.getProperty("semper.data-dir", System.getenv("SEMPER_DATA_DIR"));
        return Path.of(configured == null || configured.isBlank() ? "data" : configured).toAbsolutePath().normalize();
    }
}
