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
 * {@code /ocsp}, signed by the root, nonce echoed) and serving a CRL ({@code GET /crl}). Certificates can be
 * revoked; the server can be switched off (503) to test "revocation status unknown".
 */
public final class InProcessCa implements AutoCloseable {

    /** A party: its key pair, certificate, and chain (leaf, root). */
    public record Party(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Name name;
    private final KeyPair rootKeys;
    private final X509Certificate root;
    private final LoopbackServer server;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<BigInteger, Boolean> issued = new ConcurrentHashMap<>();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private volatile boolean available = true;
    private volatile boolean ocspAvailable = true;

    private InProcessCa(String commonName) throws Exception {
        this.name = new X500Name("CN=" + commonName + ",O=Semper Test");
        this.rootKeys = newKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(3650))), name, rootKeys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(rootKeys.getPublic()));
        this.root = new JcaX509CertificateConverter().getCertificate(builder.build(signer()));
        this.server = new LoopbackServer()
                .serve("/ocsp", () -> {
                    ocspRequests.incrementAndGet();
                    return available && ocspAvailable;
                }, "application/ocsp-response", this::ocsp)
                .serve("/crl", () -> available, "application/pkix-crl", body -> crl())
                .start();
    }

    public static InProcessCa start(String commonName) {
        try {
            return new InProcessCa(commonName);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-process CA", e);
        }
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
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                    AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier, base() + "/ocsp")));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, base() + "/crl"))), null, null) }));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer()));
            issued.put(serial, true);
            return new Party(keys, certificate, List.of(certificate, root));
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
        X509CertificateHolder issuer = new JcaX509CertificateHolder(root);
        BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(root.getPublicKey(), digests.get(CertificateID.HASH_SHA1));
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
                builder.build(signer(), new X509CertificateHolder[] { issuer }, Date.from(now))).getEncoded();
    }

    private byte[] crl() throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
        revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.keyCompromise));
        return new JcaX509CRLConverter().getCRL(builder.build(signer())).getEncoded();
    }

    private ContentSigner signer() throws Exception {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate());
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
