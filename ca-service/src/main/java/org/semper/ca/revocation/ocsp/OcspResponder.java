package org.semper.ca.revocation.ocsp;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jboss.logging.Logger;
import org.semper.ca.CaConfig;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.ca.revocation.Revocations;
import org.semper.runtime.crypto.CryptoProviders;

/**
 * RFC 6960 OCSP responder for the issuing CA. Single-certificate requests without a nonce are answered from a
 * cache of pre-signed responses (valid {@code semper.ca.ocsp.response-validity}, dropped on revocation and
 * re-signed after half their validity); requests with a nonce get a fresh signature echoing it. Serials this CA
 * never issued, and certificates of other issuers, are {@code unknown}; undecodable requests get
 * {@code malformedRequest}.
 */
@ApplicationScoped
public class OcspResponder {

    private static final Logger LOG = Logger.getLogger(OcspResponder.class);

    private record Cached(byte[] response, Instant refreshAfter) {
    }

    private final IssuingCa ca;
    private final CertificateStore store;
    private final OcspResponderKey responder;
    private final Duration validity;
    private final int maxRequests;
    private final X509CertificateHolder issuerHolder;
    private final X509CertificateHolder[] responderChain;
    private final DigestCalculatorProvider digests;
    private final RespID responderId;
    private final Map<BigInteger, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    public OcspResponder(IssuingCa ca, CertificateStore store, OcspResponderKey responder, CaConfig config) {
        this.ca = ca;
        this.store = store;
        this.responder = responder;
        this.validity = config.ocsp().responseValidity();
        this.maxRequests = config.ocsp().maxRequests();
        try {
            this.issuerHolder = new X509CertificateHolder(ca.certificate().getEncoded());
            this.responderChain = new X509CertificateHolder[] {
                    new X509CertificateHolder(OcspResponderKey.der(responder.certificate())) };
            this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build();
            this.responderId = new RespID(responderChain[0].getSubjectPublicKeyInfo(), digests.get(CertificateID.HASH_SHA1));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up the OCSP responder: " + e.getMessage(), e);
        }
    }

    void onRevocation(@Observes Revocations.Revoked revoked) {
        cache.remove(revoked.serial());
    }

    /** Number of cached pre-signed responses (for tests and metrics). */
    public int cachedResponses() {
        return cache.size();
    }

    /** The DER OCSPResponse for a DER OCSPRequest. Never throws for bad input. */
    public byte[] respond(byte[] requestBytes) {
        OCSPReq request;
        try {
            request = new OCSPReq(requestBytes);
            if (request.getRequestList().length == 0) {
                return status(OCSPRespBuilder.MALFORMED_REQUEST);
            }
        } catch (IOException | RuntimeException e) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Req[] items = request.getRequestList();
        if (items.length > maxRequests) {
            return status(OCSPRespBuilder.MALFORMED_REQUEST);
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        try {
            if (nonce == null && items.length == 1 && ours(items[0].getCertID())) {
                BigInteger serial = items[0].getCertID().getSerialNumber();
                Cached cached = cache.get(serial);
                if (cached != null && Instant.now().isBefore(cached.refreshAfter())) {
                    return cached.response();
                }
                byte[] fresh = sign(items, null);
                if (store.find(serial).isPresent()) {
                    cache.put(serial, new Cached(fresh, Instant.now().plus(validity.dividedBy(2))));
                }
                return fresh;
            }
            return sign(items, nonce);
        } catch (OCSPException | IOException | RuntimeException e) {
            LOG.errorf(e, "OCSP response failed");
            return status(OCSPRespBuilder.INTERNAL_ERROR);
        }
    }

    /**
     * A freshly signed response (thisUpdate = now) about {@code serial}, for validating a statement signed just now:
     * evidence's revocation checker only accepts data produced at or after the signing time.
     */
    public OCSPResp freshResponse(BigInteger serial) {
        try {
            CertificateID id = new CertificateID(digests.get(CertificateID.HASH_SHA1), issuerHolder, serial);
            return new OCSPResp(sign(new Req[] { new org.bouncycastle.cert.ocsp.OCSPReqBuilder().addRequest(id).build()
                    .getRequestList()[0] }, null));
        } catch (OCSPException | IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign an OCSP response: " + e.getMessage(), e);
        }
    }

    public java.security.cert.X509Certificate responderCertificate() {
        return responder.certificate();
    }

    private boolean ours(CertificateID id) {
        try {
            return id.matchesIssuer(issuerHolder, digests);
        } catch (OCSPException e) {
            return false;
        }
    }

    private byte[] sign(Req[] items, Extension nonce) throws OCSPException, IOException {
        Instant now = Instant.now();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(responderId);
        for (Req item : items) {
            CertificateID id = item.getCertID();
            CertificateStatus status = statusOf(id);
            builder.addResponse(id, status, Date.from(now), Date.from(now.plus(validity)), null);
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                    new DEROctetString(nonce.getExtnValue().getOctets()))));
        }
        BasicOCSPResp basic = builder.build(responder.key().contentSigner(), responderChain, Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private CertificateStatus statusOf(CertificateID id) {
        if (!ours(id)) {
            return new UnknownStatus();
        }
        Optional<CertificateRecord> record = store.find(id.getSerialNumber());
        if (record.isEmpty()) {
            return new UnknownStatus();
        }
        CertificateRecord r = record.get();
        if (r.revoked()) {
            return new RevokedStatus(Date.from(r.revokedAt()), r.revocationReason() == null ? CRLReason.unspecified : r.revocationReason());
        }
        return CertificateStatus.GOOD;
    }

    private static byte[] status(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (OCSPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    IssuingCa ca() {
        return ca;
    }
}
