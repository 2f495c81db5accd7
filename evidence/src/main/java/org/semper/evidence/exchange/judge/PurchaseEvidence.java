package org.semper.evidence.exchange.judge;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;

/**
 * What the parties of a {@code semper-px/1} exchange put before a judge: the messages, the ciphertext {@code c},
 * the TTP's tokens (AT, RC, AF), and, if the offer is in evidence, the goods hash it describes.
 */
public record PurchaseEvidence(SignedStatement px1, Optional<byte[]> ciphertext, Optional<SignedStatement> px2,
        Optional<SignedStatement> px3, List<SignedStatement> tokens, Optional<String> offeredGoodsHash) {
    public PurchaseEvidence {
        Objects.requireNonNull(px1, "px1");
        ciphertext = ciphertext.map(byte[]::clone);
        tokens = List.copyOf(tokens);
    }

    @Override
    public Optional<byte[]> ciphertext() {
        return ciphertext.map(byte[]::clone);
    }
}
