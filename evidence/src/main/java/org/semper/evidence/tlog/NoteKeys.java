package org.semper.evidence.tlog;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Ed25519 keys as JDK objects, to and from the raw 32-byte encodings (RFC 8032) that signed notes use. The keys
 * are the JDK's own ({@code KeyPairGenerator/KeyFactory/Signature "Ed25519"}); Bouncy Castle only derives the
 * public key of a seed, which the JDK API cannot do.
 */
public final class NoteKeys {
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key. */
    private static final byte[] SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };
    private static final int KEY_LENGTH = 32;

    private NoteKeys() {
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** The Ed25519 key pair of a 32-byte private seed (RFC 8032 §5.1.5). */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed == null || seed.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
            return new KeyPair(publicKey(publicKey), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK refused an Ed25519 seed", e);
        }
    }

    /**
     * The public key with this 32-byte RFC 8032 encoding.
     *
     * @throws IllegalArgumentException if the bytes are not an Ed25519 public key
     */
    public static PublicKey publicKey(byte[] raw) {
        if (raw == null || raw.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes");
        }
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_LENGTH);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, KEY_LENGTH);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    /**
     * The 32-byte RFC 8032 encoding of an Ed25519 public key (from any provider).
     *
     * @throws IllegalArgumentException if the key is not Ed25519
     */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] spki = key == null ? null : key.getEncoded();
        if (spki == null || spki.length != SPKI_PREFIX.length + KEY_LENGTH
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }
}
