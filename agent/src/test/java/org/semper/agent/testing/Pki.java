package org.semper.agent.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;

/**
 * A throw-away PKI built with Bouncy Castle for the CLI tests: ECDSA P-256 CAs, a TSA whose certificate has the
 * critical id-kp-timeStamping EKU RFC 3161 requires, statement signers, CRLs, OCSP responses, and RFC 3161 replies
 * from BC's {@link TimeStampTokenGenerator}. The CLI validates at the real "now", so every date is relative to it.
 */
public final class Pki {
    public static final Provider BC = new BouncyCastleProvider();
    public static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    public static final String POLICY = "1.3.6.1.4.1.99999.1.1";
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime() & 0xffffff);

    private Pki() {
    }

    /** A key and its certificate. */
    public record Entity(KeyPair key, X509Certificate certificate) {
        /** A certificate for a subordinate end entity (or CA) issued by this one. */
        public Entity issue(String commonName, Usage usage) {
            return issue(commonName, usage, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
        }

        public Entity issue(String commonName, Usage usage, Instant notBefore, Instant notAfter) {
            KeyPair subjectKey = newKey();
            return new Entity(subjectKey, issueCertificate(this, name(commonName), subjectKey, notBefore, notAfter, usage));
        }

        /** A certificate for someone else's public key (what a CA does with a CSR). */
        public X509Certificate certify(X500Name subject, java.security.PublicKey publicKey, Usage usage) {
            return certify(subject, publicKey, usage, null);
        }

        /** As {@link #certify(X500Name, java.security.PublicKey, Usage)}, naming a CRL distribution point. */
        public X509Certificate certify(X500Name subject, java.security.PublicKey publicKey, Usage usage, String crlUrl) {
            return issueCertificate(this, subject, new KeyPair(publicKey, null), NOW.minus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(365)), usage, crlUrl);
        }

        /** A new key and its certificate naming a CRL distribution point (null: none). */
        public Entity issue(String commonName, Usage usage, String crlUrl) {
            KeyPair subjectKey = newKey();
            return new Entity(subjectKey, issueCertificate(this, name(commonName), subjectKey,
                    NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)), usage, crlUrl));
        }
    }

    /** What a certificate is for. */
    public enum Usage {
        CA, TIME_STAMPING, SIGNING, KEY_AGREEMENT
    }

    public static Entity rootCa(String commonName) {
        KeyPair key = newKey();
        return new Entity(key, issueCertificate(null, name(commonName), key, NOW.minus(Duration.ofDays(3650)),
                NOW.plus(Duration.ofDays(3650)), Usage.CA));
    }

    public static X500Name name(String commonName) {
        return new X500Name("O=Semper Agent Test,CN=" + commonName);   // DER order: prints as CN=...,O=...
    }

    public static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issueCertificate(Entity issuer, X500Name subject, KeyPair subjectKey, Instant notBefore,
            Instant notAfter, Usage usage) {
        return issueCertificate(issuer, subject, subjectKey, notBefore, notAfter, usage, null);
    }

    private static X509Certificate issueCertificate(Entity issuer, X500Name subject, KeyPair subjectKey, Instant notBefore,
            Instant notAfter, Usage usage, String crlUrl) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            KeyPair signingKey = issuer == null ? subjectKey : issuer.key();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    subjectKey.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(signingKey.getPublic()));
            if (crlUrl != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                        new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(
                                new org.bouncycastle.asn1.x509.DistributionPointName(new org.bouncycastle.asn1.x509
                                        .GeneralNames(new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509
                                                .GeneralName.uniformResourceIdentifier, crlUrl))), null, null)}));
            }
            switch (usage) {
                case CA -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case TIME_STAMPING -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
                case SIGNING -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                }
                case KEY_AGREEMENT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyAgreement));
                }
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(signingKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + subject, e);
        }
    }

    /** An RFC 3161 request (SHA-256 imprint, certReq) for {@code data}. */
    public static TimeStampRequest request(byte[] data) {
        TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
        requests.setCertReq(true);
        return requests.generate(TSPAlgorithms.SHA256, sha256(data), BigInteger.valueOf(SERIALS.incrementAndGet()));
    }

    /** The DER TimeStampResp (status granted) a TSA would return for {@code data}, with the token's genTime. */
    public static byte[] reply(Entity tsa, byte[] data, Instant genTime) {
        try {
            return new TimeStampResponseGenerator(tokenGenerator(tsa), TSPAlgorithms.ALLOWED)
                    .generate(request(data), BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(genTime))
                    .getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test reply", e);
        }
    }

    /** The bare DER TimeStampToken for {@code data}. */
    public static byte[] token(Entity tsa, byte[] data, Instant genTime) {
        try {
            return tokenGenerator(tsa).generate(request(data), BigInteger.valueOf(SERIALS.incrementAndGet()),
                    Date.from(genTime)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test token", e);
        }
    }

    /** A TimeStampResp refusing the request (rejection, badAlg). */
    public static byte[] rejection() {
        try {
            return new TimeStampResponseGenerator(tokenGenerator(rootCa("unused").issue("TSA", Usage.TIME_STAMPING)),
                    TSPAlgorithms.ALLOWED).generateFailResponse(PKIStatus.REJECTION, PKIFailureInfo.badAlg,
                            "only SHA-2 and SHA-3").getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TimeStampTokenGenerator tokenGenerator(Entity tsa) throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
        TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().setProvider(BC).build("SHA256withECDSA", tsa.key().getPrivate(),
                        tsa.certificate()),
                digests.get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier(POLICY));
        generator.addCertificates(new JcaCertStore(List.of(tsa.certificate())));
        return generator;
    }

    /** A CRL of {@code ca} issued at {@code thisUpdate}, revoking the given certificates at the given times. */
    public static X509CRL crl(Entity ca, Instant thisUpdate, Map<X509Certificate, Instant> revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(7))));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(SERIALS.incrementAndGet())));
            revoked.forEach((certificate, at) -> builder.addCRLEntry(certificate.getSerialNumber(), Date.from(at),
                    CRLReason.keyCompromise));
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(ca.key().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue CRL", e);
        }
    }

    /** A DER OCSPResponse (successful) saying {@code certificate} is good, signed by its issuing CA itself. */
    public static byte[] goodOcsp(Entity ca, X509Certificate certificate, Instant thisUpdate) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(ca.certificate()),
                    certificate.getSerialNumber());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded())));
            builder.addResponse(id, CertificateStatus.GOOD, Date.from(thisUpdate), Date.from(thisUpdate.plus(Duration.ofDays(1))));
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC)
                    .build(ca.key().getPrivate()), (X509CertificateHolder[]) null, Date.from(thisUpdate));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue OCSP response", e);
        }
    }

    /** Writes certificates (or a CRL) as PEM. */
    public static Path pem(Path file, Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return Files.writeString(file, text.toString());
    }
}
