package org.semper.evidence.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.MessageImprint;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A throw-away PKI for tests, built with Bouncy Castle: ECDSA P-256 CAs and TSAs, and RFC 3161 tokens issued
 * with BC's {@link TimeStampTokenGenerator} (ESSCertIDv2 over SHA-256 unless told otherwise).
 *
 * <p>All dates are fixed, so results do not depend on the day the tests run.
 */
public final class TestPki {
    public static final Provider BC = new BouncyCastleProvider();
    public static final Instant CA_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    public static final Instant CA_NOT_AFTER = Instant.parse("2045-01-01T00:00:00Z");
    public static final Instant TSA_NOT_BEFORE = Instant.parse("2024-01-01T00:00:00Z");
    public static final Instant TSA_NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");
    /** genTime of tokens unless told otherwise; inside every default validity period. */
    public static final Instant GEN_TIME = Instant.parse("2025-06-01T12:00:00Z");
    public static final String POLICY = "1.3.6.1.4.1.99999.1.1";

    private static final AtomicLong SERIALS = new AtomicLong(1000);

    private TestPki() {
    }

    /** How the extended key usage of a TSA certificate is set. */
    public enum Eku {
        /** What RFC 3161 §2.3 requires. */
        CRITICAL_TIME_STAMPING,
        NON_CRITICAL_TIME_STAMPING,
        NONE,
        CRITICAL_TIME_STAMPING_AND_SERVER_AUTH
    }

    public record Ca(KeyPair key, X509Certificate certificate) {
        /** A subordinate CA certificate issued by this CA. */
        public Ca intermediate(String commonName) {
            KeyPair subKey = newKey();
            return new Ca(subKey, issueCertificate(this, name(commonName), subKey, CA_NOT_BEFORE, CA_NOT_AFTER, true, null));
        }

        /** A TSA certificate valid 2024-2030 with the extended key usage RFC 3161 requires. */
        public Tsa tsa(String commonName) {
            return tsa(commonName, Eku.CRITICAL_TIME_STAMPING, TSA_NOT_BEFORE, TSA_NOT_AFTER);
        }

        public Tsa tsa(String commonName, Eku eku, Instant notBefore, Instant notAfter) {
            KeyPair tsaKey = newKey();
            return new Tsa(tsaKey, issueCertificate(this, name(commonName), tsaKey, notBefore, notAfter, false, eku), eku);
        }
    }

    public record Tsa(KeyPair key, X509Certificate certificate, Eku eku) {
        public TokenOrder token() {
            return new TokenOrder(this);
        }
    }

    /** A self-signed root CA. */
    public static Ca rootCa(String commonName) {
        KeyPair key = newKey();
        X500Name name = name(commonName);
        return new Ca(key, issueCertificate(null, name, key, CA_NOT_BEFORE, CA_NOT_AFTER, true, null));
    }

