package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.NOW;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.judge.ContractEvidence;
import org.semper.evidence.exchange.judge.ContractJudge;
import org.semper.evidence.exchange.judge.ContractOutcome;
import org.semper.evidence.exchange.judge.JudgeReason;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.statement.SignedStatement;

/** docs/protocols.md §8.1, rule by rule. */
class ContractJudgeTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final ContractJudge judge = new ContractJudge(world.judgeTrust());
    private final SignedStatement me1 = world.me1();
    private final SignedStatement me2 = world.me2(me1);
    private final SignedStatement me3 = world.me3(me1);
    private final SignedStatement me4 = world.me4(me1);

    private Judgment<ContractOutcome> judge(Optional<SignedStatement> m2, Optional<SignedStatement> m3,
            Optional<SignedStatement> m4, SignedStatement... tokens) {
        return judge.judge(new ContractEvidence(me1, m2, m3, m4, List.of(tokens)));
    }

    private SignedStatement abortToken() throws ExchangeRejection {
        return world.abortToken(me1);
    }

    private SignedStatement resolveToken() throws ExchangeRejection {
        return world.resolveToken(me1, me2, Optional.empty());
    }

    @Test
    void cs1AStandardContractBindsBothParties() {
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.of(me3), Optional.of(me4));
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.CONTRACT_BINDS);
        assertThat(judgment.reasons("cs-1")).singleElement().extracting(JudgeReason::evidence)
                .isEqualTo(List.of(me1.id(), me2.id(), me3.id(), me4.id()));
    }

    @Test
    void cs1AReplacementContractBindsBothParties() throws Exception {
        SignedStatement rc = resolveToken();
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.empty(), Optional.empty(), rc);
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.CONTRACT_BINDS);
        assertThat(judgment.reasons("cs-1").get(0).evidence()).containsExactly(rc.id());
    }

    @Test
    void cs2AnAbortTokenWithoutAStandardContractMeansNoContract() throws Exception {
        SignedStatement at = abortToken();
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.of(me3), Optional.empty(), at);
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.NO_CONTRACT);
        assertThat(judgment.reasons("cs-2").get(0).evidence()).containsExactly(at.id());
    }

    @Test
    void cs3AnAbortTokenDoesNotVoidAStandardContractTheOriginatorCompleted() throws Exception {
        SignedStatement at = abortToken();
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.of(me3), Optional.of(me4), at);
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.CONTRACT_BINDS);
        assertThat(judgment.reasons("cs-3").get(0).evidence()).containsExactly(at.id(), me3.id());
    }

    @Test
    void cs4AnAbortAndAResolveTokenForOneExchangeProveTheTtpMisbehaved() throws Exception {
        SignedStatement at = abortToken();
        SignedStatement rc = resolveToken();
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.empty(), Optional.empty(), at, rc);
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.TTP_MISBEHAVED);
        assertThat(judgment.reasons("cs-4").get(0).evidence()).containsExactly(at.id(), rc.id());
        Judgment<ContractOutcome> withContract = judge(Optional.of(me2), Optional.of(me3), Optional.of(me4), rc, at);
        assertThat(withContract.outcomes()).containsExactlyInAnyOrder(ContractOutcome.TTP_MISBEHAVED,
                ContractOutcome.CONTRACT_BINDS);
    }

    @Test
    void cs5NothingDecisiveProvesNothing() {
        assertThat(judge(Optional.of(me2), Optional.of(me3), Optional.empty()).outcomes())
                .containsExactly(ContractOutcome.NOT_PROVEN);
    }

    @Test
    void aWrongNonceBreaksTheStandardContract() {
        SignedStatement badMe4 = ContractMessages.me4(at(world.responder, LATER), me1, Hashes.random32(),
                Hashes.h(world.nonceO));
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.of(me3), Optional.of(badMe4));
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.NOT_PROVEN);
        assertThat(judgment.reasons(JudgeReason.INADMISSIBLE)).singleElement()
                .satisfies(r -> assertThat(r.text()).contains("bad-nonce"));
    }

    @Test
    void tokensOfAnotherTtpOrAnotherExchangeAreLeftOut() throws Exception {
        VerifiedAbort abort = world.verifier().verifyAbort(ExchangeRequests.abort(at(world.initiator, LATER), me1),
                world.self, NOW);
        SignedStatement byStranger = TtpTokens.aborted(abort, NOW).sign(at(world.stranger, NOW));
        SignedStatement otherMe1 = world.me1(world.initiator, world.self, Optional.of(NOW));
        VerifiedAbort other = world.verifier().verifyAbort(ExchangeRequests.abort(at(world.initiator, LATER), otherMe1),
                world.self, NOW);
        SignedStatement otherExchange = TtpTokens.aborted(other, NOW).sign(world.ttpSigner(NOW));
        Judgment<ContractOutcome> judgment = judge(Optional.of(me2), Optional.empty(), Optional.empty(), byStranger,
                otherExchange);
        assertThat(judgment.outcomes()).containsExactly(ContractOutcome.NOT_PROVEN);
        assertThat(judgment.reasons(JudgeReason.INADMISSIBLE)).extracting(JudgeReason::text)
                .anySatisfy(t -> assertThat(t).contains("wrong-ttp"))
                .anySatisfy(t -> assertThat(t).contains("not-bound"));
    }

    @Test
    void theJudgmentIsDeterministic() throws Exception {
        SignedStatement at = abortToken();
        assertThat(judge(Optional.of(me2), Optional.of(me3), Optional.of(me4), at))
                .isEqualTo(judge(Optional.of(me2), Optional.of(me3), Optional.of(me4), at));
    }
}
