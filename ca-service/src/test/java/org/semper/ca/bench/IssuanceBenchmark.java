package org.semper.ca.bench;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.semper.ca.CaConfig;
import org.semper.ca.CaMain;
import org.semper.ca.cover.Cover;
import org.semper.ca.hierarchy.CaUrls;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.issuance.CertificateBuilder;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificationRequest;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.profile.CertificateProfile;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.testing.Throughput;
import org.semper.runtime.local.LocalEnvironment;

/**
 * In-process certificates-issued/s of the CA, one thread, no HTTP and no database; used by {@code ca-service/bench/issuance-bench.sh}.
 *
 * <ol>
 * <li><b>raw</b>: signatures/s of the issuing CA's key (the local profile's EC P-256 key, opened as the service opens
 * it) with the provider the CA signs with: one pre-initialised {@link Signature}, {@code update(512 bytes)} +
 * {@code sign()} per operation (512 bytes is about the size of a merchant TBSCertificate).</li>
 * <li><b>certificates</b>: what {@code Enrollment.enroll} + {@code Issuance.issue} do per request minus the database:
 * {@link CertificationRequest#parse} of a PEM {@code merchant} CSR (base64, DER, key policy, proof-of-possession
 * signature verification), the subject text compared with the token's, {@link Issuance#checkRequest}, a fresh serial,
 * {@link CertificateBuilder#build} (basicConstraints, key usage, SKI, AKI, CDP, AIA, QC statements with
 * QcEuLimitValue + QcEuPDS, signed with the CA key through {@code SigningKey.contentSigner()}), and the
 * {@link CertificateRecord} with the certificate's DER. <b>Not included</b>: the enrollment-token lookup and use,
 * the certificate INSERT, the transparency-log entry and the commit (all database work), JSON and HTTP.</li>
 * </ol>
 *
 * <pre>
 * java -cp CLASSPATH org.semper.ca.bench.IssuanceBenchmark --data DIR [--warmup 10] [--iterations 3] [--seconds 5]
 * </pre>
 */
public final class IssuanceBenchmark {



    private IssuanceBenchmark() {
    }

    public static void main(String... args) throws Exception {
        Path data = null;
        double warmup = 10;
        int iterations = 3;
        double seconds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR (a SEMPER_DATA_DIR; the local issuing CA key is created there) is required");
        }

        // The issuing CA key exactly as the local profile creates and opens it (no database started).
        Map<String, String> props;
        try (LocalEnvironment env = LocalEnvironment.prepare(CaMain.LOCAL_SETUP, data.toAbsolutePath(), false)) {
            props = Map.copyOf(env.properties());
        }
        SigningKey key = KeySources.openPkcs12(Path.of(props.get(CaConfig.ISSUING_KEY_PREFIX + ".pkcs12.path")),
                props.get(CaConfig.ISSUING_KEY_PREFIX + ".pkcs12.password"), Optional.empty(), Optional.empty());
        IssuingCa ca = new IssuingCa(key); // the service's startup checks (CA cert, keyCertSign/cRLSign, self-test, chain)
        CertificateBuilder builder = new CertificateBuilder(ca, new CaUrls("http://127.0.0.1:8082")); // CaConfig default
        // Profiles without overrides resolve to the profile's defaults (as on the local profile)
        ResolvedProfile merchant = new ResolvedProfile(CertificateProfile.MERCHANT,
                CertificateProfile.MERCHANT.defaultValidity(), CertificateProfile.MERCHANT.defaultCover());

