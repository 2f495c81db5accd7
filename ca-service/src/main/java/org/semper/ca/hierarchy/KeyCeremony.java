package org.semper.ca.hierarchy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.ca.revocation.RevocationReason;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/**
 * The key ceremony: creates a root CA (EC P-384, self-signed, pathLen 1) and an issuing CA (EC P-256, pathLen 0,
 * keyCertSign + cRLSign, CRL distribution point {@code <base-url>/crl/root.crl}) certified by it, as PKCS#12 files,
 * signs the root's first CRL of CA certificates ({@link RootCrl}, empty), and prints both certificates' SHA-256
 * fingerprints for the ceremony minutes. Run it on an offline machine:
 *
 * <pre>java -jar quarkus-run.jar ceremony &lt;output-dir&gt; ["root DN"] ["issuing DN"] --base-url=https://ca.example [--arl-validity=P365D]
 * java -jar quarkus-run.jar ceremony arl &lt;root-dir&gt; [--revoke=ca.pem [--reason=keyCompromise]] [--arl-validity=P365D]</pre>
 *
 * <p>Writes {@code root.p12}, {@code issuing-ca.p12} (key + chain issuing, root), {@code root.pem},
 * {@code issuing-ca.pem}, {@code root.crl} and, unless {@code SEMPER_CEREMONY_ROOT_PASSWORD} /
 * {@code SEMPER_CEREMONY_ISSUING_PASSWORD} are set, random passwords in {@code *.p12.pass} (owner-only). Refuses to
 * overwrite anything. The base URL (or {@code SEMPER_CA_BASE_URL}) is required: it is the CA's
 * {@code semper.ca.base-url}, from where relying parties fetch the root's CRL. Afterwards: move {@code root.p12} to
 * offline storage; configure {@code semper.ca.issuing-key.pkcs12.*} with {@code issuing-ca.p12} (or import the
 * issuing key into an HSM and use PKCS#11) and {@code semper.ca.root-crl.path} with {@code root.crl}.
 *
 * <p>{@code ceremony arl} signs the root's next CRL with {@code root.p12} of a root folder (this ceremony's, or
 * {@code data/local-ca} on the {@code local} profile): every earlier entry, plus the CA certificate to revoke if
 * given. Run it when a CA certificate is revoked, and before the current one's {@code nextUpdate}.
 */
public final class KeyCeremony {

    public static final String DEFAULT_ROOT = "CN=Semper Root CA,O=Semper";
    public static final String DEFAULT_ISSUING = "CN=Semper Issuing CA,O=Semper";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(7305);
    private static final Duration ISSUING_VALIDITY = Duration.ofDays(3652);

    /** What the ceremony produced. */
    public record Result(X509Certificate root, X509Certificate issuing, Path rootKeyStore, Path issuingKeyStore,
            X509CRL rootCrl) {
    }

    private static final String USAGE = "usage: ceremony <output-dir> [\"root DN\"] [\"issuing DN\"] --base-url=<CA base URL>"
            + " [--arl-validity=P365D]\n       ceremony arl <root-dir> [--revoke=<CA certificate PEM> [--reason=keyCompromise]]"
            + " [--arl-validity=P365D]";

    private KeyCeremony() {
    }

