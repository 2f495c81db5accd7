package org.semper.evidence.exchange.escrow;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

import org.semper.evidence.exchange.Hashes;

/**
 * What the initiator of {@code semper-px/1} or {@code semper-cm/1} prepares before its first message: a fresh key
 * {@code K}, {@code c = AES-GCM_K(content)}, {@code ek = Enc_T(K, label)}, and the hashes the first message commits
 * to. {@link #key()} stays with the initiator until it releases it (px3, EOK).
 */
public record SealedContent(byte[] key, byte[] ciphertext, byte[] ek, String hashPlain, String hashCipher,
        String keyCommit) {

    /**
     * Seals {@code content} for an exchange whose TTP escrow key is {@code ttpEscrowKey}; {@code label} gives the
     * escrow label for {@code h(c)} (base64url).
     */
    public static SealedContent seal(byte[] content, PublicKey ttpEscrowKey, Function<String, byte[]> label) {
        Objects.requireNonNull(content, "content");
        byte[] key = Hashes.random32();
        byte[] c = ContentCipher.encrypt(key, content);
        String hashCipher = Hashes.h(c);
        byte[] ek = EscrowOpening.seal(ttpEscrowKey, key, label.apply(hashCipher));
        return new SealedContent(key, c, ek, Hashes.h(content), hashCipher, Hashes.h(key));
    }

    /**
     * Seals {@code content} with the label {@link EscrowLabel#of} of {@code protocolId} and the two parties'
     * certificates in label order (px: buyer, merchant; cm: sender, recipient).
     */
    public static SealedContent seal(byte[] content, PublicKey ttpEscrowKey, String protocolId,
            X509Certificate firstParty, X509Certificate secondParty) {
        String first = Hashes.fingerprint(firstParty);
        String second = Hashes.fingerprint(secondParty);
        return seal(content, ttpEscrowKey, hashCipher -> EscrowLabel.of(protocolId, hashCipher, first, second));
    }

    /** {@code h(ek)}, the escrow commitment of the first message. */
    public String escrowHash() {
        return Hashes.h(ek);
    }

    @Override
    public String toString() {
        return "SealedContent[hashCipher=" + hashCipher + ", escrow=" + escrowHash() + ", ek=" + Base64.getUrlEncoder()
                .withoutPadding().encodeToString(ek).length() + " chars]";
    }
}
