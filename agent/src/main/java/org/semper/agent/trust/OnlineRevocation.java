package org.semper.agent.trust;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1OctetString;
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
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.semper.agent.net.WebClient;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationFetcher;

/**
 * Fetches revocation data for a party's validation from where the certificate says: its OCSP responder (AIA,
 * RFC 6960 Appendix A POST, with a nonce) and otherwise its CRL distribution points ({@code http} URLs only).
 * Nothing is checked here: the evidence library checks what it gets like supplied data. Never throws.
 */
public final class OnlineRevocation implements RevocationFetcher {
    private final WebClient web;

    public OnlineRevocation(Duration timeout) {
        this.web = new WebClient(timeout);
    }

    @Override
    public RevocationData fetch(X509Certificate certificate, X509Certificate issuer) {
        for (URI responder : urls(certificate, true)) {
            try {
                CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                        .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
                ASN1OctetString nonce = new DEROctetString(new DEROctetString(Hashes.random32()));
                byte[] request = new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, nonce))).build().getEncoded();
                WebClient.Answer answer = web.post(responder, "application/ocsp-request", request, Map.of());
                if (answer.ok()) {
                    OCSPResp response = new OCSPResp(answer.body());
                    if (response.getStatus() == OCSPResp.SUCCESSFUL) {
                        return RevocationData.builder().ocsp(response).build();
                    }
                }
            } catch (Exception e) {
                // try the next source
            }
        }
        for (URI crl : urls(certificate, false)) {
            try {
                WebClient.Answer answer = web.get(crl, "application/pkix-crl");
                if (answer.ok()) {
                    X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509")
                            .generateCRL(new ByteArrayInputStream(answer.body()));
                    return RevocationData.builder().crl(list).build();
                }
            } catch (Exception e) {
                // try the next source
            }
        }
        return RevocationData.empty();
    }

    private static List<URI> urls(X509Certificate certificate, boolean ocsp) {
        List<URI> urls = new ArrayList<>();
        try {
            Extensions extensions = new JcaX509CertificateHolder(certificate).getExtensions();
            if (extensions == null) {
                return urls;
            }
            if (ocsp) {
                AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(extensions);
                if (aia != null) {
                    for (AccessDescription description : aia.getAccessDescriptions()) {
                        if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                            http(description.getAccessLocation(), urls);
                        }
                    }
                }
            } else {
                CRLDistPoint points = CRLDistPoint.fromExtensions(extensions);
                if (points != null) {
                    for (DistributionPoint point : points.getDistributionPoints()) {
                        DistributionPointName name = point.getDistributionPoint();
                        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                            for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                                http(general, urls);
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            // no usable extension: nothing to fetch
        }
        return urls;
    }

    private static void http(GeneralName name, List<URI> urls) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            String text = name.getName().toString();
            if (text.startsWith("http://") || text.startsWith("https://")) {
                urls.add(URI.create(text));
            }
        }
    }
}
