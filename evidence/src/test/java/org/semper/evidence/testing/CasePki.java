package org.semper.evidence.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.Iso4217CurrencyCode;
import org.bouncycastle.asn1.x509.qualified.MonetaryValue;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.tlog.NoteSigner;
import org.semper.evidence.validation.TrustAnchors;

/**
 * A whole test world for arbitration cases: a root CA, a TSA, parties whose certificates state a liability cover
 * (ETSI {@code QcEuLimitValue}), CRLs with reasons and invalidity dates, signature time-stamps, and TTP logs with an
 * Ed25519 checkpoint key certified by the CA. Real keys and signatures; fixed dates from {@link StatementPki}.
 */
public final class CasePki {
    private static final AtomicLong SERIALS = new AtomicLong(700_000);

    private final TestPki.Ca root;
    private final TestPki.Tsa tsa;

    public CasePki(String name) {
        this(TestPki.rootCa(name + " Root"), name);
    }

    /** A world under an existing CA (e.g. a service's local trust anchor, loaded from its keystore). */
    public CasePki(TestPki.Ca root, String name) {
        this.root = root;
        this.tsa = root.tsa(name + " TSA");
    }

    public TestPki.Ca root() {
        return root;
    }

    public TestPki.Tsa tsa() {
        return tsa;
    }

    public TrustAnchors anchors() {
        return TrustAnchors.of(root.certificate());
    }

    /** A party: a P-256 key and a certificate valid 2025-2027 with the given cover (null: none). */
    public record Party(KeyPair key, X509Certificate certificate) {
        public StatementSigner signer(Instant at) {
            return StatementSigner.builder(key.getPrivate(), List.of(certificate)).clock(StatementPki.clockAt(at)).build();
        }

        public SignedStatement sign(String type, Map<String, ?> payload, Instant at) {
            return signer(at).sign(type, payload);
        }

        /** h(DER of the certificate), base64url: how payloads name this party. */
        public String fingerprint() {
            return fingerprint(certificate);
        }

        public static String fingerprint(X509Certificate certificate) {
            try {
                return StatementPki.b64u(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A cover of {@code amount} × 10^{@code exponent} {@code currency}. */
    public record Cover(String currency, int amount, int exponent) {
    }

    public Party party(String commonName, Cover cover) {
        KeyPair key = StatementPki.ecKey("secp256r1");
        return new Party(key, certificate(commonName, key, cover, StatementPki.LEAF_NOT_BEFORE, StatementPki.LEAF_NOT_AFTER));
    }

    public Party party(String commonName, Cover cover, Instant notBefore, Instant notAfter) {
        KeyPair key = StatementPki.ecKey("secp256r1");
        return new Party(key, certificate(commonName, key, cover, notBefore, notAfter));
    }

    /** A TTP log: its Ed25519 note key named {@code origin}, and a certificate of that key from the root. */
    public record LogKey(NoteSigner signer, X509Certificate certificate) {
    }

    public LogKey logKey(String origin, String commonName) {
        try {
            KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new LogKey(new NoteSigner(origin, key.getPrivate(), key.getPublic()),
                    certificate(commonName, key, null, StatementPki.LEAF_NOT_BEFORE, StatementPki.LEAF_NOT_AFTER));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private X509Certificate certificate(String commonName, KeyPair key, Cover cover, Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    TestPki.name(commonName), key.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(root.certificate()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            if (cover != null) {
                builder.addExtension(Extension.qCStatements, false, new DERSequence(new QCStatement(
                        ETSIQCObjectIdentifiers.id_etsi_qcs_LimiteValue, new MonetaryValue(
                                new Iso4217CurrencyCode(cover.currency()), cover.amount(), cover.exponent()))));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(
                    "SHA256withECDSA").setProvider(TestPki.BC).build(root.key().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + commonName, e);
        }
    }

    /** A revocation entry: when, why (RFC 5280 CRLReason code) and, optionally, since when the CA says it was invalid. */
    public record Revocation(X509Certificate certificate, Instant revokedAt, int reason, Instant invalidSince) {
    }

    /** A CRL of the root at {@code thisUpdate}. */
    public X509CRL crl(Instant thisUpdate, Revocation... revocations) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(thisUpdate.plusSeconds(7 * 86_400)));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(SERIALS.incrementAndGet())));
            for (Revocation revocation : revocations) {
                ExtensionsGenerator entry = new ExtensionsGenerator();
                entry.addExtension(Extension.reasonCode, false,
                        org.bouncycastle.asn1.x509.CRLReason.lookup(revocation.reason()));
                if (revocation.invalidSince() != null) {
                    entry.addExtension(Extension.invalidityDate, false,
                            new ASN1GeneralizedTime(Date.from(revocation.invalidSince())));
                }
                builder.addCRLEntry(revocation.certificate().getSerialNumber(), Date.from(revocation.revokedAt()),
                        entry.generate());
            }
            return new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(TestPki.BC).build(root.key().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue CRL", e);
        }
    }

    /** The statement with a signature time-stamp of this world's TSA (JAdES B-T). */
    public SignedStatement timeStamped(SignedStatement statement, Instant genTime) {
        return statement.withSignatureTimeStamp(StatementPki.signatureTimeStamp(tsa, statement, genTime));
    }

    /** Items for a bundle: the DER of certificates and CRLs. */
    public static byte[] der(Object certificateOrCrl) {
        try {
            return certificateOrCrl instanceof X509Certificate c ? c.getEncoded() : ((X509CRL) certificateOrCrl).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A bundle builder pre-filled with statements under their roles. */
    public static EvidenceBundle.Builder bundle(Object... roleAndStatementPairs) {
        EvidenceBundle.Builder builder = EvidenceBundle.builder();
        for (int i = 0; i < roleAndStatementPairs.length; i += 2) {
            builder.add((ItemRole) roleAndStatementPairs[i], (SignedStatement) roleAndStatementPairs[i + 1], "");
        }
        return builder;
    }

}
