package org.semper.notary.keys;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.semper.runtime.keys.KeyAgreementKey;
import org.semper.runtime.keys.SigningKey;

/** Ready only while the signing key signs, the escrow key opens escrows, and both certificates are in validity. */
@Readiness
@ApplicationScoped
public class NotaryKeysHealthCheck implements HealthCheck {

    @Inject
    SigningKey signingKey;

    @Inject
    KeyAgreementKey escrowKey;

    @Override
    public HealthCheckResponse call() {
        boolean signs = signingKey.selfTest();
        boolean opens = NotaryKeys.opensItsOwnEscrow(escrowKey);
        boolean valid = valid(signingKey.certificate()) && valid(escrowKey.certificate());
        return HealthCheckResponse.named("notary-keys").status(signs && opens && valid)
                .withData("signingKey", signingKey.description())
                .withData("signs", signs)
                .withData("escrowKey", escrowKey.description())
                .withData("escrowOpens", opens)
                .withData("certificatesValid", valid)
                .withData("signingNotAfter", signingKey.certificate().getNotAfter().toInstant().toString())
                .withData("escrowNotAfter", escrowKey.certificate().getNotAfter().toInstant().toString())
                .build();
    }

    private static boolean valid(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }
}
