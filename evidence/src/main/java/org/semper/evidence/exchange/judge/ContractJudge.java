package org.semper.evidence.exchange.judge;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.cs.ContractChecks;

/**
 * The judge rules of {@code semper-cs/1} ({@code docs/protocols.md} §8.1), a pure function of the evidence and the
 * {@link StatementTrust} (deterministic when its validator's clock is fixed and it fetches nothing).
 */
public final class ContractJudge {
    private final StatementTrust trust;

    public ContractJudge(StatementTrust trust) {
        this.trust = trust;
    }

    public Judgment<ContractOutcome> judge(ContractEvidence evidence) {
        Hearing hearing = new Hearing(trust);
        Set<ContractOutcome> outcomes = EnumSet.noneOf(ContractOutcome.class);
        Optional<FirstMessage> me1 = hearing.admit("me1", evidence.me1(), () -> ContractChecks.me1(trust, evidence.me1()));
        if (me1.isEmpty()) {
            hearing.note("cs-5", "without a valid me1 there is no exchange to judge", evidence.me1().id());
            return new Judgment<>(EnumSet.of(ContractOutcome.NOT_PROVEN), hearing.reasons);
        }
        FirstMessage first = me1.get();
        boolean standard = false;
        if (evidence.me2().isPresent() && evidence.me3().isPresent() && evidence.me4().isPresent()) {
            standard = hearing.admit("the standard contract", evidence.me1(), () -> ContractChecks.standardContract(trust,
                    evidence.me1(), evidence.me2().get(), evidence.me3().get(), evidence.me4().get())).isPresent();
        }
        Hearing.Tokens tokens = hearing.tokens(first, evidence.tokens());
        if (hearing.contradiction("cs-4", tokens)) {
            outcomes.add(ContractOutcome.TTP_MISBEHAVED);
        }
        if (standard) {
            hearing.note("cs-1", "a valid standard contract (me1..me4) binds both parties", evidence.me1().id(),
                    evidence.me2().get().id(), evidence.me3().get().id(), evidence.me4().get().id());
            tokens.firstAbort().ifPresent(at -> hearing.note("cs-3", "the abort token does not void the standard "
                    + "contract: the originator released me3 itself", at.statement().id(), evidence.me3().get().id()));
            outcomes.add(ContractOutcome.CONTRACT_BINDS);
        } else if (!outcomes.contains(ContractOutcome.TTP_MISBEHAVED) && tokens.firstResolution().isPresent()) {
            hearing.note("cs-1", "the TTP's replacement contract binds both parties",
                    tokens.firstResolution().get().statement().id());
            outcomes.add(ContractOutcome.CONTRACT_BINDS);
        } else if (!outcomes.contains(ContractOutcome.TTP_MISBEHAVED) && tokens.firstAbort().isPresent()) {
            hearing.note("cs-2", "an abort token and no standard contract: there is no contract",
                    tokens.firstAbort().get().statement().id());
            outcomes.add(ContractOutcome.NO_CONTRACT);
        } else if (outcomes.isEmpty()) {
            hearing.note("cs-5", "neither a standard contract, nor a replacement contract, nor an abort token",
                    evidence.me1().id());
            outcomes.add(ContractOutcome.NOT_PROVEN);
        }
        return new Judgment<>(outcomes, hearing.reasons);
    }
}
