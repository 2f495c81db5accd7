package org.semper.runtime.config;

import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.Config;

/**
 * A setting a service cannot run in production without, with what to set when it is missing.
 *
 * @param what    what is missing, e.g. "database"
 * @param present whether the configuration provides it
 * @param howToSet the properties / environment variables to set
 */
public record RequiredSetting(String what, Predicate<Config> present, String howToSet) {

    /** Present if {@code key} has a non-blank value. */
    public static RequiredSetting property(String what, String key, String howToSet) {
        return new RequiredSetting(what, config -> value(config, key).isPresent(), howToSet);
    }

    public static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
    }
}
