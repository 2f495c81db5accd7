package org.semper.runtime.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
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
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.semper.runtime.keys.CertificatePem;


/**
 * A small but real certificate authority for tests: its own root (EC P-256), end-entity certificates whose AIA
 * and CRL distribution point name its loopback HTTP server, and that server answering OCSP (RFC 6960, POST
 * {@code /ocsp}, signed by the issuer, nonce echoed) and serving a CRL ({@code GET /crl}). Certificates can be
 * revoked; the server can be switched off (503) to test "revocation status unknown".
 *
 * <p>{@link #startWithIssuingCa} makes it two-level, as Semper's {@code ca-service}: an offline root and an issuing CA
 * that certifies the parties, whose certificate names the root's CRL of CA certificates ({@code GET /arl}, signed when
 * the CA starts with a year's validity, and again when the issuing CA is revoked) as its CRL distribution point.
 */
public final class InProcessCa implements AutoCloseable {

    /** A party: its key pair, certificate, and chain (leaf, issuing CA if any, root). */
    public record Party(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final X500Name name;
    private final KeyPair issuerKeys;
    private final X509Certificate issuer;
    private final LoopbackServer server;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<BigInteger, Boolean> issued = new ConcurrentHashMap<>();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private final AtomicInteger arlRequests = new AtomicInteger();
    private volatile byte[] arl;
    private volatile boolean available = true;
    private volatile boolean ocspAvailable = true;

    private InProcessCa(String commonName, boolean issuingCa) throws Exception {
        X500Name rootName = new X500Name("CN=" + commonName + (issuingCa ? " Root" : "") + ",O=Semper Test");
        this.rootKeys = newKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), rootName, rootKeys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKeys.getPublic()));
        this.root = new JcaX509CertificateConverter().getCertificate(builder.build(signer(rootKeys)));
        this.server = new LoopbackServer()
                .serve("/ocsp", () -> {
                    ocspRequests.incrementAndGet();
                    return available && ocspAvailable;
                }, "application/ocsp-response", this::ocsp)
                .serve("/crl", () -> available, "application/pkix-crl", body -> crl())
                .serve("/arl", () -> {
                    arlRequests.incrementAndGet();
                    return available && arl != null;
                }, "application/pkix-crl", body -> arl)
                .start();
        if (issuingCa) {
            this.name = new X500Name("CN=" + commonName + ",O=Semper Test");
            this.issuerKeys = newKeyPair();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(rootName, serial(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(1825))), name, issuerKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            ca.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(issuerKeys.getPublic()));
            ca.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
            ca.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(base() + "/arl"));
            this.issuer = new JcaX509CertificateConverter().getCertificate(ca.build(signer(rootKeys)));
            this.arl = signArl(now.minus(Duration.ofDays(30)), null);
        } else {
            this.name = rootName;
            this.issuerKeys = rootKeys;
            this.issuer = root;
        }
    }

    public static InProcessCa start(String commonName) {
        return start(commonName, false);
    }

    /** A two-level CA: root, issuing CA (CRL distribution point: the root's ARL), parties. */
    public static InProcessCa startWithIssuingCa(String commonName) {
        return start(commonName, true);
    }

    private static InProcessCa start(String commonName, boolean issuingCa) {
        try {
            return new InProcessCa(commonName, issuingCa);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process CA", e);
        }
    }

    /** The issuing CA certificate of a two-level CA; the root otherwise. */
    public X509Certificate issuer() {
        return issuer;
    }

    /** The root revokes the issuing CA as of {@code when}: a new ARL lists it. */
    public void revokeIssuingCa(Instant when) {
        if (issuer.equals(root)) {
            throw new IllegalStateException("a one-level CA has no issuing CA");
        }
        try {
            arl = signArl(Instant.now(), when);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Requests for the root's ARL so far. */
    public int arlRequests() {
        return arlRequests.get();
    }

    public X509Certificate root() {
        return root;
    }

    /** Writes the root certificate as PEM (a trust anchor file) and returns the path. */
    public Path writeRootPem(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, CertificatePem.encode(List.of(root)), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A party certificate valid from an hour ago for a year. */
    public Party issue(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
    }

    public Party issue(String commonName, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = newKeyPair();
            BigInteger serial = serial();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore),
                    Date.from(notAfter), new X500Name("CN=" + commonName + ",O=Semper Test"), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, base() + "/ocsp")));
            builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(base() + "/crl"));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer(issuerKeys)));
            issued.put(serial, true);
            return new Party(keys, certificate, issuer.equals(root) ? List.of(certificate, root)
                    : List.of(certificate, issuer, root));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot issue a test certificate", e);
        }
    }

    /** Revokes a certificate this CA issued, as of {@code when}. */
    public void revoke(X509Certificate certificate, Instant when) {
        revoked.put(certificate.getSerialNumber(), when);
    }

    /** Switches the OCSP responder and CRL distribution point on or off (503). */
    public void available(boolean available) {
        this.available = available;
    }

    /** Switches only the OCSP responder on or off (the CRL stays available). */
    public void ocspAvailable(boolean available) {
        this.ocspAvailable = available;
    }

    /** OCSP requests received so far. */
    public int ocspRequests() {
        return ocspRequests.get();
    }

    private String base() {
        return server.base();
    }

    private byte[] ocsp(byte[] body) throws Exception {
        OCSPReq request = new OCSPReq(body);
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        X509CertificateHolder issuer = new JcaX509CertificateHolder(this.issuer);
        BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(this.issuer.getPublicKey(), digests.get(CertificateID.HASH_SHA1));
        Instant now = Instant.now();
        for (Req item : request.getRequestList()) {
            CertificateID id = item.getCertID();
            CertificateStatus status;
            if (!id.matchesIssuer(issuer, digests) || !issued.containsKey(id.getSerialNumber())) {
                status = new UnknownStatus();
            } else if (revoked.containsKey(id.getSerialNumber())) {
                status = new RevokedStatus(Date.from(revoked.get(id.getSerialNumber())), CRLReason.keyCompromise);
            } else {
                status = CertificateStatus.GOOD;
            }
            builder.addResponse(id, status, Date.from(now), Date.from(now.plus(Duration.ofHours(1))), null);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL,
                builder.build(signer(issuerKeys), new X509CertificateHolder[] { issuer }, Date.from(now))).getEncoded();
    }

    private byte[] crl() throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
        revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.keyCompromise));
        return new JcaX509CRLConverter().getCRL(builder.build(signer(issuerKeys))).getEncoded();
    }

    /** The root's CRL of CA certificates, valid for a year from {@code thisUpdate}, revoking the issuing CA if asked. */
    private byte[] signArl(Instant thisUpdate, Instant issuingCaRevokedAt) throws Exception {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(thisUpdate.plus(Duration.ofDays(365))));
        builder.addExtension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, true, null, false, false));
        if (issuingCaRevokedAt != null) {
            builder.addCRLEntry(issuer.getSerialNumber(), Date.from(issuingCaRevokedAt), CRLReason.keyCompromise);
        }
        return new JcaX509CRLConverter().getCRL(builder.build(signer(rootKeys))).getEncoded();
    }

    private static CRLDistPoint distributionPoint(String url) {
        return new CRLDistPoint(new DistributionPoint[] { new DistributionPoint(new DistributionPointName(
                new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, url))), null, null) });
    }

    private static ContentSigner signer(KeyPair keys) throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
    }

    private static KeyPair newKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).setBit(126);
    }

    @Override
    public void close() {
        server.stop();
    }
}
