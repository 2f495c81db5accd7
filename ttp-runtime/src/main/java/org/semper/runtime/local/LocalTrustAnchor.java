package org.semper.runtime.local;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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

    static final String DIRECTORY = "local-ca";
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

    /** {@code <dataRoot>/local-ca}: where the trust anchor of a data root lives. */
    public static Path directory(Path dataRoot) {
        return dataRoot.resolve(DIRECTORY);
    }

    /** {@code <dataRoot>/local-ca/root.pem}: the root certificate every local service trusts. */
    public static Path rootPem(Path dataRoot) {
        return directory(dataRoot).resolve("root.pem");
    }

    /**
     * Makes sure {@code keystore} holds a key for {@code spec} and returns its password. A keystore that exists is
     * used as it is, whoever certified it (this anchor, or the local certificate authority that issued it before the
     * service first started, see {@link LocalServiceKeys}); a missing one is created with a certificate from this
     * anchor, under the keys folder's lock ({@link LocalKeyStores#locked}). A CA key whose spec names a CRL
     * distribution point is the exception: if this anchor certified it with another one (or none), its certificate is
     * replaced by one with the spec's (same key, new serial), so that the issuing CA always names where the root's
     * CRL is published.
     */
    public String ensureKeyStore(LocalKeySpec spec, Path keystore) {
        return LocalKeyStores.locked(keystore, () -> {
            var existing = LocalKeyStores.password(keystore);
            if (existing.isPresent()) {
                if (spec.ca() && spec.crlDistributionPoint() != null) {
                    recertifyIfOtherDistributionPoint(spec, keystore, existing.get());
                }
                return existing.get();
            }
            KeyPair pair = spec.keyType() == LocalKeySpec.KeyType.ED25519
                    ? KeyPairGenerator.getInstance("Ed25519").generateKeyPair() : newKeyPair();
            return certify(spec, keystore, pair);
        });
    }

    /**
     * A CA certificate this anchor issued that names another CRL distribution point than {@code spec} (or none: it
     * was created before the root's CRL existed) is replaced by a new certificate for the same key.
     */
    private void recertifyIfOtherDistributionPoint(LocalKeySpec spec, Path keystore, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        if (!store.isKeyEntry(spec.name())) {
            return;
        }
        X509Certificate current = (X509Certificate) store.getCertificate(spec.name());
        byte[] wanted = new DEROctetString(distributionPoint(spec.crlDistributionPoint())).getEncoded();
        if (Arrays.equals(wanted, current.getExtensionValue(Extension.cRLDistributionPoints.getId()))) {
            return;
        }
        try {
            current.verify(certificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return; // not certified by this anchor: not ours to replace
        }
        PrivateKey privateKey = (PrivateKey) store.getKey(spec.name(), password.toCharArray());
        certify(spec, keystore, new KeyPair(current.getPublicKey(), privateKey));
    }

    private static byte[] distributionPoint(String url) throws IOException {
        return new CRLDistPoint(new DistributionPoint[] { new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null) }).getEncoded();
    }

    /** Certifies {@code pair} for {@code spec} under this anchor and writes it to {@code keystore}; its password. */
    private String certify(LocalKeySpec spec, Path keystore, KeyPair pair) throws IOException, GeneralSecurityException {
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
            if (spec.crlDistributionPoint() != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false,
                        CRLDistPoint.getInstance(distributionPoint(spec.crlDistributionPoint())));
            }
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                    spec.keyType() == LocalKeySpec.KeyType.EC_P256_KEY_AGREEMENT ? KeyUsage.keyAgreement
                            : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
        if (!spec.ca() && !spec.extendedKeyUsages().isEmpty()) {
            builder.addExtension(Extension.extendedKeyUsage, spec.criticalEku(),
                    new ExtendedKeyUsage(spec.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
        X509Certificate leaf;
        try {
            leaf = sign(builder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
        return LocalKeyStores.write(keystore, spec.name(), pair.getPrivate(), List.of(leaf, certificate));
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
        LocalKeyStores.write(directory.resolve("root.p12"), ALIAS, pair.getPrivate(), List.of(root));
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

    static {
        CryptoProviders.bouncyCastle();
    }
}