    /** Command-line entry (from {@code CaMain}); exit code 0 on success, 1 on failure, 2 on a usage error. */
    public static int main(List<String> args, PrintStream out) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : arg.substring(2);
            if (!arg.contains("=") || !Set.of("base-url", "arl-validity", "revoke", "reason").contains(name)) {
                out.println("unknown option or option without a value: " + arg);
                out.println(USAGE);
                return 2;
            }
            options.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        if (positional.isEmpty() || (positional.get(0).equals("arl") && positional.size() != 2)) {
            out.println(USAGE);
            return 2;
        }
        try {
            Duration arlValidity = Duration.parse(options.getOrDefault("arl-validity", RootCrl.DEFAULT_VALIDITY.toString()));
            if (positional.get(0).equals("arl")) {
                return arl(Path.of(positional.get(1)), options, arlValidity, out);
            }
            String baseUrl = options.getOrDefault("base-url", System.getenv("SEMPER_CA_BASE_URL"));
            if (baseUrl == null || baseUrl.isBlank()) {
                out.println("The issuing CA certificate names the root's CRL at <base URL>/crl/root.crl: give the CA's"
                        + " public base URL (semper.ca.base-url) as --base-url=https://ca.example or SEMPER_CA_BASE_URL");
                out.println(USAGE);
                return 2;
            }
            Result r = run(Path.of(positional.get(0)), positional.size() > 1 ? positional.get(1) : DEFAULT_ROOT,
                    positional.size() > 2 ? positional.get(2) : DEFAULT_ISSUING, new CaUrls(baseUrl), arlValidity,
                    System.getenv("SEMPER_CEREMONY_ROOT_PASSWORD"), System.getenv("SEMPER_CEREMONY_ISSUING_PASSWORD"));
            out.println("Root CA:    " + r.root().getSubjectX500Principal().getName());
            out.println("  SHA-256:  " + fingerprint(r.root()));
            out.println("  keystore: " + r.rootKeyStore() + "  (move offline)");
            out.println("Issuing CA: " + r.issuing().getSubjectX500Principal().getName());
            out.println("  SHA-256:  " + fingerprint(r.issuing()));
            out.println("  keystore: " + r.issuingKeyStore() + "  (semper.ca.issuing-key.pkcs12.path)");
            out.println("  CRL DP:   " + new CaUrls(baseUrl).rootCrl());
            describe(r.rootCrl(), r.rootKeyStore().resolveSibling(RootCrl.FILE), out);
            return 0;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            out.println("Key ceremony failed: " + e.getMessage());
            return 1;
        }
    }

    /** {@code ceremony arl}: the root's next CRL of CA certificates. */
    private static int arl(Path dir, Map<String, String> options, Duration validity, PrintStream out)
            throws IOException, GeneralSecurityException {
        Optional<X509Certificate> revoke = Optional.empty();
        if (options.containsKey("revoke")) {
            revoke = Optional.of(KeySources.readPemChain(Path.of(options.get("revoke"))).get(0));
        }
        String reasonText = options.getOrDefault("reason", "unspecified");
        RevocationReason reason = RevocationReason.parse(reasonText)
                .orElseThrow(() -> new IllegalArgumentException("unknown revocation reason " + reasonText));
        SigningKey root = RootCrl.rootKey(dir, System.getenv("SEMPER_CEREMONY_ROOT_PASSWORD"));
        X509CRL crl = RootCrl.reissue(dir, root, validity, revoke, reason, Instant.now());
        revoke.ifPresent(c -> out.println("Revoked:    " + c.getSubjectX500Principal().getName() + " (serial "
                + c.getSerialNumber().toString(16) + ", " + reason.rfcName() + ")"));
        describe(crl, dir.resolve(RootCrl.FILE), out);
        return 0;
    }

    private static void describe(X509CRL crl, Path file, PrintStream out) {
        out.println("Root CRL:   " + file + "  (semper.ca.root-crl.path; served at <base URL>/crl/root.crl)");
        out.println("  number:   " + RootCrl.number(crl) + ", " + (crl.getRevokedCertificates() == null ? 0
                : crl.getRevokedCertificates().size()) + " revoked CA certificate(s)");
        out.println("  valid:    " + crl.getThisUpdate().toInstant() + " until " + crl.getNextUpdate().toInstant()
                + "  (sign the next one with `ceremony arl` before then)");
    }

    public static Result run(Path dir, String rootDn, String issuingDn, CaUrls urls, Duration arlValidity,
            String rootPassword, String issuingPassword) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        for (String name : List.of("root.p12", "issuing-ca.p12", "root.pem", "issuing-ca.pem", RootCrl.FILE)) {
            if (Files.exists(dir.resolve(name))) {
                throw new IllegalStateException(dir.resolve(name) + " exists; the ceremony never overwrites keys");
            }
        }
        Instant now = Instant.now();
        KeyPair rootKeys = ec("secp384r1");
        X500Name rootName = new X500Name(rootDn);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder rb = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(ROOT_VALIDITY)), rootName, rootKeys.getPublic());
        rb.addExtension(Extension.basicConstraints, true, new BasicConstraints(1));
        rb.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        rb.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKeys.getPublic()));
        X509Certificate root = sign(rb, rootKeys, "SHA384withECDSA");

        KeyPair issuingKeys = ec("secp256r1");
        X509v3CertificateBuilder ib = new JcaX509v3CertificateBuilder(root, serial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(ISSUING_VALIDITY)), new X500Name(issuingDn), issuingKeys.getPublic());
        ib.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        ib.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ib.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(issuingKeys.getPublic()));
        ib.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
        ib.addExtension(Extension.cRLDistributionPoints, false, rootCrlDistributionPoint(urls));
        X509Certificate issuing = sign(ib, rootKeys, "SHA384withECDSA");

        Path rootP12 = dir.resolve("root.p12");
        Path issuingP12 = dir.resolve("issuing-ca.p12");
        String rootSecret = password(rootP12, rootPassword);
        keyStore(rootP12, "root", rootKeys, rootSecret, root);
        keyStore(issuingP12, "issuing-ca", issuingKeys, password(issuingP12, issuingPassword), issuing, root);
        Files.writeString(dir.resolve("root.pem"), CertificatePem.encode(List.of(root)), StandardCharsets.US_ASCII);
        Files.writeString(dir.resolve("issuing-ca.pem"), CertificatePem.encode(List.of(issuing, root)), StandardCharsets.US_ASCII);
        X509CRL rootCrl = RootCrl.reissue(dir, RootCrl.rootKey(dir, rootSecret), arlValidity,
                Optional.empty(), RevocationReason.UNSPECIFIED, now);
        return new Result(root, issuing, rootP12, issuingP12, rootCrl);
    }

    /** The CRL distribution point of the issuing CA certificate: the root's CRL (RFC 5280 §4.2.1.13). */
    public static CRLDistPoint rootCrlDistributionPoint(CaUrls urls) {
        return new CRLDistPoint(new DistributionPoint[] { new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, urls.rootCrl()))), null, null) });
    }

    /** Colon-separated upper-case hex, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public static String fingerprint(X509Certificate c) throws GeneralSecurityException {
        String hex = HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        return hex.toUpperCase(Locale.ROOT);
    }

    private static String password(Path keystore, String given) throws IOException {
        if (given != null && !given.isBlank()) {
            return given;
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path file = keystore.resolveSibling(keystore.getFileName() + ".pass");
        Files.writeString(file, generated + "\n", StandardCharsets.US_ASCII);
        ownerOnly(file);
        return generated;
    }

    private static void keyStore(Path file, String alias, KeyPair keys, String password, X509Certificate... chain)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, keys.getPrivate(), password.toCharArray(), chain);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        ownerOnly(file);
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX
        }
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve), new SecureRandom());
        return g.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom()).setBit(127);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer, String algorithm)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(algorithm).setProvider(CryptoProviders.bouncyCastle()).build(signer.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
