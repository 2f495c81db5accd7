package org.semper.evidence.tlog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * Signs note texts with an Ed25519 key as a C2SP signed note: the text, a blank line, and the line
 * {@code — <key name> <base64(key ID || signature)>} (em dash U+2014, space).
 *
 * <pre>{@code
 * NoteSigner signer = new NoteSigner("log.example/semper", keys.getPrivate(), keys.getPublic());
 * String note = signer.sign(checkpoint.body());
 * String publish = signer.verifierKey();   // log.example/semper+1a2b3c4d+AR...
 * }</pre>
 */
public final class NoteSigner {
    static final String SIGNATURE_LINE_PREFIX = "\u2014 ";

    private final String keyName;
    private final UnaryOperator<byte[]> ed25519;
    private final NoteVerifier verifier;

    /**
     * A signer for this key name and Ed25519 key pair.
     *
     * @throws IllegalArgumentException if the name is not a valid key name, the keys are not Ed25519, or the
     *     private key does not belong to the public key
     */
    public NoteSigner(String keyName, PrivateKey privateKey, PublicKey publicKey) {
        this(keyName, publicKey, message -> ed25519(privateKey, message));
    }

    /**
     * A signer whose Ed25519 signatures are made elsewhere (a key source or HSM that never hands out the private
     * key): {@code ed25519} returns the 64-byte Ed25519 signature of its argument.
     *
     * @throws IllegalArgumentException if the name is not a valid key name, the public key is not Ed25519, or the
     *     function's signatures do not verify with the public key
     */
    public NoteSigner(String keyName, PublicKey publicKey, UnaryOperator<byte[]> ed25519) {
        this.keyName = keyName;
        this.verifier = NoteVerifier.of(keyName, publicKey);
        this.ed25519 = ed25519;
        byte[] probe = "semper key pair check".getBytes(StandardCharsets.US_ASCII);
        if (!verifier.verify(probe, rawSignature(probe))) {
            throw new IllegalArgumentException("the private key of " + keyName + " does not match its public key");
        }
    }

    /** A signer with a fresh Ed25519 key. */
    public static NoteSigner generate(String keyName) {
        KeyPair keys = NoteKeys.generate();
        return new NoteSigner(keyName, keys.getPrivate(), keys.getPublic());
    }

    /**
     * Reads a signer key as {@code golang.org/x/mod/sumdb/note} writes it:
     * {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>}.
     *
     * @throws IllegalArgumentException if it is malformed or its key ID does not match
     */
    public static NoteSigner fromSignerKey(String signerKey) {
        String prefix = "PRIVATE+KEY+";
        if (signerKey == null || !signerKey.startsWith(prefix)) {
            throw new IllegalArgumentException("a signer key starts with " + prefix);
        }
        String rest = signerKey.substring(prefix.length());
        int firstPlus = rest.indexOf('+');
        int secondPlus = firstPlus < 0 ? -1 : rest.indexOf('+', firstPlus + 1);
        if (secondPlus < 0) {
            throw new IllegalArgumentException("a signer key is PRIVATE+KEY+<name>+<key ID>+<seed>");
        }
        String name = rest.substring(0, firstPlus);
        NoteVerifier.requireKeyName(name);
        int declaredId = NoteVerifier.parseKeyId(rest.substring(firstPlus + 1, secondPlus));
        byte[] typedSeed;
        try {
            typedSeed = Text.decodeBase64(rest.substring(secondPlus + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the seed of signer key " + name + " is not canonical base64", e);
        }
        try {
            if (typedSeed.length != 33 || typedSeed[0] != NoteVerifier.ED25519_TYPE) {
                throw new IllegalArgumentException("signer key " + name + " is not a 32-byte Ed25519 seed");
            }
            KeyPair keys = NoteKeys.fromSeed(Arrays.copyOfRange(typedSeed, 1, 33));
            NoteSigner signer = new NoteSigner(name, keys.getPrivate(), keys.getPublic());
            if (signer.keyId() != declaredId) {
                throw new IllegalArgumentException("signer key " + name + " has the wrong key ID");
            }
            return signer;
        } finally {
            Arrays.fill(typedSeed, (byte) 0);
        }
    }

    /**
     * The verifier key string {@code <name>+<hex key ID>+<base64(0x01 || key)>} of this name and public key.
     */
    public static String verifierKey(String keyName, PublicKey publicKey) {
        return NoteVerifier.of(keyName, publicKey).verifierKey();
    }

    public String keyName() {
        return keyName;
    }

    public int keyId() {
        return verifier.keyId();
    }

    /** The verifier of this signer's key. */
    public NoteVerifier verifier() {
        return verifier;
    }

    /** This signer's verifier key string, to publish. */
    public String verifierKey() {
        return verifier.verifierKey();
    }

    /**
     * Signs the note text and returns the whole signed note: the text, a blank line and one signature line.
     *
     * @param body the note text: ends in a newline, no control characters other than newline
     * @throws IllegalArgumentException if the text cannot be a note text
     */
    public String sign(String body) {
        if (body == null || body.isEmpty() || !body.endsWith("\n")) {
            throw new IllegalArgumentException("a note text must end with a newline");
        }
        String forbidden = Text.forbiddenCharacter(body);
        if (forbidden != null) {
            throw new IllegalArgumentException("a note text may not contain a " + forbidden);
        }
        byte[] signature = rawSignature(body.getBytes(StandardCharsets.UTF_8));
        byte[] keyIdAndSignature = new byte[4 + signature.length];
        int id = verifier.keyId();
        keyIdAndSignature[0] = (byte) (id >>> 24);
        keyIdAndSignature[1] = (byte) (id >>> 16);
        keyIdAndSignature[2] = (byte) (id >>> 8);
        keyIdAndSignature[3] = (byte) id;
        System.arraycopy(signature, 0, keyIdAndSignature, 4, signature.length);
        return body + "\n" + SIGNATURE_LINE_PREFIX + keyName + " " + Text.base64(keyIdAndSignature) + "\n";
    }

    private byte[] rawSignature(byte[] message) {
        return ed25519.apply(message);
    }

    private static byte[] ed25519(PrivateKey privateKey, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this Ed25519 key: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.verifierKey() + "]";
    }
}
