package org.semper.evidence.exchange.escrow;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Content encryption of goods and mail under the exchange key {@code K}: AES-256-GCM,
 * {@code c = IV (12 random bytes) || ciphertext || tag (16 bytes)}, no additional data ({@code h(c)} is what the
 * first message commits to).
 */
public final class ContentCipher {
    private static final int IV_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ContentCipher() {
    }

    public static byte[] encrypt(byte[] key, byte[] plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = new byte[IV_LENGTH];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, IV_LENGTH + sealed.length);
            System.arraycopy(sealed, 0, out, IV_LENGTH, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
        }
    }

    /** The plaintext, or empty if {@code c} does not decrypt under {@code key} (wrong key, altered, too short). */
    public static Optional<byte[]> decrypt(byte[] key, byte[] c) {
        Objects.requireNonNull(c, "c");
        if (c.length < IV_LENGTH + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(c, IV_LENGTH));
            return Optional.of(cipher.doFinal(c, IV_LENGTH, c.length - IV_LENGTH));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        if (Objects.requireNonNull(key, "key").length != 32) {
            throw new IllegalArgumentException("K is 32 bytes (AES-256)");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
        return cipher;
    }
}
