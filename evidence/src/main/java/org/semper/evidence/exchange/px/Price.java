package org.semper.evidence.exchange.px;

import java.util.Objects;

/** A price in minor units of an ISO 4217 currency (e.g. 1999 EUR = 19.99 EUR). */
public record Price(long amount, String currency) {
    public Price {
        Objects.requireNonNull(currency, "currency");
        if (amount <= 0 || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a price is a positive amount in minor units of an ISO 4217 currency");
        }
    }
}
