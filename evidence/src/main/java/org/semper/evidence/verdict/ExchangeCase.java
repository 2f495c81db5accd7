package org.semper.evidence.verdict;

import java.util.Objects;

/** The exchange a claim is about (its id {@code H(first message)}) and the checked evidence of the case. */
public record ExchangeCase(String protocol, String exchange, CaseEvidence evidence) {
    public ExchangeCase {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(evidence, "evidence");
    }
}
