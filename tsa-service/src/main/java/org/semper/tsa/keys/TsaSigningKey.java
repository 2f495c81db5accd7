package org.semper.tsa.keys;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.tsa.TsaConfig;

/**
 * Opens the TSA's signing key at startup (failing fast with a message naming the setting to fix) and checks that
 * its certificate may sign time-stamps: RFC 3161 §2.3 requires the sole extended key usage
 * {@code id-kp-timeStamping}, marked critical.
 */
@ApplicationScoped
public class TsaSigningKey {

    static final String CONFIG_PREFIX = "semper.tsa.signing-key";

    @Produces
    @Singleton
    SigningKey signingKey(TsaConfig config) {
        SigningKey key = KeySources.open(config.signingKey(), CONFIG_PREFIX);
        requireTimeStampingCertificate(key.certificate());
        if (!key.selfTest()) {
            throw new KeySourceException("The TSA key " + key.description() + " does not match its certificate or cannot sign");
        }
        return key;
    }

    static void requireTimeStampingCertificate(X509Certificate certificate) {
        try {
            List<String> ekus = certificate.getExtendedKeyUsage();
            boolean critical = certificate.getCriticalExtensionOIDs() != null
                    && certificate.getCriticalExtensionOIDs().contains("2.5.29.37");
            if (ekus == null || ekus.size() != 1 || !ekus.get(0).equals(KeyPurposeId.id_kp_timeStamping.getId()) || !critical) {
                throw new KeySourceException("The TSA certificate " + certificate.getSubjectX500Principal().getName()
                        + " must carry the sole, critical extended key usage id-kp-timeStamping (RFC 3161 §2.3)");
            }
        } catch (CertificateParsingException e) {
            throw new KeySourceException("Cannot read the TSA certificate's extended key usage: " + e.getMessage(), e);
        }
    }
}
