package org.semper.evidence.exchange.judge;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.px.PurchaseChecks;
import org.semper.evidence.statement.SignedStatement;

/**
 * The judge rules of {@code semper-px/1} ({@code docs/protocols.md} §8.2), a pure function of the evidence and the
 * {@link StatementTrust}.
 */
public final class PurchaseJudge {
    private final StatementTrust trust;

    public PurchaseJudge(StatementTrust trust) {
        this.trust = trust;
    }

    public Judgment<PurchaseOutcome> judge(PurchaseEvidence evidence) {
        Hearing hearing = new Hearing(trust);
        Set<PurchaseOutcome> outcomes = EnumSet.noneOf(PurchaseOutcome.class);
        SignedStatement px1 = evidence.px1();
        Optional<FirstMessage> admitted = hearing.admit("px1", px1,
                () -> FirstMessage.readSigned(trust, px1, ExchangeProtocol.PURCHASE));
        if (admitted.isEmpty()) {
            hearing.note("px-6", "without a valid px1 there is no purchase to judge", px1.id());
            return new Judgment<>(EnumSet.of(PurchaseOutcome.NOT_PROVEN), hearing.reasons);
        }
        FirstMessage first = admitted.get();
        Optional<SignedStatement> px2 = evidence.px2().flatMap(s -> hearing.admit("px2", s, () -> {
            PurchaseChecks.px2(trust, first, s);
            return s;
        }));
        Hearing.Tokens tokens = hearing.tokens(first, evidence.tokens());
        if (hearing.contradiction("px-5", tokens)) {
            outcomes.add(PurchaseOutcome.TTP_MISBEHAVED);
        }
        Optional<byte[]> key = evidence.px3().flatMap(s -> hearing.admit("px3", s, () -> PurchaseChecks.px3(trust, first, s)));
        String keySource = evidence.px3().map(SignedStatement::id).orElse("");
        if (key.isEmpty() && tokens.firstResolution().isPresent()) {
            key = tokens.firstResolution().get().key();
            keySource = tokens.firstResolution().get().statement().id();
        }
        if (tokens.firstAffidavit().isPresent()) {
            hearing.note("px-3", "the TTP found the merchant's escrow invalid: the payment in px2 is void",
                    tokens.firstAffidavit().get().statement().id());
            outcomes.add(PurchaseOutcome.PAYMENT_VOID);
        } else if (key.isPresent()) {
            judgeGoods(hearing, evidence, first, px2, key.get(), keySource, outcomes);
        } else if (tokens.firstAbort().isPresent()) {
            hearing.note("px-4", "an abort token and no key released (no valid px3 or resolve token): no sale",
                    tokens.firstAbort().get().statement().id());
            outcomes.add(PurchaseOutcome.NO_SALE);
        }
        if (outcomes.isEmpty()) {
            hearing.note("px-6", "no key released, no abort token, no affidavit", px1.id());
            outcomes.add(PurchaseOutcome.NOT_PROVEN);
        }
        return new Judgment<>(outcomes, hearing.reasons);
    }

    private static void judgeGoods(Hearing hearing, PurchaseEvidence evidence, FirstMessage first,
            Optional<SignedStatement> px2, byte[] key, String keySource, Set<PurchaseOutcome> outcomes) {
        if (px2.isEmpty()) {
            hearing.note("px-6", "the key was released but no valid px2 authorises a payment", first.exchange().value(),
                    keySource);
            return;
        }
        if (evidence.ciphertext().isEmpty() || !Hashes.h(evidence.ciphertext().get()).equals(first.hashCipher().orElseThrow())) {
            hearing.note("px-6", "the committed ciphertext c is not in evidence, so the goods cannot be checked",
                    first.exchange().value());
            return;
        }
        String described = first.payload().path("goods").path("hashPlain").asText();
        Optional<String> offered = evidence.offeredGoodsHash();
        try {
            PurchaseChecks.goods(first, key, evidence.ciphertext().get());
            if (offered.isPresent() && !offered.get().equals(described)) {
                hearing.note("px-2", "px1 describes other goods than the offer: refund, the merchant is liable",
                        first.exchange().value());
                outcomes.add(PurchaseOutcome.REFUND_MERCHANT_LIABLE);
                return;
            }
            hearing.note("px-1", "the buyer authorised the payment and the released key opens the goods as described: "
                    + "the payment is due", px2.get().id(), keySource, first.exchange().value());
            outcomes.add(PurchaseOutcome.PAYMENT_DUE);
        } catch (ExchangeRejection e) {
            hearing.note("px-2", "the released key does not give the goods px1 describes (" + e.getMessage()
                    + "): refund, the merchant is liable", keySource, first.exchange().value());
            outcomes.add(PurchaseOutcome.REFUND_MERCHANT_LIABLE);
        }
    }
}
