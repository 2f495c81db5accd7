package org.semper.runtime.local;

import java.util.List;

import org.semper.runtime.config.RequiredSetting;

/**
 * What a service needs from the {@code local} profile.
 *
 * @param service  module name, e.g. {@code tsa-service}: names its data folder
 * @param database database name in the embedded PostgreSQL
 * @param keys     the keys to generate on first start
 * @param production settings the service cannot run without outside the {@code local} profile (checked before
 *                 startup, all reported at once)
 */
public record LocalServiceSetup(String service, String database, List<LocalKeySpec> keys,
        List<RequiredSetting> production) {

    /** What every Semper service needs in production: a database, and an OIDC server for its protected endpoints. */
    public static List<RequiredSetting> commonProductionSettings() {
        return List.of(
                RequiredSetting.property("database", "quarkus.datasource.jdbc.url",
                        "QUARKUS_DATASOURCE_JDBC_URL (jdbc:postgresql://host:5432/db), QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD"),
                new RequiredSetting("OIDC server for operator/court endpoints",
                        c -> RequiredSetting.value(c, "quarkus.oidc.auth-server-url").isPresent()
                                || RequiredSetting.value(c, "quarkus.oidc.tenant-enabled").map("false"::equals).orElse(false),
                        "QUARKUS_OIDC_AUTH_SERVER_URL (https://keycloak.example/realms/semper) and QUARKUS_OIDC_CLIENT_ID"));
    }

    /** A signing key configured under {@code prefix} (PKCS#12 path, or PKCS#11 config). */
    public static RequiredSetting signingKey(String what, String prefix) {
        String upper = prefix.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
        return new RequiredSetting(what,
                c -> RequiredSetting.value(c, prefix + ".type").map("pkcs11"::equalsIgnoreCase).orElse(false)
                        ? RequiredSetting.value(c, prefix + ".pkcs11.config").isPresent() && RequiredSetting.value(c, prefix + ".pkcs11.pin").isPresent()
                        : RequiredSetting.value(c, prefix + ".pkcs12.path").isPresent() && RequiredSetting.value(c, prefix + ".pkcs12.password").isPresent(),
                upper + "_PKCS12_PATH and " + upper + "_PKCS12_PASSWORD, or " + upper + "_TYPE=pkcs11 with "
                        + upper + "_PKCS11_CONFIG and " + upper + "_PKCS11_PIN");
    }
}
