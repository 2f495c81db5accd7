package org.semper.evidence.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.semper.evidence.statement.SignatureTimeStamps;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.ClaimedTimeHeader;
import org.semper.evidence.statement.StatementSigner;

/**
 * Signers, CRLs, OCSP responses and signature time-stamps for statement tests, on top of {@link TestPki}'s CAs and
 * TSAs. Real keys and signatures throughout (Bouncy Castle builders); all dates fixed.
 */
public final class StatementPki {
    public static final Instant LEAF_NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant LEAF_NOT_AFTER = Instant.parse("2027-01-01T00:00:00Z");
    /** Claimed signing time of statements unless told otherwise. */
    public static final Instant SIGNING_TIME = Instant.parse("2025-06-01T12:00:00Z");
    /** genTime of signature time-stamps unless told otherwise: shortly after signing. */
    public static final Instant TST_TIME = Instant.parse("2025-06-01T12:00:05Z");
    /** When revocation data is produced unless told otherwise: a day after signing. */
    public static final Instant REVOCATION_TIME = Instant.parse("2025-06-02T00:00:00Z");
    /** The validators' "now" unless told otherwise. */
    public static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

    private static final AtomicLong SERIALS = new AtomicLong(50_000);

    private StatementPki() {
    }

    public static Clock clockAt(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** An end entity: key and certificate, with the chain to put into {@code x5c}. */
    public record Signer(KeyPair key, X509Certificate certificate, List<X509Certificate> chain) {
        /** A signer writing {@code sigT} + {@code crit}: most tests pin that form, whose rules are stricter. */
        public StatementSigner signer(Instant signingTime) {
            return StatementSigner.builder(key.getPrivate(), chain).clock(clockAt(signingTime))
                    .claimedTimeHeader(ClaimedTimeHeader.SIG_T).build();
        }

        public SignedStatement sign(Instant signingTime) {
            return signer(signingTime).sign("semper-test", Map.of("protocol", "semper-cs/1", "msg", "me1", "n", 7));
        }

        public SignedStatement sign() {
            return sign(SIGNING_TIME);
        }
    }

    public static KeyPair ecKey(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A P-256 signer valid 2025-2027, issued by {@code ca}, x5c = [leaf] + {@code rest}. */
    public static Signer signer(TestPki.Ca ca, String commonName, X509Certificate... rest) {
        return signer(ca, commonName, ecKey("secp256r1"), LEAF_NOT_BEFORE, LEAF_NOT_AFTER, rest);
    }

    public static Signer signer(TestPki.Ca ca, String commonName, KeyPair key, Instant notBefore, Instant notAfter,
            X509Certificate... rest) {
        X509Certificate certificate = certificate(ca, commonName, key, notBefore, notAfter,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation), null);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(List.of(rest));
        return new Signer(key, certificate, chain);
    }

    /**
     * A delegated OCSP responder certificate of {@code ca}, with or without id-kp-OCSPSigning, and with
     * id-pkix-ocsp-nocheck (as responders usually have).
     */
    public static Signer ocspResponder(TestPki.Ca ca, String commonName, boolean ocspSigning) {
        return ocspResponder(ca, commonName, ocspSigning, true);
    }

    /** A delegated OCSP responder certificate of {@code ca}; {@code noCheck}: with id-pkix-ocsp-nocheck. */
    public static Signer ocspResponder(TestPki.Ca ca, String commonName, boolean ocspSigning, boolean noCheck) {
        KeyPair key = ecKey("secp256r1");
        X509Certificate certificate = certificate(ca, commonName, key, LEAF_NOT_BEFORE, LEAF_NOT_AFTER,
                new KeyUsage(KeyUsage.digitalSignature), ocspSigning ? KeyPurposeId.id_kp_OCSPSigning
                        : KeyPurposeId.id_kp_clientAuth, noCheck);
        return new Signer(key, certificate, List.of(certificate));
    }

    public static X509Certificate certificate(TestPki.Ca ca, String commonName, KeyPair key, Instant notBefore,
            Instant notAfter, KeyUsage keyUsage, KeyPurposeId purpose) {
        return certificate(ca, commonName, key, notBefore, notAfter, keyUsage, purpose, false);
    }

    private static X509Certificate certificate(TestPki.Ca ca, String commonName, KeyPair key, Instant notBefore,
            Instant notAfter, KeyUsage keyUsage, KeyPurposeId purpose, boolean ocspNoCheck) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    TestPki.name(commonName), key.getPublic());
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(key.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, keyUsage);
            if (purpose != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            }
            if (ocspNoCheck) {
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(TestPki.BC).build(ca.key().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue " + commonName, e);
        }
    }

