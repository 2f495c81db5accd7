package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.judge.JudgeReason;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.exchange.judge.PurchaseEvidence;
import org.semper.evidence.exchange.judge.PurchaseJudge;
import org.semper.evidence.exchange.judge.PurchaseOutcome;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.evidence.statement.SignedStatement;

/** docs/protocols.md §8.2, rule by rule. */
class PurchaseJudgeTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final PurchaseJudge judge = new PurchaseJudge(world.judgeTrust());
    private final SealedContent sealed = world.sealGoods();
    private final SignedStatement px1 = world.px1(sealed);
    private final SignedStatement px2 = world.px2(px1);
    private final SignedStatement px3 = PurchaseMessages.px3(at(world.initiator, LATER), px1, sealed.key());

    private Judgment<PurchaseOutcome> judge(SealedContent goods, SignedStatement first, Optional<SignedStatement> pay,
            Optional<SignedStatement> key, Optional<String> offered, SignedStatement... tokens) {
        return judge.judge(new PurchaseEvidence(first, Optional.of(goods.ciphertext()), pay, key, List.of(tokens),
                offered));
    }

    private Judgment<PurchaseOutcome> judge(Optional<SignedStatement> pay, Optional<SignedStatement> key,
            SignedStatement... tokens) {
        return judge(sealed, px1, pay, key, Optional.empty(), tokens);
    }

    private SignedStatement resolveToken(SealedContent goods, SignedStatement first) throws ExchangeRejection {
        return world.resolveToken(first, world.px2(first), Optional.of(goods.ek()));
    }

    private SignedStatement abortToken() throws ExchangeRejection {
        return world.abortToken(px1);
    }

    @Test
    void px1PaymentIsDueForTheGoodsAsDescribedByPx3OrByTheResolveToken() throws Exception {
        Judgment<PurchaseOutcome> byPx3 = judge(Optional.of(px2), Optional.of(px3));
        assertThat(byPx3.outcomes()).containsExactly(PurchaseOutcome.PAYMENT_DUE);
        assertThat(byPx3.reasons("px-1").get(0).evidence()).containsExactly(px2.id(), px3.id(), px1.id());
        SignedStatement rc = resolveToken(sealed, px1);
        assertThat(judge(Optional.of(px2), Optional.empty(), rc).outcomes()).containsExactly(PurchaseOutcome.PAYMENT_DUE);
        assertThat(judge(sealed, px1, Optional.of(px2), Optional.of(px3), Optional.of(sealed.hashPlain())).outcomes())
                .containsExactly(PurchaseOutcome.PAYMENT_DUE);
    }

    @Test
    void px2GoodsOtherThanDescribedMeanARefundWithTheMerchantLiable() {
        SealedContent mislabelled = new SealedContent(sealed.key(), sealed.ciphertext(), sealed.ek(),
                Hashes.h("the book that was offered".getBytes(StandardCharsets.UTF_8)), sealed.hashCipher(),
                sealed.keyCommit());
        SignedStatement first = world.px1(mislabelled);
        SignedStatement key = PurchaseMessages.px3(at(world.initiator, LATER), first, sealed.key());
        Judgment<PurchaseOutcome> judgment = judge(mislabelled, first, Optional.of(world.px2(first)), Optional.of(key),
                Optional.empty());
        assertThat(judgment.outcomes()).containsExactly(PurchaseOutcome.REFUND_MERCHANT_LIABLE);
        assertThat(judgment.reasons("px-2").get(0).text()).contains("content-mismatch");
        Judgment<PurchaseOutcome> notOffered = judge(sealed, px1, Optional.of(px2), Optional.of(px3),
                Optional.of(Hashes.h("something else".getBytes(StandardCharsets.UTF_8))));
        assertThat(notOffered.outcomes()).containsExactly(PurchaseOutcome.REFUND_MERCHANT_LIABLE);
    }

    @Test
    void px3AnAffidavitVoidsThePayment() throws Exception {
        byte[] bogusEk = new byte[EscrowOpening.ESCROW_LENGTH];
        SealedContent bogus = new SealedContent(sealed.key(), sealed.ciphertext(), bogusEk, sealed.hashPlain(),
                sealed.hashCipher(), sealed.keyCommit());
        SignedStatement first = world.px1(bogus);
        SignedStatement af = resolveToken(bogus, first);
        assertThat(af.type()).isEqualTo("semper-px/1/affidavit");
        Judgment<PurchaseOutcome> judgment = judge(bogus, first, Optional.of(world.px2(first)), Optional.empty(),
                Optional.empty(), af);
        assertThat(judgment.outcomes()).containsExactly(PurchaseOutcome.PAYMENT_VOID);
        assertThat(judgment.reasons("px-3").get(0).evidence()).containsExactly(af.id());
    }

    @Test
    void px4AnAbortTokenWithoutAReleasedKeyIsNoSaleButPx3StillMakesPaymentDue() throws Exception {
        SignedStatement at = abortToken();
        assertThat(judge(Optional.of(px2), Optional.empty(), at).outcomes()).containsExactly(PurchaseOutcome.NO_SALE);
        assertThat(judge(Optional.of(px2), Optional.of(px3), at).outcomes()).containsExactly(PurchaseOutcome.PAYMENT_DUE);
    }

    @Test
    void px5AnAbortAndAResolveTokenProveTheTtpMisbehaved() throws Exception {
        SignedStatement at = abortToken();
        SignedStatement rc = resolveToken(sealed, px1);
        Judgment<PurchaseOutcome> judgment = judge(Optional.of(px2), Optional.empty(), at, rc);
        assertThat(judgment.outcomes()).contains(PurchaseOutcome.TTP_MISBEHAVED);
        assertThat(judgment.reasons("px-5").get(0).evidence()).containsExactly(at.id(), rc.id());
    }

    @Test
    void px6WithoutTheCiphertextOrAPaymentNothingIsProven() {
        Judgment<PurchaseOutcome> noCiphertext = judge.judge(new PurchaseEvidence(px1, Optional.empty(),
                Optional.of(px2), Optional.of(px3), List.of(), Optional.empty()));
        assertThat(noCiphertext.outcomes()).containsExactly(PurchaseOutcome.NOT_PROVEN);
        assertThat(judge(Optional.empty(), Optional.of(px3)).outcomes()).containsExactly(PurchaseOutcome.NOT_PROVEN);
        assertThat(judge(Optional.of(px2), Optional.empty()).outcomes()).containsExactly(PurchaseOutcome.NOT_PROVEN);
    }

    @Test
    void aPx3WithAnotherKeyThanCommittedIsLeftOut() {
        SignedStatement wrongKey = PurchaseMessages.px3(at(world.initiator, LATER), px1, Hashes.random32());
        Judgment<PurchaseOutcome> judgment = judge(Optional.of(px2), Optional.of(wrongKey));
        assertThat(judgment.outcomes()).containsExactly(PurchaseOutcome.NOT_PROVEN);
        assertThat(judgment.reasons(JudgeReason.INADMISSIBLE).get(0).text()).contains("bad-key");
    }
}
