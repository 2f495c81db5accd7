package org.semper.evidence.exchange.judge;

import java.util.List;
import java.util.Objects;

/**
 * One step of a judgment: the rule applied ({@code cs-1} ... as numbered in {@code docs/protocols.md} §8, or
 * {@code inadmissible} for an item left out), what it found, and the ids ({@code H(s)}) of the evidence items it
 * rests on.
 */
public record JudgeReason(String rule, String text, List<String> evidence) {
    public static final String INADMISSIBLE = "inadmissible";

    public JudgeReason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(text, "text");
        evidence = List.copyOf(evidence);
    }
}
