package org.semper.evidence.tlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 public key that verifies signed-note signatures (C2SP signed-note, signature type {@code 0x01}),
 * with its key name and key ID.
 *
 * <p>The key ID is {@code SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]}, big-endian. The
 * <em>verifier key</em> is the text form in which logs publish such a key (as Go's
 * {@code golang.org/x/mod/sumdb/note} writes it): {@code <name>+<8 hex digits of key ID>+<base64(0x01 || key)>}.
 */
public final class NoteVerifier {
    static final byte ED25519_TYPE = 0x01;
    static final int SIGNATURE_LENGTH = 64;

    private final String keyName;
    private final byte[] rawKey;
    private final int keyId;
    private final PublicKey publicKey;

    private NoteVerifier(String keyName, byte[] rawKey, PublicKey publicKey) {
        this.keyName = keyName;
        this.rawKey = rawKey;
        this.keyId = keyId(keyName, rawKey);
        this.publicKey = publicKey;
    }

    /**
     * The verifier for this key name and Ed25519 public key.
     *
     * @throws IllegalArgumentException if the name is not a valid key name (non-empty, no spaces, no {@code +})
     *     or the key is not Ed25519
     */
    public static NoteVerifier of(String keyName, PublicKey publicKey) {
        requireKeyName(keyName);
        byte[] raw = NoteKeys.rawPublicKey(publicKey);
        return new NoteVerifier(keyName, raw, NoteKeys.publicKey(raw));
    }

    /**
     * Parses a verifier key {@code <name>+<hex key ID>+<base64(0x01 || 32-byte key)>}.
     *
     * @throws IllegalArgumentException if it is malformed, of another signature type, or its key ID does not match
     *     its name and key
     */
    public static NoteVerifier fromVerifierKey(String verifierKey) {
        if (verifierKey == null) {
            throw new IllegalArgumentException("no verifier key");
        }
        int firstPlus = verifierKey.indexOf('+');
        int secondPlus = firstPlus < 0 ? -1 : verifierKey.indexOf('+', firstPlus + 1);
        if (secondPlus < 0) {
            throw new IllegalArgumentException("a verifier key is <name>+<key ID>+<key>");
        }
        String name = verifierKey.substring(0, firstPlus);
        String id = verifierKey.substring(firstPlus + 1, secondPlus);
        String key = verifierKey.substring(secondPlus + 1);
        requireKeyName(name);
        int declaredId = parseKeyId(id);
        byte[] typedKey;
        try {
            typedKey = Text.decodeBase64(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key of verifier key " + name + " is not canonical base64", e);
        }
        if (typedKey.length == 0 || typedKey[0] != ED25519_TYPE) {
            throw new IllegalArgumentException("verifier key " + name + " is not of signature type 0x01 (Ed25519)");
        }
        if (typedKey.length != 33) {
            throw new IllegalArgumentException("verifier key " + name + " has a key of " + (typedKey.length - 1)
                    + " bytes; an Ed25519 key has 32");
        }
        byte[] raw = Arrays.copyOfRange(typedKey, 1, typedKey.length);
        NoteVerifier verifier = new NoteVerifier(name, raw, NoteKeys.publicKey(raw));
        if (verifier.keyId != declaredId) {
            throw new IllegalArgumentException("verifier key " + name + " declares key ID " + id
                    + " but its name and key give " + hex(verifier.keyId));
        }
        return verifier;
    }

    public String keyName() {
        return keyName;
    }

    /** The 32-bit key ID. */
    public int keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** This key as a verifier key string. */
    public String verifierKey() {
        byte[] typedKey = new byte[33];
        typedKey[0] = ED25519_TYPE;
        System.arraycopy(rawKey, 0, typedKey, 1, 32);
        return keyName + "+" + hex(keyId) + "+" + Text.base64(typedKey);
    }

    /** Whether {@code signature} (64 bytes, without the key ID) is this key's Ed25519 signature of the message. */
    public boolean verify(byte[] message, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(publicKey);
            ed25519.update(message);
            return ed25519.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code SHA-256(name || 0x0A || 0x01 || key)[:4]} as a big-endian integer. */
    static int keyId(String keyName, byte[] rawKey) {
        MessageDigest sha256 = MerkleHash.sha256();
        sha256.update(keyName.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(ED25519_TYPE);
        sha256.update(rawKey);
        byte[] digest = sha256.digest();
        return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8)
                | (digest[3] & 0xff);
    }

    static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    static int parseKeyId(String id) {
        if (id.length() != 8 || !id.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw new IllegalArgumentException("a key ID is 8 hexadecimal digits, not '" + id + "'");
        }
        return (int) Long.parseLong(id, 16);
    }

    static void requireKeyName(String keyName) {
        if (!Text.isValidKeyName(keyName)) {
            throw new IllegalArgumentException("'" + keyName + "' is not a key name: it must be non-empty, "
                    + "without spaces or '+'");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NoteVerifier that && keyName.equals(that.keyName)
                && Arrays.equals(rawKey, that.rawKey);
    }

    @Override
    public int hashCode() {
        return keyName.hashCode() * 31 + Arrays.hashCode(rawKey);
    }

    @Override
    public String toString() {
        return verifierKey();
    }
}
