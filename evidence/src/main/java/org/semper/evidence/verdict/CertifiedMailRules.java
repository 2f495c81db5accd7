package org.semper.evidence.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.judge.CertifiedMailEvidence;
import org.semper.evidence.exchange.judge.CertifiedMailJudge;
import org.semper.evidence.exchange.judge.CertifiedMailOutcome;
import org.semper.evidence.exchange.judge.JudgeReason;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.statement.SignedStatement;

/** {@code semper-cm/1}: EOO, EOR, EOK, the ciphertext and the TTP tokens before {@link CertifiedMailJudge}. */
final class CertifiedMailRules extends ExchangeRules {
    CertifiedMailRules() {
        super(ExchangeProtocol.CERTIFIED_MAIL, ItemRole.EOO);
    }

    @Override
    JudgeFinding judge(Hearing hearing, CaseItem first) {
        SignedStatement eoo = first.statement().orElseThrow();
        Optional<String> hashCipher = Optional.of(eoo.payload().path("hashCipher").asText());
        CertifiedMailEvidence evidence = new CertifiedMailEvidence(eoo, hearing.content(ItemRole.CIPHERTEXT, hashCipher),
                hearing.message(ItemRole.EOR), hearing.message(ItemRole.EOK), hearing.tokens());
        Judgment<CertifiedMailOutcome> judgment = new CertifiedMailJudge(hearing.trust).judge(evidence);
        List<Fact> facts = new ArrayList<>();
        if (judgment.has(CertifiedMailOutcome.RECEIPT_PROVEN)) {
            facts.add(hearing.fact(FactKind.RECEIPT_PROVED, judgment, "cm-1").needingTtpView());
        }
        if (!judgment.reasons("cm-3").isEmpty()) {
            facts.add(hearing.fact(FactKind.RECEIPT_VOID, judgment, "cm-3").needingTtpView());
        }
        if (judgment.has(CertifiedMailOutcome.ORIGIN_PROVEN)) {
            // cm-2 is noted for failures too; the proof is the last cm-2 reason.
            List<JudgeReason> origin = judgment.reasons("cm-2");
            JudgeReason proof = origin.get(origin.size() - 1);
            facts.add(Fact.of(FactKind.ORIGIN_PROVED, "cm-2: " + proof.text(), hearing.items(proof.evidence())));
        }
        if (judgment.has(CertifiedMailOutcome.TTP_MISBEHAVED)) {
            facts.add(hearing.fact(FactKind.TTP_MISBEHAVED, judgment, "cm-4").about(hearing.ttp(first)));
        }
        Set<String> factRules = judgment.has(CertifiedMailOutcome.ORIGIN_PROVEN)
                ? Set.of("cm-1", "cm-2", "cm-3", "cm-4") : Set.of("cm-1", "cm-3", "cm-4");
        return new JudgeFinding(facts, List.of(), hearing.notes(judgment, factRules));
    }
}
