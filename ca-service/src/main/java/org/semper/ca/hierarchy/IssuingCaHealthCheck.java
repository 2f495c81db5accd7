package org.semper.ca.hierarchy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.semper.ca.revocation.crl.RootCrlPublisher;
import org.semper.ca.revocation.ocsp.OcspResponder;

/**
 * Ready only while the issuing CA key still signs (an HSM session can be lost), its certificate is in validity,
 * and the OCSP responder certificate is in validity. Also reports when the root's CRL expires (data only).
 */
@Readiness
@ApplicationScoped
public class IssuingCaHealthCheck implements HealthCheck {

    @Inject
    IssuingCa ca;

    @Inject
    OcspResponder ocsp;

    @Inject
    RootCrlPublisher rootCrl;

    @Override
    public HealthCheckResponse call() {
        boolean signs = ca.key().selfTest();
        boolean caValid = valid(ca.certificate());
        boolean responderValid = valid(ocsp.responderCertificate());
        return HealthCheckResponse.named("issuing-ca").status(signs && caValid && responderValid)
                .withData("key", ca.key().description())
                .withData("signs", signs)
                .withData("certificateValid", caValid)
                .withData("notAfter", ca.certificate().getNotAfter().toInstant().toString())
                .withData("ocspResponderValid", responderValid)
                // informational: an expired root CRL breaks relying parties, not this service (re-sign it offline)
                .withData("rootCrlNextUpdate", rootCrl.crl().map(c -> String.valueOf(c.getNextUpdate().toInstant()))
                        .orElse("none"))
                .build();
    }

    private static boolean valid(java.security.cert.X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (java.security.cert.CertificateException e) {
            return false;
        }
    }
}
