package org.semper.evidence.exchange;

import java.util.Optional;

import org.semper.evidence.exchange.escrow.ContentCipher;

import com.fasterxml.jackson.databind.JsonNode;

/** The key {@code K} released by px3, EOK or a TTP token, and the content it opens (px, cm). */
public final class ReleasedKey {
    private ReleasedKey() {
    }

    /** The {@code key} member of {@code payload} if {@code h(key)} is the first message's {@code keyCommit}. */
    public static byte[] read(FirstMessage first, JsonNode payload) throws ExchangeRejection {
        byte[] key = Payloads.bytes32(payload, "key");
        if (!Hashes.h(key).equals(first.keyCommit().orElseThrow())) {
            throw new ExchangeRejection(ExchangeReason.BAD_KEY, "h(key) is not the keyCommit of "
                    + first.protocol().firstLabel());
        }
        return key;
    }

    /**
     * The content: {@code c} must be the committed ciphertext ({@code h(c) = hashCipher}) and decrypt under
     * {@code key}; {@code content-mismatch} otherwise.
     */
    public static byte[] open(FirstMessage first, byte[] key, byte[] c) throws ExchangeRejection {
        if (!Hashes.h(c).equals(first.hashCipher().orElseThrow())) {
            throw new ExchangeRejection(ExchangeReason.CONTENT_MISMATCH, "h(c) is not the hashCipher of "
                    + first.protocol().firstLabel());
        }
        Optional<byte[]> plain = ContentCipher.decrypt(key, c);
        return plain.orElseThrow(() -> new ExchangeRejection(ExchangeReason.CONTENT_MISMATCH,
                "c does not decrypt under the committed key"));
    }
}
