package org.semper.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.keys.CertificatePem;

/**
 * The development trust anchor shared by every Semper service running on the {@code local} profile, kept in
 * {@code <data>/local-ca/}: {@code root.p12} (key + certificate, password in {@code root.p12.pass}) and
 * {@code root.pem}. Created on first use; two services starting together agree on one root (file lock).
 *
 * <p>Development only: the key sits in a file with its password beside it. Production CAs come from the
 * {@code ca-service} key ceremony.
 */
public final class LocalTrustAnchor {

    private static final String ALIAS = "root";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(730);
    private static final Duration ISSUING_CA_VALIDITY = Duration.ofDays(1825);

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final Path directory;

    private LocalTrustAnchor(PrivateKey key, X509Certificate certificate, Path directory) {
        this.key = key;
        this.certificate = certificate;
        this.directory = directory;
    }

    /** Loads the anchor in {@code directory}, creating it first if there is none. */
    public static LocalTrustAnchor loadOrCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            try (FileChannel lockFile = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                Path p12 = directory.resolve("root.p12");
                if (!Files.exists(p12)) {
                    create(directory);
                }
                String password = Files.readString(directory.resolve("root.p12.pass"), StandardCharsets.US_ASCII).trim();
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(p12)) {
                    store.load(in, password.toCharArray());
                }
                return new LocalTrustAnchor((PrivateKey) store.getKey(ALIAS, password.toCharArray()),
                        (X509Certificate) store.getCertificate(ALIAS), directory);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up the local trust anchor in " + directory + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public Path pemFile() {
        return directory.resolve("root.pem");
    }

    /**
     * Makes sure {@code keystore} holds a key for {@code spec} certified by this anchor (creating it on first
     * use) and returns its password.
     */
    public String ensureKeyStore(LocalKeySpec spec, Path keystore) {
        try {
            Path passwordFile = keystore.resolveSibling(keystore.getFileName() + ".pass");
            if (Files.exists(keystore) && Files.exists(passwordFile)) {
                return Files.readString(passwordFile, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(keystore.getParent());
            KeyPair pair = spec.keyType() == LocalKeySpec.KeyType.ED25519
                    ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair() : newKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), randomSerial(),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(spec.ca() ? ISSUING_CA_VALIDITY : LEAF_VALIDITY)),
                    new X500Name(spec.subject()), pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            if (spec.ca()) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(spec.keyUsage()));
            }
            if (!spec.ca() && !spec.extendedKeyUsages().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, spec.criticalEku(),
                        new ExtendedKeyUsage(spec.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            X509Certificate leaf = sign(builder);
            String password = newPassword();
            writeKeyStore(keystore, spec.name(), pair.getPrivate(), password, leaf, certificate);
            writeSecret(passwordFile, password);
            return password;
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot create the local key " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path directory) throws IOException, GeneralSecurityException {
        KeyPair pair = newKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=Semper Local Development Root CA,OU=local profile - not for production,O=Semper");
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(ROOT_VALIDITY)), subject, pair.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        X509Certificate root;
        try {
            root = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        String password = newPassword();
        writeKeyStore(directory.resolve("root.p12"), ALIAS, pair.getPrivate(), password, root);
        writeSecret(directory.resolve("root.p12.pass"), password);
        Files.writeString(directory.resolve("root.pem"), CertificatePem.encode(List.of(root)), StandardCharsets.US_ASCII);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static BigInteger randomSerial() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writeKeyStore(Path file, String alias, PrivateKey key, String password, X509Certificate... chain)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, password.toCharArray(), chain);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            store.store(out, password.toCharArray());
        }
        restrictToOwner(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
        restrictToOwner(file);
    }

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing more we can do
        }
    }

    static {
        CryptoProviders.bouncyCastle();
    }
}
