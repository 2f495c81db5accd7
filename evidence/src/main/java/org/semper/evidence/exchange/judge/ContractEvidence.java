package org.semper.evidence.exchange.judge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;

/** What the parties of a {@code semper-cs/1} exchange put before a judge; {@code tokens} are the TTP's (AT, RC). */
public record ContractEvidence(SignedStatement me1, Optional<SignedStatement> me2, Optional<SignedStatement> me3,
        Optional<SignedStatement> me4, List<SignedStatement> tokens) {
    public ContractEvidence {
        Objects.requireNonNull(me1, "me1");
        tokens = List.copyOf(tokens);
    }
}