        System.out.printf("key:       %s%n", key);
        System.out.printf("provider:  %s %s (ACCP loaded: %s)%n", key.provider().getName(), key.provider().getVersionStr(),
                CryptoProviders.accpAvailable());
        System.out.printf("java:      %s %s, %d available processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        String subjectText = "CN=Bench Merchant,O=Bench Shop GmbH,C=DE";
        String csrPem = merchantCsr(subjectText);
        String grantSubject = Issuance.subjectText(new X500Name(subjectText));
        System.out.printf("request:   merchant CSR, EC P-256, %d chars PEM, subject %s%n", csrPem.length(), grantSubject);

        // one certificate, checked, so that we know what is measured
        CertificateRecord first = issueOnce(builder, merchant, csrPem, grantSubject);
        X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(first.der()));
        cert.verify(ca.certificate().getPublicKey());
        if (cert.getExtensionValue(Extension.qCStatements.getId()) == null
                || cert.getExtensionValue(Extension.authorityInfoAccess.getId()) == null
                || cert.getExtensionValue(Extension.cRLDistributionPoints.getId()) == null) {
            throw new IllegalStateException("the benchmark certificate lacks an extension");
        }
        System.out.printf("  (one certificate: %d bytes DER, %s, %d extensions, verifies with the issuing CA key)%n",
                first.der().length, cert.getSigAlgName(), cert.getNonCriticalExtensionOIDs().size()
                        + cert.getCriticalExtensionOIDs().size());
        System.out.printf(Locale.ROOT, "method:    warm-up %.0f s each, then %d x %.0f s, median, 1 thread%n%n", warmup,
                iterations, seconds);

        byte[] toBeSigned = new byte[512];
        Arrays.fill(toBeSigned, (byte) 0x5a);
        Signature signature = key.newSignature();
        double raw = Throughput.measure("raw " + key.signatureAlgorithm() + " sign", () -> {
            signature.update(toBeSigned);
            return signature.sign().length;
        }, warmup, iterations, seconds);
        double certs = Throughput.measure("certificates (CSR+checks+build+sign)",
                () -> issueOnce(builder, merchant, csrPem, grantSubject).der().length, warmup, iterations, seconds);

        // where the time goes: the two halves of the certificate loop, each alone
        CertificationRequest parsed = CertificationRequest.parse(csrPem);
        double parse = Throughput.measure("  of which CSR parse+PoP verify", () -> CertificationRequest.parse(csrPem).subject()
                .getRDNs().length, warmup / 2, iterations, seconds);
        double build = Throughput.measure("  of which build+sign (CertificateBuilder)", () -> builder.build(CertificateBuilder.newSerial(),
                parsed.subject(), parsed.publicKeyInfo(), merchant, merchant.cover(), Instant.now()).getEncoded().length,
                warmup / 2, iterations, seconds);

        System.out.printf(Locale.ROOT, "RESULT provider=%s%n", key.provider().getName());
        System.out.printf(Locale.ROOT, "RESULT csr_parse_us=%.1f build_sign_us=%.1f%n", 1e6 / parse, 1e6 / build);
        System.out.printf(Locale.ROOT, "RESULT raw_sign_per_s=%.0f%n", raw);
        System.out.printf(Locale.ROOT, "RESULT certificates_per_s=%.0f%n", certs);
        System.out.printf(Locale.ROOT, "RESULT certificates_to_raw=%.3f%n", certs / raw);
        System.exit(0);
    }

    /** Enrollment.enroll + Issuance.issue without the token check, the INSERT, the log entry and the commit. */
    private static CertificateRecord issueOnce(CertificateBuilder builder, ResolvedProfile profile, String csrPem,
            String grantSubject) throws Exception {
        CertificationRequest request = CertificationRequest.parse(csrPem);
        String subject = Issuance.subjectText(request.subject());
        if (!grantSubject.equals(subject)) {
            throw new IllegalStateException("subject mismatch: " + subject);
        }
        Cover cover = profile.cover();
        Issuance.checkRequest(request, profile);
        X509Certificate certificate = builder.build(CertificateBuilder.newSerial(), request.subject(),
                request.publicKeyInfo(), profile, cover, Instant.now());
        return new CertificateRecord(certificate.getSerialNumber(), subject, profile.id(), cover,
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), certificate.getEncoded(),
                null, null);
    }

    private static String merchantCsr(String subject) throws GeneralSecurityException, java.io.IOException,
            org.bouncycastle.operator.OperatorCreationException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] der = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }


}
