package org.semper.runtime.exchange.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jboss.logging.Logger;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationFetcher;

/**
 * Fetches revocation data from where a certificate says: its OCSP responder (AIA {@code id-ad-ocsp}, RFC 6960
 * Appendix A.1 POST) first, then its CRL distribution points (RFC 5280 §4.2.1.13). Only {@code http} and
 * {@code https} URLs are followed. OCSP requests carry a nonce (RFC 8954), so that a responder that pre-signs
 * responses signs a fresh one. What is fetched is not checked here: the evidence library's
 * {@code RevocationChecker} checks it like any supplied data. Never throws; returns empty data on failure.
 */
public final class HttpRevocationFetcher implements RevocationFetcher {

    private static final Logger LOG = Logger.getLogger(HttpRevocationFetcher.class);
    private static final int MAX_OCSP_BYTES = 64 * 1024;
    private static final int MAX_CRL_BYTES = 16 * 1024 * 1024;
    private static final SecureRandom NONCES = new SecureRandom();

    private final HttpClient http;
    private final Duration timeout;

    public HttpRevocationFetcher(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public RevocationData fetch(X509Certificate certificate, X509Certificate issuer) {
        for (URI ocsp : urls(certificate, true)) {
            try {
                return RevocationData.builder().ocsp(ocsp(ocsp, certificate, issuer)).build();
            } catch (Exception e) {
                LOG.debugf("OCSP %s for %s failed: %s", ocsp, certificate.getSerialNumber(), e.getMessage());
            }
        }
        for (URI crl : urls(certificate, false)) {
            try {
                return RevocationData.builder().crl(crl(crl)).build();
            } catch (Exception e) {
                LOG.debugf("CRL %s for %s failed: %s", crl, certificate.getSerialNumber(), e.getMessage());
            }
        }
        return RevocationData.empty();
    }

    private OCSPResp ocsp(URI url, X509Certificate certificate, X509Certificate issuer) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
        byte[] nonce = new byte[16];
        NONCES.nextBytes(nonce);
        byte[] request = new OCSPReqBuilder().addRequest(id)
                .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(new DEROctetString(nonce).getEncoded()))))
                .build().getEncoded();
        byte[] body = send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), MAX_OCSP_BYTES);
        OCSPResp response = new OCSPResp(body);
        if (response.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IOException("OCSP status " + response.getStatus());
        }
        return response;
    }

    private X509CRL crl(URI url) throws Exception {
        byte[] body = send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(), MAX_CRL_BYTES);
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
    }

    private byte[] send(HttpRequest request, int maxBytes) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new IOException("answer larger than " + maxBytes + " bytes");
            }
            return body;
        }
    }

    /** The OCSP responder URLs (AIA) or CRL distribution point URLs of a certificate, http(s) only. */
    static List<URI> urls(X509Certificate certificate, boolean ocsp) {
        List<URI> urls = new ArrayList<>();
        try {
            Extensions extensions = new JcaX509CertificateHolder(certificate).getExtensions();
            if (extensions == null) {
                return urls;
            }
            if (ocsp) {
                AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(extensions);
                if (aia != null) {
                    for (AccessDescription d : aia.getAccessDescriptions()) {
                        if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                            add(urls, d.getAccessLocation());
                        }
                    }
                }
            } else {
                CRLDistPoint points = CRLDistPoint.fromExtensions(extensions);
                if (points != null) {
                    for (DistributionPoint p : points.getDistributionPoints()) {
                        DistributionPointName name = p.getDistributionPoint();
                        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                            for (GeneralName g : org.bouncycastle.asn1.x509.GeneralNames.getInstance(name.getName()).getNames()) {
                                add(urls, g);
                            }
                        }
                    }
                }
            }
        } catch (CertificateEncodingException | RuntimeException e) {
            LOG.debugf("Cannot read the revocation URLs of %s: %s", certificate.getSubjectX500Principal(), e.getMessage());
        }
        return urls;
    }

    private static void add(List<URI> urls, GeneralName name) {
        if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        try {
            URI uri = URI.create(name.getName().toString());
            if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
                urls.add(uri);
            }
        } catch (IllegalArgumentException e) {
            // not a URI: skip
        }
    }
}
