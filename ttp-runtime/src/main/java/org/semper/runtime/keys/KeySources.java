package org.semper.runtime.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.semper.runtime.crypto.CryptoProviders;

/**
 * Opens a {@link SigningKey} (or a {@link KeyAgreementKey}) from its configured source: a PKCS#12 file or a PKCS#11 token.
 *
 * <p>Every failure is a {@link KeySourceException} whose message names the configuration to fix; secrets are
 * never part of a message.
 */
public final class KeySources {

    private KeySources() {
    }

    /** Opens the key described by {@code config}; {@code configPrefix} (e.g. {@code semper.tsa.signing-key}) is used in messages. */
    public static SigningKey open(KeySourceConfig config, String configPrefix) {
        return openEntry(config, configPrefix).signingKey();
    }

    /**
     * Opens a key-agreement (decryption) key, e.g. the recipient key of an HPKE escrow, from the same kinds of key
     * sources as signing keys. Its certificate must allow keyAgreement (RFC 5280 §4.2.1.3) if it states a key usage.
     */
    public static KeyAgreementKey openKeyAgreement(KeySourceConfig config, String configPrefix) {
        Entry entry = openEntry(config, configPrefix);
        if (entry.chain().isEmpty()) {
            throw new KeySourceException("No certificate for the key " + entry.description()
                    + ": put the chain in the keystore or set " + configPrefix + ".chain-file");
        }
        boolean[] usage = entry.chain().get(0).getKeyUsage();
        if (usage != null && (usage.length <= 4 || !usage[4])) {
            throw new KeySourceException("The certificate of " + entry.description()
                    + " does not allow keyAgreement; an escrow (decryption) key needs it");
        }
        return new KeyAgreementKey(entry.privateKey(), entry.chain(), entry.description());
    }

    /** A private key, its chain and the provider that holds it, before it is given a purpose. */
    private record Entry(PrivateKey privateKey, List<X509Certificate> chain, Provider provider, String description) {
        SigningKey signingKey() {
            return new SigningKey(privateKey, chain, provider, description);
        }
    }

    private static Entry openEntry(KeySourceConfig config, String configPrefix) {
        return switch (config.type()) {
            case PKCS12 -> pkcs12Entry(
                    config.pkcs12().path().orElseThrow(() -> new KeySourceException(
                            "No signing key configured: set " + configPrefix + ".pkcs12.path (and .pkcs12.password), or "
                                    + configPrefix + ".type=pkcs11 with .pkcs11.config and .pkcs11.pin")),
                    config.pkcs12().password().orElseThrow(() -> new KeySourceException(
                            "Set " + configPrefix + ".pkcs12.password for " + config.pkcs12().path().get())),
                    config.alias(), config.chainFile());
            case PKCS11 -> pkcs11Entry(
                    config.pkcs11().config().orElseThrow(() -> new KeySourceException(
                            "Set " + configPrefix + ".pkcs11.config to a SunPKCS11 configuration")),
                    config.pkcs11().pin().orElseThrow(() -> new KeySourceException(
                            "Set " + configPrefix + ".pkcs11.pin")),
                    config.alias(), config.chainFile());
        };
    }

    /** A PKCS#12 file; signatures go through {@link CryptoProviders#signing()}. */
    public static SigningKey openPkcs12(Path path, String password, Optional<String> alias, Optional<Path> chainFile) {
        return pkcs12Entry(path, password, alias, chainFile).signingKey();
    }

    private static Entry pkcs12Entry(Path path, String password, Optional<String> alias, Optional<Path> chainFile) {
        if (!Files.isReadable(path)) {
            throw new KeySourceException("PKCS#12 keystore " + path.toAbsolutePath() + " does not exist or is not readable");
        }
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
            return fromKeyStore(keyStore, password.toCharArray(), alias, chainFile, CryptoProviders.signing(),
                    "pkcs12:" + path.toAbsolutePath());
        } catch (IOException e) {
            throw new KeySourceException("Cannot read PKCS#12 keystore " + path.toAbsolutePath()
                    + " (wrong password or damaged file): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot open PKCS#12 keystore " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A key inside a PKCS#11 token, through a SunPKCS11 provider configured with {@code sunPkcs11Config} (a file
     * path, or inline config starting with {@code --}). The private key never leaves the token.
     */
    public static SigningKey openPkcs11(String sunPkcs11Config, String pin, Optional<String> alias, Optional<Path> chainFile) {
        return pkcs11Entry(sunPkcs11Config, pin, alias, chainFile).signingKey();
    }

    private static Entry pkcs11Entry(String sunPkcs11Config, String pin, Optional<String> alias, Optional<Path> chainFile) {
        Provider provider = pkcs11Provider(sunPkcs11Config);
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS11", provider);
            keyStore.load(null, pin.toCharArray());
            return fromKeyStore(keyStore, null, alias, chainFile, provider, "pkcs11:" + provider.getName());
        } catch (IOException e) {
            throw new KeySourceException("Cannot log in to PKCS#11 token " + provider.getName()
                    + " (wrong PIN or token not initialised): " + rootCause(e), e);
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot open PKCS#11 token " + provider.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The innermost message, e.g. {@code CKR_PIN_INCORRECT}, which says more than the wrapper's. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    /** A SunPKCS11 provider instance for the given configuration (file path or inline {@code --...}). */
    public static Provider pkcs11Provider(String sunPkcs11Config) {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new KeySourceException("This JVM has no SunPKCS11 provider");
        }
        try {
            return base.configure(sunPkcs11Config);
        } catch (RuntimeException e) {
            throw new KeySourceException("Cannot load PKCS#11 module with the configured SunPKCS11 configuration: "
                    + e.getMessage(), e);
        }
    }

    private static Entry fromKeyStore(KeyStore keyStore, char[] keyPassword, Optional<String> alias,
            Optional<Path> chainFile, Provider provider, String where) throws GeneralSecurityException {
        String chosen = alias.orElseGet(() -> onlyKeyAlias(keyStore, where));
        Key key = keyStore.getKey(chosen, keyPassword);
        if (!(key instanceof PrivateKey privateKey)) {
            throw new KeySourceException("No private key with alias '" + chosen + "' in " + where);
        }
        List<X509Certificate> chain = new ArrayList<>();
        if (chainFile.isPresent()) {
            chain.addAll(readPemChain(chainFile.get()));
        } else {
            Certificate[] stored = keyStore.getCertificateChain(chosen);
            if (stored != null) {
                for (Certificate c : stored) {
                    chain.add((X509Certificate) c);
                }
            } else if (keyStore.getCertificate(chosen) instanceof X509Certificate leaf) {
                chain.add(leaf);
            }
        }
        return new Entry(privateKey, chain, provider, where + "#" + chosen);
    }

    private static String onlyKeyAlias(KeyStore keyStore, String where) {
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String a : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(a)) {
                    keyAliases.add(a);
                }
            }
            if (keyAliases.size() != 1) {
                throw new KeySourceException(where + " holds " + keyAliases.size()
                        + " key entries " + keyAliases + ": set the alias");
            }
            return keyAliases.get(0);
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot list entries of " + where + ": " + e.getMessage(), e);
        }
    }

    /** Reads every certificate of a PEM file, in order. */
    public static List<X509Certificate> readPemChain(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new KeySourceException("No certificate in " + pemFile.toAbsolutePath());
            }
            return certs;
        } catch (IOException | GeneralSecurityException e) {
            throw new KeySourceException("Cannot read certificate chain " + pemFile.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
