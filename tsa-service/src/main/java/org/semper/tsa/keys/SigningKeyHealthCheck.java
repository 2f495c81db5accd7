package org.semper.tsa.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.semper.runtime.keys.SigningKey;

/** Ready only while the signing key still signs (an HSM session can be lost) and its certificate is in validity. */
@Readiness
@ApplicationScoped
public class SigningKeyHealthCheck implements HealthCheck {

    @Inject
    SigningKey key;

    @Override
    public HealthCheckResponse call() {
        boolean signs = key.selfTest();
        boolean valid;
        try {
            key.certificate().checkValidity();
            valid = true;
        } catch (java.security.cert.CertificateException e) {
            valid = false;
        }
        return HealthCheckResponse.named("signing-key").status(signs && valid)
                .withData("key", key.description())
                .withData("algorithm", key.signatureAlgorithm())
                .withData("provider", key.provider().getName())
                .withData("signs", signs)
                .withData("certificateValid", valid)
                .withData("notAfter", key.certificate().getNotAfter().toInstant().toString())
                .build();
    }
}
