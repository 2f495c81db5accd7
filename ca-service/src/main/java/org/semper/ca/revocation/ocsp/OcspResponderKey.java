package org.semper.ca.revocation.ocsp;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.semper.ca.CaConfig;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.issuance.CertificateBuilder;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.profile.CertificateProfile;
import org.semper.ca.profile.Profiles;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.keys.SigningKey;

/**
 * The delegated OCSP responder (RFC 6960 §4.2.2.2): a fresh P-256 key per start, certified by the issuing CA under
 * profile {@code ocsp} (EKU OCSPSigning, id-pkix-ocsp-nocheck), recorded and logged like any certificate. The key
 * lives in memory only; the issuing CA key signs nothing but certificates and CRLs.
 */
@ApplicationScoped
public class OcspResponderKey {

    private final SigningKey key;

    @Inject
    public OcspResponderKey(IssuingCa ca, CertificateBuilder builder, CertificateStore store, Profiles profiles, CaConfig config) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            ResolvedProfile profile = profiles.get(CertificateProfile.OCSP);
            X500Name subject = new X500Name(config.ocsp().responderSubject());
            X509Certificate cert = builder.build(CertificateBuilder.newSerial(), subject,
                    SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()), profile, profile.cover(), Instant.now());
            store.insert(new CertificateRecord(cert.getSerialNumber(), Issuance.subjectText(subject), profile.id(),
                    profile.cover(), cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), cert.getEncoded(), null, null));
            this.key = new SigningKey(pair.getPrivate(), List.of(cert, ca.certificate()), CryptoProviders.signing(),
                    "ocsp-responder (in memory)");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the OCSP responder key: " + e.getMessage(), e);
        }
    }

    public SigningKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
