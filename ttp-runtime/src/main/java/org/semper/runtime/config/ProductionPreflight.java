package org.semper.runtime.config;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * Checks, before Quarkus starts, that a production run has every setting it needs, and lists <em>all</em>
 * missing ones at once with what to set, instead of failing on the first one Quarkus happens to read.
 *
 * <p>Reads configuration the way Quarkus does for these keys: system properties, environment variables,
 * {@code config/application.properties} in the working directory and {@code application.properties} on the class
 * path, with the active profile's {@code %profile.} entries.
 */
public final class ProductionPreflight {

    private ProductionPreflight() {
    }

    /** The settings missing for {@code profile}; empty when all are there. */
    public static List<RequiredSetting> missing(String profile, List<RequiredSetting> required) {
        Config config = load(profile);
        List<RequiredSetting> missing = new ArrayList<>();
        for (RequiredSetting setting : required) {
            if (!setting.present().test(config)) {
                missing.add(setting);
            }
        }
        return missing;
    }

    /** Human-readable report of what to set. */
    public static String report(String service, String profile, List<RequiredSetting> missing) {
        StringBuilder text = new StringBuilder();
        text.append(service).append(" cannot start on the '").append(profile).append("' profile; missing configuration:\n");
        for (RequiredSetting s : missing) {
            text.append("  - ").append(s.what()).append(": ").append(s.howToSet()).append('\n');
        }
        text.append("To run on embedded defaults for development instead, set QUARKUS_PROFILE=local.");
        return text.toString();
    }

    private static Config load(String profile) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile(profile).addDefaultSources();
        try {
            Path local = Path.of("config", "application.properties");
            if (Files.isReadable(local)) {
                builder.withSources(new PropertiesConfigSource(local.toUri().toURL(), 260));
            }
            var resources = Thread.currentThread().getContextClassLoader().getResources("application.properties");
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                builder.withSources(new PropertiesConfigSource(url, 250));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read application.properties: " + e.getMessage(), e);
        }
        return builder.build();
    }
}
