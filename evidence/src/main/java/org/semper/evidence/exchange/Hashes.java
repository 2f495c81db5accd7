package org.semper.evidence.exchange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * {@code h(x)} = base64url(SHA-256(x)) ({@code protocols.md} §0), certificate fingerprints, nonces and keys.
 */
public final class Hashes {
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");
    private static final SecureRandom RANDOM = new SecureRandom();

    private Hashes() {
    }

    /** {@code h(x)}: SHA-256 of the bytes, base64url without padding. */
    public static String h(byte[] data) {
        return b64u(sha256(data));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** How a payload names a party or a TTP: {@code h(DER of the certificate)}. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return h(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** 32 random bytes: a nonce ({@code N_O}, {@code N_R}) or a content key {@code K}. */
    public static byte[] random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static String b64u(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Decodes canonical base64url without padding, or throws {@link IllegalArgumentException}. */
    public static byte[] unb64u(String text) {
        byte[] decoded = Base64.getUrlDecoder().decode(text);
        if (!b64u(decoded).equals(text)) {
            throw new IllegalArgumentException("not canonical base64url (no padding, unused bits zero)");
        }
        return decoded;
    }

    /** Whether {@code text} is a canonical base64url SHA-256 value (43 characters). */
    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).matches();
    }
}