    /** A CRL of {@code ca} issued at {@code thisUpdate}, listing the given certificates as revoked at the given times. */
    public static X509CRL crl(TestPki.Ca ca, Instant thisUpdate, Map<X509Certificate, Instant> revoked) {
        return crl(ca, thisUpdate, thisUpdate.plusSeconds(7 * 86_400), revoked, CRLReason.keyCompromise, false);
    }

    /**
     * A CRL of CA certificates (ARL, RFC 5280 §5.2.5 {@code onlyContainsCACerts}) as an offline root signs it: issued
     * at {@code thisUpdate}, valid until {@code nextUpdate}, revoking the given CA certificates (keyCompromise).
     */
    public static X509CRL arl(TestPki.Ca root, Instant thisUpdate, Instant nextUpdate, Map<X509Certificate, Instant> revoked) {
        return crl(root, thisUpdate, nextUpdate, revoked, CRLReason.keyCompromise, true);
    }

    /** A CRL with every entry for {@code reason} (an RFC 5280 reason code of {@link CRLReason}). */
    public static X509CRL crl(TestPki.Ca ca, Instant thisUpdate, Instant nextUpdate, Map<X509Certificate, Instant> revoked,
            int reason, boolean onlyCaCertificates) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.cRLNumber, false,
                    new org.bouncycastle.asn1.x509.CRLNumber(BigInteger.valueOf(SERIALS.incrementAndGet())));
            if (onlyCaCertificates) {
                builder.addExtension(Extension.issuingDistributionPoint, true,
                        new IssuingDistributionPoint(null, false, true, null, false, false));
            }
            revoked.forEach((certificate, at) -> builder.addCRLEntry(certificate.getSerialNumber(), Date.from(at), reason));
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(TestPki.BC).build(ca.key().getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue CRL", e);
        }
    }

    /** A CRL of {@code ca} at {@link #REVOCATION_TIME} revoking nothing. */
    public static X509CRL emptyCrl(TestPki.Ca ca) {
        return crl(ca, REVOCATION_TIME, Map.of());
    }

    /**
     * An OCSP response about {@code certificate} (issued by {@code issuer}), signed by {@code responderKey} with
     * {@code responderChain} included; {@code revokedAt} null means good.
     */
    public static BasicOCSPResp ocsp(X509Certificate certificate, X509Certificate issuer, KeyPair responderKey,
            X509Certificate responderCertificate, Instant thisUpdate, Instant revokedAt) {
        return ocsp(certificate, issuer, responderKey, responderCertificate, thisUpdate, revokedAt, CRLReason.keyCompromise);
    }

    /** As above, a revocation stated with {@code reason} (an RFC 5280 reason code of {@link CRLReason}). */
    public static BasicOCSPResp ocsp(X509Certificate certificate, X509Certificate issuer, KeyPair responderKey,
            X509Certificate responderCertificate, Instant thisUpdate, Instant revokedAt, int reason) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(TestPki.BC).build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(
                    X500Name.getInstance(responderCertificate.getSubjectX500Principal().getEncoded())));
            CertificateStatus status = revokedAt == null ? CertificateStatus.GOOD
                    : new RevokedStatus(Date.from(revokedAt), reason);
            builder.addResponse(id, status, Date.from(thisUpdate), Date.from(thisUpdate.plusSeconds(86_400)));
            X509CertificateHolder[] chain = responderCertificate.equals(issuer) ? null
                    : new X509CertificateHolder[] {new JcaX509CertificateHolder(responderCertificate)};
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(TestPki.BC)
                    .build(responderKey.getPrivate()), chain, Date.from(thisUpdate));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue OCSP response", e);
        }
    }

    /** The full {@code OCSPResponse} (status successful) around a basic response. */
    public static OCSPResp successful(BasicOCSPResp basic) {
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signature time-stamp token over the statement's signature value (JAdES sigTst), issued by {@code tsa}. */
    public static byte[] signatureTimeStamp(TestPki.Tsa tsa, SignedStatement statement, Instant genTime) {
        return tsa.token().imprintOf(NISTObjectIdentifiers.id_sha256, "SHA-256",
                SignatureTimeStamps.imprintInput(statement)).genTime(genTime).issue();
    }

    /** A token from {@code tsa} over other data than the statement's signature. */
    public static byte[] unrelatedTimeStamp(TestPki.Tsa tsa, Instant genTime) {
        return tsa.token().imprintOf(NISTObjectIdentifiers.id_sha256, "SHA-256",
                "something else".getBytes(StandardCharsets.US_ASCII)).genTime(genTime).issue();
    }

    /** base64url without padding. */
    public static String b64u(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] unb64u(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
