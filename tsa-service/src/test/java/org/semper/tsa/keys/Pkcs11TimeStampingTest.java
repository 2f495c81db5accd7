package org.semper.tsa.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.tsa.TsaConfig;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.tsa.token.TimeStampTokenSigner;

/**
 * The TSA's signing key inside a PKCS#11 token (SoftHSM2), opened the production way through SunPKCS11: the key is
 * generated in the token, never leaves it, and signs RFC 3161 tokens that Bouncy Castle verifies.
 *
 * <p>libsofthsm2 reads {@code SOFTHSM2_CONF} when the JVM first loads it, and a JVM cannot change its own
 * environment: surefire sets {@code SOFTHSM2_CONF} to the path given here as the system property
 * {@value #CONF_PROPERTY}, and this test writes that file (pointing at a fresh token directory) before the library
 * is loaded. The tokens are initialised with {@code softhsm2-util}.
 */
class Pkcs11TimeStampingTest {

    static final String CONF_PROPERTY = "semper.test.softhsm2.conf";
    private static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    private static final String PIN = "123456";
    private static final String SO_PIN = "12345678";
    private static final String ALIAS = "semper-tsa";
    private static final Pattern REASSIGNED = Pattern.compile("reassigned to slot (\\d+)");

    @TempDir
    static Path tmp;

    /** Token holding the TSA key. */
    private static long keySlot;
    /** A second token, only for the wrong-PIN test: PKCS#11 login state is per token and application, so a token
     * another test already logged in to would accept any PIN. */
    private static long pinSlot;

    @BeforeAll
    static void initialiseTokens() throws IOException {
        ExternalCommand.requireTool("softhsm2-util", "apt-get install softhsm2");
        ExternalCommand.requireTool(LIBRARY, "apt-get install softhsm2");
        String confProperty = System.getProperty(CONF_PROPERTY);
        String confEnv = System.getenv("SOFTHSM2_CONF");
        if (confProperty == null || !confProperty.equals(confEnv)) {
            String message = "Run through Maven: surefire must set SOFTHSM2_CONF and -D" + CONF_PROPERTY
                    + " to the same file (now " + confEnv + " and " + confProperty + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, message);
        }
        Path tokens = Files.createDirectories(tmp.resolve("tokens"));
        Path conf = Path.of(confProperty);
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = INFO\n");

