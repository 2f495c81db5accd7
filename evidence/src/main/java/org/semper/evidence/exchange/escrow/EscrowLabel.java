package org.semper.evidence.exchange.escrow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * The label that binds an escrow to its exchange, used as HPKE {@code info} and AEAD {@code aad}
 * ({@code docs/protocols.md} §0, "Escrow label"):
 * <pre>
 * label = ASCII(protocol) || 0x00 || h(c) || fp(first party) || fp(second party)
 * </pre>
 * with {@code h(c)} and the fingerprints as their 32 raw SHA-256 bytes (not base64url). The parties are
 * buyer then merchant in {@code semper-px/1}, sender then recipient in {@code semper-cm/1}. The exchange id
 * cannot be part of it: the first message commits to {@code h(ek)}.
 */
public final class EscrowLabel {
    private EscrowLabel() {
    }

    /**
     * @param protocolId  e.g. {@code semper-px/1}
     * @param hashCipher  {@code h(c)}, base64url
     * @param firstParty  fingerprint (base64url) of the party named first
     * @param secondParty fingerprint (base64url) of the party named second
     */
    public static byte[] of(String protocolId, String hashCipher, String firstParty, String secondParty) {
        byte[] tag = Objects.requireNonNull(protocolId, "protocolId").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[tag.length + 1 + 96];
        System.arraycopy(tag, 0, out, 0, tag.length);
        int at = tag.length + 1;
        for (String digest : new String[] {hashCipher, firstParty, secondParty}) {
            byte[] raw = Base64.getUrlDecoder().decode(Objects.requireNonNull(digest, "digest"));
            if (raw.length != 32) {
                throw new IllegalArgumentException("a label digest is 32 bytes");
            }
            System.arraycopy(raw, 0, out, at, 32);
            at += 32;
        }
        return out;
    }
}
