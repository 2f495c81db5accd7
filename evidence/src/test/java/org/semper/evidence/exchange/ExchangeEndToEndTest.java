package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.NOW;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.cm.CertifiedMailChecks;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.cs.ContractChecks;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.judge.CertifiedMailEvidence;
import org.semper.evidence.exchange.judge.CertifiedMailJudge;
import org.semper.evidence.exchange.judge.CertifiedMailOutcome;
import org.semper.evidence.exchange.judge.ContractEvidence;
import org.semper.evidence.exchange.judge.ContractJudge;
import org.semper.evidence.exchange.judge.ContractOutcome;
import org.semper.evidence.exchange.judge.PurchaseEvidence;
import org.semper.evidence.exchange.judge.PurchaseJudge;
import org.semper.evidence.exchange.judge.PurchaseOutcome;
import org.semper.evidence.exchange.px.PurchaseChecks;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.evidence.statement.SignedStatement;

/**
 * Whole exchanges in memory: two parties doing every check of docs/protocols.md §1-3 on what they receive, a TTP
 * built from the library with its decisions in a map ({@link InMemoryTtp}), requests and tokens sent as JSON, and
 * the judge's verdict on what each party ends with.
 */
class ExchangeEndToEndTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final InMemoryTtp ttp = new InMemoryTtp(world, NOW);
    private final StatementTrust trust = world.judgeTrust();

    private static byte[] wire(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private SignedStatement abort(SignedStatement first) throws ExchangeRejection {
        return ttp.abort(AbortRequest.parse(wire(ExchangeRequests.abort(at(world.initiator, LATER), first).toJson())));
    }

    private SignedStatement resolve(PartyRole party, SignedStatement first, SignedStatement second,
            Optional<byte[]> ek) throws ExchangeRejection {
        var signer = party == PartyRole.INITIATOR ? world.initiator : world.responder;
        return ttp.resolve(ResolveRequest.parse(wire(ExchangeRequests.resolve(at(signer, LATER), first, second, ek)
                .toJson())));
    }

    private void statusIs(ExchangeProtocol protocol, SignedStatement first, ExchangeState state, SignedStatement token)
            throws ExchangeRejection {
        SignedStatement status = ttp.status(protocol, ExchangeId.of(first));
        TtpToken read = TtpToken.read(trust, FirstMessage.read(first), status);
        assertThat(read.payload().get("state").asText()).isEqualTo(state.code());
        assertThat(read.payload().get("token").asText()).isEqualTo(token.id());
    }

    // --- semper-cs/1 ------------------------------------------------------------------------------------------

    @Test
    void contractSigningHonestRun() throws Exception {
        SignedStatement me1 = world.me1();
        FirstMessage seenByR = ContractChecks.me1(trust, me1);
        assertThat(seenByR.responder()).isEqualTo(Hashes.fingerprint(world.responder.certificate()));
        SignedStatement me2 = world.me2(me1);
        ContractChecks.me2(trust, seenByR, me2);
        SignedStatement me3 = world.me3(me1);
        ContractChecks.me3(trust, seenByR, me2, me3);
        SignedStatement me4 = world.me4(me1);
        ContractChecks.me4(trust, seenByR, me2, me4);
        assertThat(new ContractJudge(trust).judge(new ContractEvidence(me1, Optional.of(me2), Optional.of(me3),
                Optional.of(me4), List.of())).outcomes()).containsExactly(ContractOutcome.CONTRACT_BINDS);
        assertThat(ttp.status(ExchangeProtocol.CONTRACT_SIGNING, ExchangeId.of(me1)).payload().get("state").asText())
                .isEqualTo("none");
    }

    @Test
    void contractSigningAbortedBeforeMe2ThenTheResponderResolvesInVain() throws Exception {
        SignedStatement me1 = world.me1();
        SignedStatement at = abort(me1);
        assertThat(TtpToken.read(trust, FirstMessage.read(me1), at).isAbort()).isTrue();
        SignedStatement me2 = world.me2(me1);           // R answers late, O never replies
        SignedStatement reply = resolve(PartyRole.RESPONDER, me1, me2, Optional.empty());
        assertThat(reply).isEqualTo(at);
        assertThat(abort(me1).toJson()).isEqualTo(at.toJson());
        statusIs(ExchangeProtocol.CONTRACT_SIGNING, me1, ExchangeState.ABORTED, at);
        assertThat(new ContractJudge(trust).judge(new ContractEvidence(me1, Optional.of(me2), Optional.empty(),
                Optional.empty(), List.of(at))).outcomes()).containsExactly(ContractOutcome.NO_CONTRACT);
    }

    @Test
    void contractSigningResolvedByTheResponderThenTheOriginatorsAbortGetsTheReplacementContract() throws Exception {
        SignedStatement me1 = world.me1();
        SignedStatement me2 = world.me2(me1);           // O stops after me2
        SignedStatement rc = resolve(PartyRole.RESPONDER, me1, me2, Optional.empty());
        TtpToken read = TtpToken.read(trust, FirstMessage.read(me1), rc);
        assertThat(read.isResolution()).isTrue();
        assertThat(abort(me1)).isEqualTo(rc);
        statusIs(ExchangeProtocol.CONTRACT_SIGNING, me1, ExchangeState.RESOLVED, rc);
        for (Optional<SignedStatement> m3 : List.of(Optional.<SignedStatement>empty(), Optional.of(world.me3(me1)))) {
            assertThat(new ContractJudge(trust).judge(new ContractEvidence(me1, Optional.of(me2), m3, Optional.empty(),
                    List.of(rc))).outcomes()).containsExactly(ContractOutcome.CONTRACT_BINDS);
        }
    }

    @Test
    void contractSigningResolvedByTheOriginatorWhenMe4DoesNotCome() throws Exception {
        SignedStatement me1 = world.me1();
        SignedStatement me2 = world.me2(me1);
        SignedStatement rc = resolve(PartyRole.INITIATOR, me1, me2, Optional.empty());
        assertThat(resolve(PartyRole.RESPONDER, me1, me2, Optional.empty())).isEqualTo(rc);
        assertThat(new ContractJudge(trust).judge(new ContractEvidence(me1, Optional.of(me2), Optional.of(world.me3(me1)),
                Optional.empty(), List.of(rc))).outcomes()).containsExactly(ContractOutcome.CONTRACT_BINDS);
    }

    // --- semper-px/1 ------------------------------------------------------------------------------------------

    @Test
    void purchaseHonestRun() throws Exception {
        SealedContent goods = world.sealGoods();
        SignedStatement px1 = world.px1(goods);
        FirstMessage seenByB = PurchaseChecks.px1(trust, px1, goods.ciphertext(), goods.ek());
        SignedStatement px2 = world.px2(px1);
        PurchaseChecks.px2(trust, seenByB, px2);
        SignedStatement px3 = PurchaseMessages.px3(at(world.initiator, LATER), px1, goods.key());
        byte[] key = PurchaseChecks.px3(trust, seenByB, px3);
        assertThat(PurchaseChecks.goods(seenByB, key, goods.ciphertext())).isEqualTo(world.goods);
        SignedStatement px4 = PurchaseMessages.px4(at(world.responder, LATER), px1);
        PurchaseChecks.px4(trust, seenByB, px4);
        assertThat(new PurchaseJudge(trust).judge(new PurchaseEvidence(px1, Optional.of(goods.ciphertext()),
                Optional.of(px2), Optional.of(px3), List.of(), Optional.of(Hashes.h(world.goods)))).outcomes())
                .containsExactly(PurchaseOutcome.PAYMENT_DUE);
    }

    @Test
    void purchaseAbortedByTheMerchantIsNoSale() throws Exception {
        SealedContent goods = world.sealGoods();
        SignedStatement px1 = world.px1(goods);
        SignedStatement at = abort(px1);
        SignedStatement px2 = world.px2(px1);
        assertThat(resolve(PartyRole.RESPONDER, px1, px2, Optional.of(goods.ek()))).isEqualTo(at);
        statusIs(ExchangeProtocol.PURCHASE, px1, ExchangeState.ABORTED, at);
        assertThat(new PurchaseJudge(trust).judge(new PurchaseEvidence(px1, Optional.of(goods.ciphertext()),
                Optional.of(px2), Optional.empty(), List.of(at), Optional.empty())).outcomes())
                .containsExactly(PurchaseOutcome.NO_SALE);
    }

    @Test
    void purchaseResolvedByTheBuyerGivesItTheGoodsAndTheMerchantThePayment() throws Exception {
        SealedContent goods = world.sealGoods();
        SignedStatement px1 = world.px1(goods);
        SignedStatement px2 = world.px2(px1);           // M never sends px3
        SignedStatement rc = resolve(PartyRole.RESPONDER, px1, px2, Optional.of(goods.ek()));
        FirstMessage first = FirstMessage.read(px1);
        TtpToken forBuyer = TtpToken.read(trust, first, rc);
        assertThat(PurchaseChecks.goods(first, forBuyer.key().orElseThrow(), goods.ciphertext())).isEqualTo(world.goods);
        SignedStatement forMerchant = abort(px1);       // M tries to abort later and gets the RC with the payment
        assertThat(forMerchant).isEqualTo(rc);
        assertThat(Payloads.statement(forMerchant.payload(), "payment")).isEqualTo(px2);
        assertThat(new PurchaseJudge(trust).judge(new PurchaseEvidence(px1, Optional.of(goods.ciphertext()),
                Optional.of(px2), Optional.empty(), List.of(rc), Optional.empty())).outcomes())
                .containsExactly(PurchaseOutcome.PAYMENT_DUE);
    }

    @Test
    void purchaseWithABogusEscrowEndsInAnAffidavitAndAVoidPayment() throws Exception {
        SealedContent real = world.sealGoods();
        SealedContent goods = new SealedContent(real.key(), real.ciphertext(), new byte[EscrowOpening.ESCROW_LENGTH],
                real.hashPlain(), real.hashCipher(), real.keyCommit());
        SignedStatement px1 = world.px1(goods);
        PurchaseChecks.px1(trust, px1, goods.ciphertext(), goods.ek());  // B cannot tell
        SignedStatement px2 = world.px2(px1);
        SignedStatement af = resolve(PartyRole.RESPONDER, px1, px2, Optional.of(goods.ek()));
        assertThat(TtpToken.read(trust, FirstMessage.read(px1), af).isAffidavit()).isTrue();
        assertThat(abort(px1)).isEqualTo(af);
        statusIs(ExchangeProtocol.PURCHASE, px1, ExchangeState.RESOLVED, af);
        assertThat(new PurchaseJudge(trust).judge(new PurchaseEvidence(px1, Optional.of(goods.ciphertext()),
                Optional.of(px2), Optional.empty(), List.of(af), Optional.empty())).outcomes())
                .containsExactly(PurchaseOutcome.PAYMENT_VOID);
    }

    // --- semper-cm/1 ------------------------------------------------------------------------------------------

    @Test
    void certifiedMailHonestRun() throws Exception {
        SealedContent mail = world.sealMail();
        SignedStatement eoo = world.eoo(mail);
        FirstMessage seenByR = CertifiedMailChecks.eoo(trust, eoo, mail.ciphertext(), mail.ek());
        SignedStatement eor = world.eor(eoo);
        CertifiedMailChecks.eor(trust, seenByR, eor);
        SignedStatement eok = CertifiedMailMessages.eok(at(world.initiator, LATER), eoo, mail.key());
        byte[] key = CertifiedMailChecks.eok(trust, seenByR, eok);
        assertThat(CertifiedMailChecks.message(seenByR, key, mail.ciphertext())).isEqualTo(world.mail);
        assertThat(new CertifiedMailJudge(trust).judge(new CertifiedMailEvidence(eoo, Optional.of(mail.ciphertext()),
                Optional.of(eor), Optional.of(eok), List.of())).outcomes())
                .containsExactlyInAnyOrder(CertifiedMailOutcome.RECEIPT_PROVEN, CertifiedMailOutcome.ORIGIN_PROVEN);
    }

    @Test
    void certifiedMailAbortedByTheSenderVoidsALateReceipt() throws Exception {
        SealedContent mail = world.sealMail();
        SignedStatement eoo = world.eoo(mail);
        SignedStatement at = abort(eoo);
        SignedStatement eor = world.eor(eoo);
        assertThat(resolve(PartyRole.RESPONDER, eoo, eor, Optional.of(mail.ek()))).isEqualTo(at);
        statusIs(ExchangeProtocol.CERTIFIED_MAIL, eoo, ExchangeState.ABORTED, at);
        assertThat(new CertifiedMailJudge(trust).judge(new CertifiedMailEvidence(eoo, Optional.empty(), Optional.of(eor),
                Optional.empty(), List.of(at))).outcomes()).containsExactly(CertifiedMailOutcome.NOT_PROVEN);
    }

    @Test
    void certifiedMailResolvedByTheRecipientGivesBothTheirProof() throws Exception {
        SealedContent mail = world.sealMail();
        SignedStatement eoo = world.eoo(mail);
        SignedStatement eor = world.eor(eoo);           // S never sends EOK
        SignedStatement con = resolve(PartyRole.RESPONDER, eoo, eor, Optional.of(mail.ek()));
        FirstMessage first = FirstMessage.read(eoo);
        byte[] key = TtpToken.read(trust, first, con).key().orElseThrow();
        assertThat(CertifiedMailChecks.message(first, key, mail.ciphertext())).isEqualTo(world.mail);
        SignedStatement forSender = abort(eoo);          // S's abort gets CON, with R's receipt in it
        assertThat(forSender).isEqualTo(con);
        assertThat(Payloads.statement(forSender.payload(), "eor")).isEqualTo(eor);
        statusIs(ExchangeProtocol.CERTIFIED_MAIL, eoo, ExchangeState.RESOLVED, con);
        CertifiedMailJudge judge = new CertifiedMailJudge(trust);
        assertThat(judge.judge(new CertifiedMailEvidence(eoo, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(forSender))).outcomes()).containsExactly(CertifiedMailOutcome.RECEIPT_PROVEN);
        assertThat(judge.judge(new CertifiedMailEvidence(eoo, Optional.of(mail.ciphertext()), Optional.of(eor),
                Optional.empty(), List.of(con))).outcomes())
                .containsExactlyInAnyOrder(CertifiedMailOutcome.RECEIPT_PROVEN, CertifiedMailOutcome.ORIGIN_PROVEN);
    }

    @Test
    void certifiedMailWithABogusEscrowEndsInAnAffidavit() throws Exception {
        SealedContent real = world.sealMail();
        SealedContent mail = new SealedContent(real.key(), real.ciphertext(), EscrowOpening.seal(
                world.escrowKey.getPublic(), Hashes.random32(), FirstMessage.read(world.eoo(real)).escrowLabel()),
                real.hashPlain(), real.hashCipher(), real.keyCommit());
        SignedStatement eoo = world.eoo(mail);
        SignedStatement eor = world.eor(eoo);
        SignedStatement af = resolve(PartyRole.RESPONDER, eoo, eor, Optional.of(mail.ek()));
        assertThat(af.payload().get("detail").asText()).isEqualTo("key-commit-mismatch");
        assertThat(new CertifiedMailJudge(trust).judge(new CertifiedMailEvidence(eoo, Optional.empty(), Optional.of(eor),
                Optional.empty(), List.of(af))).outcomes()).containsExactly(CertifiedMailOutcome.NOT_PROVEN);
    }
}
