package org.semper.evidence.exchange.px;

import java.util.Set;

import org.semper.evidence.exchange.BoundMessage;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.PartyRole;
import org.semper.evidence.exchange.ReleasedKey;
import org.semper.evidence.exchange.SecondMessage;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.SignedStatement;

/** What the parties of {@code semper-px/1} check before their next step ({@code docs/protocols.md} §2). */
public final class PurchaseChecks {
    private static final ExchangeProtocol PX = ExchangeProtocol.PURCHASE;

    private PurchaseChecks() {
    }

    /** B on px1 with c and ek: form, signed by M, {@code h(c) = hashCipher}, {@code h(ek) = escrow}, signature. */
    public static FirstMessage px1(StatementTrust trust, SignedStatement px1, byte[] c, byte[] ek)
            throws ExchangeRejection {
        FirstMessage first = FirstMessage.read(px1, PX);
        first.requireDelivery(c, ek);
        SignatureChecks.require(trust, px1, "px1");
        return first;
    }

    /** M on px2: bound, signed by B, a payment of the price to M, signature. */
    public static void px2(StatementTrust trust, FirstMessage px1, SignedStatement px2) throws ExchangeRejection {
        SecondMessage.read(px1, px2);
        SignatureChecks.require(trust, px2, "px2");
    }

    /** B on px3: bound, signed by M, {@code h(K) = keyCommit}, signature; returns K. */
    public static byte[] px3(StatementTrust trust, FirstMessage px1, SignedStatement px3) throws ExchangeRejection {
        byte[] key = ReleasedKey.read(px1, BoundMessage.read(px1, px3, "px3", Set.of("key"), PartyRole.INITIATOR));
        SignatureChecks.require(trust, px3, "px3");
        return key;
    }

    /** M on px4: bound, signed by B, signature. */
    public static void px4(StatementTrust trust, FirstMessage px1, SignedStatement px4) throws ExchangeRejection {
        BoundMessage.read(px1, px4, "px4", Set.of("receipt"), PartyRole.RESPONDER);
        SignatureChecks.require(trust, px4, "px4");
    }

    /** The goods: c is the committed ciphertext, decrypts under K, and {@code h(goods) = hashPlain}. */
    public static byte[] goods(FirstMessage px1, byte[] key, byte[] c) throws ExchangeRejection {
        byte[] goods = ReleasedKey.open(px1, key, c);
        if (!Hashes.h(goods).equals(px1.payload().path("goods").path("hashPlain").asText())) {
            throw new ExchangeRejection(ExchangeReason.CONTENT_MISMATCH, "the goods are not those px1 describes");
        }
        return goods;
    }
}
