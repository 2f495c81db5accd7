package org.semper.ca.issuance;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.semper.ca.cover.Cover;

/**
 * A certificate as the CA recorded it.
 *
 * @param serial           serial number
 * @param subject          subject DN (RFC 4514)
 * @param profile          profile id
 * @param cover            liability cover stated in the certificate
 * @param der              the certificate
 * @param revokedAt        when it was revoked, or null
 * @param revocationReason RFC 5280 CRLReason code, or null
 */
public record CertificateRecord(BigInteger serial, String subject, String profile, Cover cover, Instant notBefore,
        Instant notAfter, byte[] der, Instant revokedAt, Integer revocationReason) {

    public boolean revoked() {
        return revokedAt != null;
    }

    public String serialHex() {
        return serial.toString(16);
    }

    public X509Certificate certificate() {
        return decode(der);
    }

    /** A certificate this CA stored (DER). */
    public static X509Certificate decode(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("A stored certificate cannot be decoded", e);
        }
    }
}
