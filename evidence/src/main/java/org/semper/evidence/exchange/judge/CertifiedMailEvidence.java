package org.semper.evidence.exchange.judge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;

/** What the parties of a {@code semper-cm/1} exchange put before a judge; {@code tokens}: AT, CON, AF. */
public record CertifiedMailEvidence(SignedStatement eoo, Optional<byte[]> ciphertext, Optional<SignedStatement> eor,
        Optional<SignedStatement> eok, List<SignedStatement> tokens) {
    public CertifiedMailEvidence {
        Objects.requireNonNull(eoo, "eoo");
        ciphertext = ciphertext.map(byte[]::clone);
        tokens = List.copyOf(tokens);
    }

    @Override
    public Optional<byte[]> ciphertext() {
        return ciphertext.map(byte[]::clone);
    }
}
