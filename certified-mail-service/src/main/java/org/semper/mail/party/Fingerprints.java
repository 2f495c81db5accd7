package org.semper.mail.party;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** {@code h(x)} = base64url(SHA-256(x)) and certificate fingerprints ({@code protocols.md} §0). */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** How a payload names a party or a TTP: {@code h(DER of the certificate)}. */
    public static String of(X509Certificate certificate) {
        try {
            return h(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    public static String h(byte[] data) {
        return b64u(sha256().digest(data));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    public static String b64u(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
