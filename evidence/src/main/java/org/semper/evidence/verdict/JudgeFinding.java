package org.semper.evidence.verdict;

import java.util.List;
import java.util.Optional;

/**
 * What a judge rule found: the facts it established, the facts it would need but the case file lacks, and notes
 * explaining why a fact could not be established (e.g. "the statements signed with the certificate are invalid").
 */
public record JudgeFinding(List<Fact> facts, List<MissingFact> missing, List<Reason> notes) {
    public JudgeFinding {
        facts = List.copyOf(facts);
        missing = List.copyOf(missing);
        notes = List.copyOf(notes);
    }

    public JudgeFinding(List<Fact> facts, List<MissingFact> missing) {
        this(facts, missing, List.of());
    }

    public Optional<Fact> fact(FactKind kind) {
        return facts.stream().filter(f -> f.kind() == kind).findFirst();
    }
}
