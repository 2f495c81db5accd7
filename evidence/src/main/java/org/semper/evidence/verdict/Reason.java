package org.semper.evidence.verdict;

import java.util.List;
import java.util.Objects;

/** Why the verdict is what it is: a stable code, an explanation, and the bundle items it rests on. */
public record Reason(String code, String text, List<String> items) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        items = List.copyOf(items);
    }

    static Reason of(Fact fact) {
        return new Reason(fact.kind().code(), fact.text(), fact.items());
    }
}
