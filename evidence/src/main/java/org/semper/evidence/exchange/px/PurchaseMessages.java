package org.semper.evidence.exchange.px;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Party side of {@code semper-px/1} ({@code docs/protocols.md} §2): sealing the goods and px1..px4. */
public final class PurchaseMessages {
    private static final ExchangeProtocol PX = ExchangeProtocol.PURCHASE;

    private PurchaseMessages() {
    }

    /** M encrypts the goods under a fresh K and escrows K to the TTP with the px label (buyer, merchant). */
    public static SealedContent seal(byte[] goods, PublicKey ttpEscrowKey, X509Certificate merchant,
            X509Certificate buyer) {
        return SealedContent.seal(goods, ttpEscrowKey, PX.id(), buyer, merchant);
    }

    /**
     * {@code px1 = Sig_M{merchant, buyer, ttp, order: H(order), price, goods: {hashPlain, hashCipher, keyCommit},
     * escrow: h(ek), [deadline]}}.
     */
    public static SignedStatement px1(StatementSigner merchant, X509Certificate buyer, TtpIdentity ttp, String orderId,
            Price price, SealedContent goods, Optional<Instant> deadline) {
        ObjectNode payload = Payloads.start(PX, "px1")
                .put("merchant", Hashes.fingerprint(merchant.certificateChain().get(0)))
                .put("buyer", Hashes.fingerprint(buyer))
                .put("order", orderId)
                .put("escrow", goods.escrowHash());
        payload.set("ttp", ttp.toJson());
        payload.putObject("price").put("amount", price.amount()).put("currency", price.currency());
        payload.putObject("goods").put("hashPlain", goods.hashPlain()).put("hashCipher", goods.hashCipher())
                .put("keyCommit", goods.keyCommit());
        deadline.ifPresent(time -> payload.put("deadline", Payloads.format(time)));
        return merchant.sign(PX.type("px1"), payload);
    }

    /** {@code px2 = Sig_B{x1: H(px1), payment: {amount, currency, payee: merchant}}}: B's authorisation to pay. */
    public static SignedStatement px2(StatementSigner buyer, SignedStatement px1) {
        ObjectNode offer = px1.payload();
        ObjectNode payload = Payloads.start(PX, "px2").put("x1", px1.id());
        payload.putObject("payment").put("amount", offer.path("price").path("amount").asLong())
                .put("currency", offer.path("price").path("currency").asText())
                .put("payee", offer.path("merchant").asText());
        return buyer.sign(PX.type("px2"), payload);
    }

    /** {@code px3 = Sig_M{x1: H(px1), key: K}}. */
    public static SignedStatement px3(StatementSigner merchant, SignedStatement px1, byte[] key) {
        return merchant.sign(PX.type("px3"), Payloads.start(PX, "px3").put("x1", px1.id()).put("key", Hashes.b64u(key)));
    }

    /** {@code px4 = Sig_B{x1: H(px1), receipt: "goods-received"}} (optional). */
    public static SignedStatement px4(StatementSigner buyer, SignedStatement px1) {
        return buyer.sign(PX.type("px4"), Payloads.start(PX, "px4").put("x1", px1.id()).put("receipt", "goods-received"));
    }
}