        keySlot = initToken("semper-test", conf);
        pinSlot = initToken("semper-pin-test", conf);
    }

    @Test
    void keyGeneratedInTheTokenSignsTimeStampTokensThatVerify() throws Exception {
        // --- provisioning: key pair generated inside the token, certificate from a software test root ---
        String config = sunPkcs11Config("semper-softhsm", keySlot, true);
        Provider generating = KeySources.pkcs11Provider(config);
        KeyStore provisioning = KeyStore.getInstance("PKCS11", generating);
        provisioning.load(null, PIN.toCharArray());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", generating);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair tsaKeys = generator.generateKeyPair();
        assertThat(tsaKeys.getPrivate().getEncoded()).as("private key material stays in the token").isNull();
        assertThat(tsaKeys.getPrivate().toString()).contains("token object").contains("sensitive")
                .doesNotContain("not sensitive").contains("unextractable");

        KeyPair rootKeys = softwareEcKeyPair();
        X509Certificate root = certificate(new X500Name("CN=Semper PKCS11 Test Root"), rootKeys.getPublic(),
                new X500Name("CN=Semper PKCS11 Test Root"), rootKeys.getPrivate(), true);
        X509Certificate tsaCert = certificate(new X500Name("CN=Semper SoftHSM TSA,O=Semper"), tsaKeys.getPublic(),
                new X500Name("CN=Semper PKCS11 Test Root"), rootKeys.getPrivate(), false);
        provisioning.setKeyEntry(ALIAS, tsaKeys.getPrivate(), null, new X509Certificate[] { tsaCert, root });

        // --- production path: a fresh SunPKCS11 instance, PIN login, key by alias, chain from the token ---
        SigningKey signingKey = KeySources.openPkcs11(config, PIN, Optional.of(ALIAS), Optional.empty());

        assertThat(signingKey.provider()).isNotNull().isNotSameAs(generating);
        assertThat(signingKey.provider().getClass().getName()).isEqualTo("sun.security.pkcs11.SunPKCS11");
        assertThat(signingKey.provider().getName()).isEqualTo("SunPKCS11-semper-softhsm");
        assertThat(signingKey.description()).isEqualTo("pkcs11:SunPKCS11-semper-softhsm#" + ALIAS);
        PrivateKey handle = privateKeyOf(signingKey);
        assertThat(handle.getClass().getName()).startsWith("sun.security.pkcs11.P11Key");
        assertThat(handle.getEncoded()).as("a token key handle exports nothing").isNull();
        assertThat(handle.toString()).contains("SunPKCS11-semper-softhsm").contains("unextractable");
        assertThat(signingKey.chain()).containsExactly(tsaCert, root);
        assertThat(signingKey.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        TsaSigningKey.requireTimeStampingCertificate(signingKey.certificate());
        assertThat(signingKey.selfTest()).as("the token key matches its certificate").isTrue();

        // --- issuing and verifying an RFC 3161 token ---
        ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier(TsaConfig.SEMPER_DEFAULT_POLICY);
        TimeStampTokenSigner signer = new TimeStampTokenSigner(signingKey, policy, Duration.ofSeconds(1), Optional.empty());
        byte[] imprint = MessageDigest.getInstance("SHA-256")
                .digest("signed inside SoftHSM".getBytes(StandardCharsets.UTF_8));
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        TimeStampRequest request = requests.generate(NISTObjectIdentifiers.id_sha256, imprint, BigInteger.valueOf(1161));
        Instant genTime = Instant.now();
        TimeStampToken token = signer.sign(request, BigInteger.valueOf(77), genTime);

        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert)); // signature, ESSCertIDv2, EKU
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(imprint);
        assertThat(token.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256);
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(1161));
        assertThat(token.getTimeStampInfo().getSerialNumber()).isEqualTo(BigInteger.valueOf(77));
        assertThat(token.getTimeStampInfo().getPolicy()).isEqualTo(policy);
        assertThat(token.getTimeStampInfo().getGenTime().getTime()).isEqualTo(genTime.toEpochMilli());
        assertThat(token.getSID().getSerialNumber()).isEqualTo(tsaCert.getSerialNumber());
        X509CertificateHolder carried = (X509CertificateHolder) token.getCertificates().getMatches(token.getSID())
                .iterator().next();
        assertThat(carried).isEqualTo(new JcaX509CertificateHolder(tsaCert));
        tsaCert.verify(root.getPublicKey());

        // the signature is checked for real: another key's certificate does not verify the token
        assertThatThrownBy(() -> token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(root)))
                .isInstanceOf(org.bouncycastle.tsp.TSPException.class);
    }

    @Test
    void wrongPinFailsWithAClearMessageThatDoesNotContainThePin() {
        String config = sunPkcs11Config("semper-softhsm-pin", pinSlot, false);
        String wrongPin = "975310";

        assertThatThrownBy(() -> KeySources.openPkcs11(config, wrongPin, Optional.of(ALIAS), Optional.empty()))
                .isInstanceOf(KeySourceException.class)
                .hasMessageContaining("Cannot log in to PKCS#11 token SunPKCS11-semper-softhsm-pin")
                .hasMessageContaining("wrong PIN")
                .message().doesNotContain(wrongPin).doesNotContain(PIN);
    }

    // ---- helpers ----

    private static long initToken(String label, Path conf) {
        ExternalCommand.Result result = ExternalCommand.run(tmp, Map.of("SOFTHSM2_CONF", conf.toString()),
                "softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN, "--so-pin", SO_PIN)
                .assertSuccess();
        Matcher m = REASSIGNED.matcher(result.output());
        assertThat(m.find()).as(result.describe("slot of the new token")).isTrue();
        return Long.parseLong(m.group(1));
    }

    /**
     * Inline SunPKCS11 configuration for one SoftHSM slot. With {@code persistentKeys}, generated keys are token
     * objects (so the key store can keep them), and private keys are sensitive and not extractable.
     */
    private static String sunPkcs11Config(String name, long slot, boolean persistentKeys) {
        String config = "--name=" + name + "\nlibrary=" + LIBRARY + "\nslot=" + slot + "\n";
        if (persistentKeys) {
            config += "attributes(generate, CKO_PUBLIC_KEY, *) = {\n  CKA_TOKEN = true\n}\n"
                    + "attributes(generate, CKO_PRIVATE_KEY, *) = {\n  CKA_TOKEN = true\n  CKA_PRIVATE = true\n"
                    + "  CKA_SENSITIVE = true\n  CKA_EXTRACTABLE = false\n}\n";
        }
        return config;
    }

    private static KeyPair softwareEcKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(X500Name subject, PublicKey subjectKey, X500Name issuer,
            PrivateKey issuerKey, boolean ca) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                new BigInteger(64, new java.security.SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), subject, subjectKey);
        if (ca) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        }
        BouncyCastleProvider bc = new BouncyCastleProvider();
        return new JcaX509CertificateConverter().setProvider(bc)
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(bc).build(issuerKey)));
    }

    /** The key handle the production {@link SigningKey} signs with (it has no accessor, on purpose). */
    private static PrivateKey privateKeyOf(SigningKey key) throws ReflectiveOperationException {
        Field field = SigningKey.class.getDeclaredField("privateKey");
        field.setAccessible(true);
        return (PrivateKey) field.get(key);
    }
}