    public static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName + ",O=Semper Test");
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

    public static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issueCertificate(Ca issuer, X500Name subject, KeyPair subjectKey, Instant notBefore,
            Instant notAfter, boolean ca, Eku eku) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X500Name issuerName = issuer == null ? subject : X500Name.getInstance(
                    issuer.certificate().getSubjectX500Principal().getEncoded());
            KeyPair signingKey = issuer == null ? subjectKey : issuer.key();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), subject,
                    subjectKey.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(signingKey.getPublic()));
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                switch (eku) {
                    case CRITICAL_TIME_STAMPING -> builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                    case NON_CRITICAL_TIME_STAMPING -> builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                    case CRITICAL_TIME_STAMPING_AND_SERVER_AUTH -> builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_timeStamping,
                                    KeyPurposeId.id_kp_serverAuth}));
                    case NONE -> {
                    }
                }
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(signingKey.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificate " + subject, e);
        }
    }

    /** What to put into one token; {@link #issue()} signs it. */
    public static final class TokenOrder {
        private final Tsa tsa;
        private ASN1ObjectIdentifier imprintAlgorithm = NISTObjectIdentifiers.id_sha256;
        private byte[] imprint = digest("SHA-256", "hello".getBytes());
        private BigInteger nonce;
        private Instant genTime = GEN_TIME;
        private BigInteger serial = BigInteger.valueOf(42);
        private String policy = POLICY;
        private List<X509Certificate> certificates;
        private GeneralName tsaName;
        private boolean accuracy;
        private String essCertIdDigest = "SHA-256";
        private X509Certificate boundCertificate;

        private TokenOrder(Tsa tsa) {
            this.tsa = tsa;
            this.certificates = List.of(tsa.certificate());
        }

        /** The imprint: {@code data} hashed with a JCA algorithm name whose OID is given. */
        public TokenOrder imprintOf(ASN1ObjectIdentifier algorithm, String jcaName, byte[] data) {
            return imprint(algorithm, digest(jcaName, data));
        }

        public TokenOrder imprint(ASN1ObjectIdentifier algorithm, byte[] digest) {
            this.imprintAlgorithm = algorithm;
            this.imprint = digest.clone();
            return this;
        }

        public TokenOrder nonce(BigInteger nonce) {
            this.nonce = nonce;
            return this;
        }

        public TokenOrder genTime(Instant genTime) {
            this.genTime = genTime;
            return this;
        }

        public TokenOrder serial(BigInteger serial) {
            this.serial = serial;
            return this;
        }

        public TokenOrder policy(String policy) {
            this.policy = policy;
            return this;
        }

        /** Certificates put into the token (the TSA's only, unless told). */
        public TokenOrder certificates(X509Certificate... certificates) {
            this.certificates = Arrays.asList(certificates);
            return this;
        }

        /** A token without certificates, as for a request without {@code certReq}. */
        public TokenOrder withoutCertificates() {
            this.certificates = List.of();
            return this;
        }

        public TokenOrder tsaName(GeneralName name) {
            this.tsaName = name;
            return this;
        }

        /** Accuracy of 1 s 500 ms. */
        public TokenOrder accuracy() {
            this.accuracy = true;
            return this;
        }

        /** Digest of the signing-certificate attribute: SHA-1 makes BC write an ESSCertID (v1). */
        public TokenOrder essCertIdDigest(String jcaName) {
            this.essCertIdDigest = jcaName;
            return this;
        }

        /** Makes the ESSCertIDv2 name another certificate than the signer's (built without BC's generator). */
        public TokenOrder boundCertificate(X509Certificate certificate) {
            this.boundCertificate = certificate;
            return this;
        }

        /** The DER token, from BC's {@link TimeStampTokenGenerator} when BC agrees to issue it. */
        public byte[] issue() {
            try {
                return tsa.eku() == Eku.CRITICAL_TIME_STAMPING && boundCertificate == null
                        ? issueWithGenerator() : issueByHand();
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue test token", e);
            }
        }

        private byte[] issueWithGenerator() throws Exception {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
            AlgorithmIdentifier essDigest = new AlgorithmIdentifier("SHA-1".equals(essCertIdDigest)
                    ? OIWObjectIdentifiers.idSHA1 : NISTObjectIdentifiers.id_sha256);
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfoGenerator(digests, signedAttributes()),
                    digests.get(essDigest), new ASN1ObjectIdentifier(policy));
            if (accuracy) {
                generator.setAccuracySeconds(1);
                generator.setAccuracyMillis(500);
            }
            if (tsaName != null) {
                generator.setTSA(tsaName);
            }
            generator.addCertificates(new JcaCertStore(certificates));
            TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
            requests.setCertReq(!certificates.isEmpty());
            TimeStampRequest request = nonce == null ? requests.generate(imprintAlgorithm, imprint)
                    : requests.generate(imprintAlgorithm, imprint, nonce);
            return generator.generate(request, serial, Date.from(genTime)).getEncoded();
        }

        /** For what BC's generator refuses: a TSA certificate without proper EKU, or a wrong ESSCertIDv2. */
        private byte[] issueByHand() throws Exception {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BC).build();
            X509Certificate bound = boundCertificate == null ? tsa.certificate() : boundCertificate;
            ESSCertIDv2 certId = new ESSCertIDv2(digest("SHA-256", bound.getEncoded()), new IssuerSerial(
                    new GeneralNames(new GeneralName(X500Name.getInstance(bound.getIssuerX500Principal().getEncoded()))),
                    new ASN1Integer(bound.getSerialNumber())));
            ASN1EncodableVector attributes = signedAttributes();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(certId))));
            TSTInfo info = new TSTInfo(new ASN1ObjectIdentifier(policy),
                    new MessageImprint(new AlgorithmIdentifier(imprintAlgorithm), imprint), new ASN1Integer(serial),
                    new ASN1GeneralizedTime(Date.from(genTime)), null, null,
                    nonce == null ? null : new ASN1Integer(nonce), tsaName, null);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfoGenerator(digests, attributes));
            generator.addCertificates(new JcaCertStore(certificates));
            return generator.generate(new CMSProcessableByteArray(PKCSObjectIdentifiers.id_ct_TSTInfo,
                    info.getEncoded(ASN1Encoding.DER)), true).toASN1Structure().getEncoded(ASN1Encoding.DER);
        }

        /** signingTime equal to genTime, since BC refuses tokens whose signingTime disagrees with genTime. */
        private ASN1EncodableVector signedAttributes() {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(genTime)))));
            return attributes;
        }

        private SignerInfoGenerator signerInfoGenerator(DigestCalculatorProvider digests, ASN1EncodableVector attributes)
                throws Exception {
            return new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(tsa.key().getPrivate()),
                            tsa.certificate());
        }
    }
}
