package org.semper.evidence.verdict;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.exchange.judge.PurchaseEvidence;
import org.semper.evidence.exchange.judge.PurchaseJudge;
import org.semper.evidence.exchange.judge.PurchaseOutcome;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code semper-px/1}: px1..px3, the ciphertext, the TTP tokens and the merchant's offer before {@link PurchaseJudge}
 * (rules px-1..px-6). The offered goods hash is the {@code goods.hashPlain} of a valid {@code offer} statement signed
 * by the merchant (the agent's offer format); px2's payment (minor units) is the amount a payment-due award is
 * capped at.
 */
final class PurchaseRules extends ExchangeRules {
    PurchaseRules() {
        super(ExchangeProtocol.PURCHASE, ItemRole.PX1);
    }

    @Override
    JudgeFinding judge(Hearing hearing, CaseItem first) {
        SignedStatement px1 = first.statement().orElseThrow();
        Optional<SignedStatement> px2 = hearing.message(ItemRole.PX2);
        Optional<String> hashCipher = Optional.of(px1.payload().path("goods").path("hashCipher").asText());
        PurchaseEvidence evidence = new PurchaseEvidence(px1, hearing.content(ItemRole.CIPHERTEXT, hashCipher), px2,
                hearing.message(ItemRole.PX3), hearing.tokens(), offeredGoods(hearing, px1));
        Judgment<PurchaseOutcome> judgment = new PurchaseJudge(hearing.trust).judge(evidence);
        List<Fact> facts = new ArrayList<>();
        if (judgment.has(PurchaseOutcome.PAYMENT_DUE)) {
            Fact due = hearing.fact(FactKind.PAYMENT_DUE, judgment, "px-1").needingTtpView();
            facts.add(px2.map(p -> payment(due, p.payload().path("payment"))).orElse(due));
        }
        if (judgment.has(PurchaseOutcome.REFUND_MERCHANT_LIABLE)) {
            facts.add(hearing.fact(FactKind.GOODS_NOT_AS_DESCRIBED, judgment, "px-2").needingTtpView());
        }
        if (judgment.has(PurchaseOutcome.PAYMENT_VOID)) {
            facts.add(hearing.fact(FactKind.PAYMENT_VOID, judgment, "px-3").needingTtpView());
        }
        if (judgment.has(PurchaseOutcome.NO_SALE)) {
            facts.add(hearing.fact(FactKind.NO_SALE, judgment, "px-4").needingTtpView());
        }
        if (judgment.has(PurchaseOutcome.TTP_MISBEHAVED)) {
            facts.add(hearing.fact(FactKind.TTP_MISBEHAVED, judgment, "px-5").about(hearing.ttp(first)));
        }
        return new JudgeFinding(facts, List.of(), hearing.notes(judgment,
                Set.of("px-1", "px-2", "px-3", "px-4", "px-5")));
    }

    private static Optional<String> offeredGoods(Hearing hearing, SignedStatement px1) {
        return hearing.evidence.validStatements(ItemRole.OFFER).stream()
                .filter(offer -> offer.statement().get().signerCertificate().equals(px1.signerCertificate()))
                .map(offer -> offer.statement().get().payload().path("goods").path("hashPlain"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).findFirst();
    }

    /** The payment px2 authorises, in the currency's major units. */
    private static Fact payment(Fact fact, JsonNode payment) {
        try {
            Currency currency = Currency.getInstance(payment.path("currency").asText());
            int digits = Math.max(currency.getDefaultFractionDigits(), 0);
            return fact.amount(BigDecimal.valueOf(payment.path("amount").asLong(), digits), currency.getCurrencyCode());
        } catch (IllegalArgumentException e) {
            return fact;
        }
    }
}
