package org.semper.evidence.exchange.cs;

import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.exchange.Hashes;

/** The contract {@code me1} carries: its media type and either its text or {@code h(text)}. */
public record ContractTerms(String mediaType, Optional<String> text, Optional<String> sha256) {
    public ContractTerms {
        Objects.requireNonNull(mediaType, "mediaType");
        if (text.isPresent() == sha256.isPresent()) {
            throw new IllegalArgumentException("a contract is given by exactly one of its text and its hash");
        }
    }

    public static ContractTerms text(String mediaType, String text) {
        return new ContractTerms(mediaType, Optional.of(text), Optional.empty());
    }

    /** A contract named by {@code h(document)}, the document itself exchanged elsewhere. */
    public static ContractTerms hashed(String mediaType, byte[] document) {
        return new ContractTerms(mediaType, Optional.empty(), Optional.of(Hashes.h(document)));
    }
}
