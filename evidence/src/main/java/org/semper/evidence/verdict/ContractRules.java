package org.semper.evidence.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.judge.ContractEvidence;
import org.semper.evidence.exchange.judge.ContractJudge;
import org.semper.evidence.exchange.judge.ContractOutcome;
import org.semper.evidence.exchange.judge.Judgment;

/** {@code semper-cs/1}: the case's me1..me4 and TTP tokens before {@link ContractJudge} (rules cs-1..cs-5). */
final class ContractRules extends ExchangeRules {
    ContractRules() {
        super(ExchangeProtocol.CONTRACT_SIGNING, ItemRole.ME1);
    }

    @Override
    JudgeFinding judge(Hearing hearing, CaseItem first) {
        ContractEvidence evidence = new ContractEvidence(first.statement().orElseThrow(), hearing.message(ItemRole.ME2),
                hearing.message(ItemRole.ME3), hearing.message(ItemRole.ME4), hearing.tokens());
        Judgment<ContractOutcome> judgment = new ContractJudge(hearing.trust).judge(evidence);
        List<Fact> facts = new ArrayList<>();
        if (judgment.has(ContractOutcome.CONTRACT_BINDS)) {
            Fact binds = hearing.fact(FactKind.CONTRACT_BINDS, judgment, "cs-1", "cs-3");
            // A standard contract (cs-1 on me1..me4) stands whatever token T issued; a replacement contract alone
            // could be contradicted by an abort token the other side holds.
            boolean standard = judgment.reasons("cs-1").stream().anyMatch(r -> r.evidence().size() == 4);
            facts.add(standard ? binds : binds.needingTtpView());
        }
        if (judgment.has(ContractOutcome.NO_CONTRACT)) {
            facts.add(hearing.fact(FactKind.NO_CONTRACT, judgment, "cs-2").needingTtpView());
        }
        if (judgment.has(ContractOutcome.TTP_MISBEHAVED)) {
            facts.add(hearing.fact(FactKind.TTP_MISBEHAVED, judgment, "cs-4").about(hearing.ttp(first)));
        }
        return new JudgeFinding(facts, List.of(), hearing.notes(judgment, Set.of("cs-1", "cs-2", "cs-3", "cs-4")));
    }
}
