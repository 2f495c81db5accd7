package org.semper.deploy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.semper.runtime.keys.KeySourceConfig;
import org.semper.runtime.keys.KeySourceType;
import org.semper.runtime.testing.ExternalCommand;

/**
 * The bootstrap script {@code enrolled-key.sh} as a Job runs it (bootstrap-tsa-signing-key, bootstrap-notary-signing-key,
 * bootstrap-notary-escrow-key, ...): against the real CA, with an officer's one-time enrollment token for the key's
 * subject and profile, the root pinned by its fingerprint; and what the Secret it created holds.
 */
final class EnrolledKeyJob {

    static final String SCRIPT = "enrolled-key.sh";

    /**
     * What the Secret holds, written to files as the pod mounts them: the keystore, its password, and root.pem. As a
     * {@link KeySourceConfig}: the key as the service's configuration names it (PKCS#12 path and password).
     */
    record Made(Path keystore, String password, Path rootPem) implements KeySourceConfig {

        List<X509Certificate> rootCertificates() throws java.io.IOException {
            return CaEnrollment.certificates(Files.readString(rootPem));
        }

        /** The keystore's aliases: exactly one entry is what the services expect. */
        List<String> aliases() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keystore)) {
                store.load(in, password.toCharArray());
            }
            return Collections.list(store.aliases());
        }

        @Override
        public KeySourceType type() {
            return KeySourceType.PKCS12;
        }

        @Override
        public Optional<String> alias() {
            return Optional.empty();
        }

        @Override
        public Pkcs12 pkcs12() {
            return new Pkcs12() {
                @Override
                public Optional<Path> path() {
                    return Optional.of(keystore);
                }

                @Override
                public Optional<String> password() {
                    return Optional.of(password);
                }
            };
        }

        @Override
        public Pkcs11 pkcs11() {
            return new Pkcs11() {
                @Override
                public Optional<String> config() {
                    return Optional.empty();
                }

                @Override
                public Optional<String> pin() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public Optional<Path> chainFile() {
            return Optional.empty();
        }
    }

    private final KeycloakAuthIT test;
    private final SecretsApi api;
    private final String rootFingerprint;

    EnrolledKeyJob(KeycloakAuthIT test, SecretsApi api, X509Certificate root) throws Exception {
        this.test = test;
        this.api = api;
        this.rootFingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
    }

    /** The Job's settings (env) for Secret {@code secret}, with a fresh enrollment token for subject and profile. */
    Map<String, String> settings(String secret, String profile, String alias, String subject) throws java.io.IOException {
        Path tokenFile = test.work().resolve(secret + "-enrollment-token");
        Files.writeString(tokenFile, new CaEnrollment(test).enrollmentToken(subject, profile));
        return Map.of("SECRET_NAME", secret, "CA_URL", test.service("ca-service").url(""), "CA_PROFILE", profile,
                "KEY_ALIAS", alias, "KEY_SUBJECT", subject, "ROOT_SHA256", rootFingerprint,
                "ENROLLMENT_TOKEN_FILE", tokenFile.toString());
    }

    ExternalCommand.Result run(Map<String, String> settings) {
        return BootstrapScripts.run(SCRIPT, api, test.work(), settings);
    }

    /** Runs the Job, which must succeed and create {@code secret} without printing its password; returns what it holds. */
    Made create(String secret, String profile, String alias, String subject) throws Exception {
        ExternalCommand.Result created = run(settings(secret, profile, alias, subject)).assertSuccess();
        String password = new String(api.data(secret, "password"), StandardCharsets.UTF_8);
        assertThat(created.output()).contains("created Secret " + secret).doesNotContain(password);
        Path keystore = test.work().resolve(secret + ".p12");
        Files.write(keystore, api.data(secret, "key.p12"));
        Path rootPem = test.work().resolve(secret + "-root.pem");
        Files.write(rootPem, api.data(secret, "root.pem"));
        return new Made(keystore, password, rootPem);
    }
}
