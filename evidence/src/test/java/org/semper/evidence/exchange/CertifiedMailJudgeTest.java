package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.judge.CertifiedMailEvidence;
import org.semper.evidence.exchange.judge.CertifiedMailJudge;
import org.semper.evidence.exchange.judge.CertifiedMailOutcome;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.statement.SignedStatement;

/** docs/protocols.md §8.3, rule by rule. */
class CertifiedMailJudgeTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final CertifiedMailJudge judge = new CertifiedMailJudge(world.judgeTrust());
    private final SealedContent sealed = world.sealMail();
    private final SignedStatement eoo = world.eoo(sealed);
    private final SignedStatement eor = world.eor(eoo);
    private final SignedStatement eok = CertifiedMailMessages.eok(at(world.initiator, LATER), eoo, sealed.key());

    private Judgment<CertifiedMailOutcome> judge(Optional<byte[]> c, Optional<SignedStatement> receipt,
            Optional<SignedStatement> key, SignedStatement... tokens) {
        return judge.judge(new CertifiedMailEvidence(eoo, c, receipt, key, List.of(tokens)));
    }

    private SignedStatement con() throws ExchangeRejection {
        return world.resolveToken(eoo, eor, Optional.of(sealed.ek()));
    }

    private SignedStatement abortToken() throws ExchangeRejection {
        return world.abortToken(eoo);
    }

    @Test
    void cm1AndCm2ReceiptAndOriginFromTheDirectExchange() {
        Judgment<CertifiedMailOutcome> judgment = judge(Optional.of(sealed.ciphertext()), Optional.of(eor),
                Optional.of(eok));
        assertThat(judgment.outcomes()).containsExactlyInAnyOrder(CertifiedMailOutcome.RECEIPT_PROVEN,
                CertifiedMailOutcome.ORIGIN_PROVEN);
        assertThat(judgment.reasons("cm-1").get(0).evidence()).containsExactly(eor.id(), eok.id());
    }

    @Test
    void cm1TheKeyReleasedTokenAloneGivesTheSenderItsProofOfReceipt() throws Exception {
        SignedStatement con = con();
        Judgment<CertifiedMailOutcome> judgment = judge(Optional.empty(), Optional.empty(), Optional.empty(), con);
        assertThat(judgment.outcomes()).containsExactly(CertifiedMailOutcome.RECEIPT_PROVEN);
        assertThat(judgment.reasons("cm-1").get(0).evidence()).containsExactly(eor.id(), con.id());
    }

    @Test
    void cm2OriginNeedsTheCiphertextThatTheKeyOpens() {
        assertThat(judge(Optional.of(sealed.ciphertext()), Optional.empty(), Optional.of(eok)).outcomes())
                .containsExactly(CertifiedMailOutcome.ORIGIN_PROVEN);
        assertThat(judge(Optional.of(world.sealMail().ciphertext()), Optional.empty(), Optional.of(eok)).outcomes())
                .containsExactly(CertifiedMailOutcome.NOT_PROVEN);
    }

    @Test
    void cm3AnAbortTokenOrAnAffidavitVoidsTheReceipt() throws Exception {
        SignedStatement at = abortToken();
        Judgment<CertifiedMailOutcome> judgment = judge(Optional.of(sealed.ciphertext()), Optional.of(eor),
                Optional.of(eok), at);
        assertThat(judgment.outcomes()).containsExactly(CertifiedMailOutcome.ORIGIN_PROVEN);
        assertThat(judgment.reasons("cm-3").get(0).evidence()).containsExactly(at.id(), eor.id());

        SealedContent bogus = new SealedContent(sealed.key(), sealed.ciphertext(), new byte[EscrowOpening.ESCROW_LENGTH],
                sealed.hashPlain(), sealed.hashCipher(), sealed.keyCommit());
        SignedStatement bogusEoo = world.eoo(bogus);
        SignedStatement bogusEor = world.eor(bogusEoo);
        SignedStatement af = world.resolveToken(bogusEoo, bogusEor, Optional.of(bogus.ek()));
        SignedStatement bogusEok = CertifiedMailMessages.eok(at(world.initiator, LATER), bogusEoo, sealed.key());
        Judgment<CertifiedMailOutcome> voided = judge.judge(new CertifiedMailEvidence(bogusEoo, Optional.empty(),
                Optional.of(bogusEor), Optional.of(bogusEok), List.of(af)));
        assertThat(voided.outcomes()).containsExactly(CertifiedMailOutcome.NOT_PROVEN);
        assertThat(voided.reasons("cm-3")).hasSize(1);
    }

    @Test
    void cm4AnAbortAndAKeyReleasedTokenProveTheTtpMisbehaved() throws Exception {
        SignedStatement at = abortToken();
        SignedStatement con = con();
        Judgment<CertifiedMailOutcome> judgment = judge(Optional.empty(), Optional.empty(), Optional.empty(), con, at);
        assertThat(judgment.outcomes()).containsExactly(CertifiedMailOutcome.TTP_MISBEHAVED);
        assertThat(judgment.reasons("cm-4").get(0).evidence()).containsExactly(at.id(), con.id());
    }

    @Test
    void cm5AReceiptWithoutAKeyProvesNothing() {
        assertThat(judge(Optional.of(sealed.ciphertext()), Optional.of(eor), Optional.empty()).outcomes())
                .containsExactly(CertifiedMailOutcome.NOT_PROVEN);
    }
}
