package org.semper.runtime.keys;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * Configuration of one signing key, embedded in a service's {@code @ConfigMapping} (for example
 * {@code semper.tsa.signing-key.*}).
 *
 * <p>Secrets ({@code password}, {@code pin}) are best given as environment variables or Kubernetes Secrets, never
 * in a file under version control. They are never logged.
 */
public interface KeySourceConfig {

    /** Key source type. Default {@code pkcs12}. */
    @WithDefault("pkcs12")
    KeySourceType type();

    /**
     * Alias of the key entry. Default: the only key entry in the keystore (startup fails if there are several and
     * none is named).
     */
    Optional<String> alias();

    /** PKCS#12 settings (used when {@code type=pkcs12}). */
    Pkcs12 pkcs12();

    /** PKCS#11 settings (used when {@code type=pkcs11}). */
    Pkcs11 pkcs11();

    /**
     * Optional PEM file with the certificate chain (leaf first), used when the keystore holds only the leaf or,
     * for PKCS#11, no certificate at all.
     */
    Optional<Path> chainFile();

    interface Pkcs12 {
        /** Path of the PKCS#12 file. Required for {@code type=pkcs12} outside the {@code local} profile. */
        Optional<Path> path();

        /** Keystore password (also used for the key entry). */
        Optional<String> password();
    }

    interface Pkcs11 {
        /**
         * SunPKCS11 configuration: a path to a config file, or the config inline starting with {@code --}
         * (for example {@code --name=softhsm\nlibrary=/usr/lib/softhsm/libsofthsm2.so\nslot=0}).
         */
        Optional<String> config();

        /** User PIN of the token. */
        Optional<String> pin();
    }
}
