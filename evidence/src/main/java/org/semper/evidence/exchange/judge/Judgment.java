package org.semper.evidence.exchange.judge;

import java.util.List;
import java.util.Set;

/** The outcomes a judge found for one exchange, and the reasons in the order it found them. */
public record Judgment<O extends Enum<O>>(Set<O> outcomes, List<JudgeReason> reasons) {
    public Judgment {
        outcomes = Set.copyOf(outcomes);
        reasons = List.copyOf(reasons);
    }

    public boolean has(O outcome) {
        return outcomes.contains(outcome);
    }

    /** The reasons given under {@code rule}. */
    public List<JudgeReason> reasons(String rule) {
        return reasons.stream().filter(r -> r.rule().equals(rule)).toList();
    }
}
