package org.semper.evidence.exchange;

import java.util.Objects;

import org.semper.evidence.statement.SignedStatement;

/**
 * The id of an exchange: {@code H(first message)} ({@code H(me1)}, {@code H(x1)}, {@code H(EOO)}), base64url,
 * the key of the TTP's one decision per exchange.
 */
public record ExchangeId(String value) {
    public ExchangeId {
        Objects.requireNonNull(value, "value");
        if (!Hashes.isDigest(value)) {
            throw new IllegalArgumentException("an exchange id is a base64url SHA-256 value (43 characters)");
        }
    }

    /** The id of the exchange that {@code first} starts. */
    public static ExchangeId of(SignedStatement first) {
        return new ExchangeId(first.id());
    }

    @Override
    public String toString() {
        return value;
    }
}
