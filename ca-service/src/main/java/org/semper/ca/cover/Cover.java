package org.semper.ca.cover;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * The liability cover a certificate states: {@code amount × 10^exponent} units of {@code currency}, as in the ETSI
 * EN 319 412-5 {@code QcEuLimitValue} statement ({@code MonetaryValue}).
 *
 * @param currency ISO 4217 alphabetic code, e.g. {@code EUR}
 * @param amount   non-negative amount
 * @param exponent power of ten the amount is multiplied by
 */
public record Cover(String currency, int amount, int exponent) {

    public Cover {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("Cover currency must be an ISO 4217 alphabetic code, not " + currency);
        }
        Currency.getInstance(currency); // rejects unknown codes
        if (amount < 0) {
            throw new IllegalArgumentException("Cover amount must not be negative");
        }
    }

    /** The cover as a decimal value in {@code currency}. */
    public BigDecimal value() {
        return BigDecimal.valueOf(amount).scaleByPowerOfTen(exponent);
    }

    @Override
    public String toString() {
        return value().toPlainString() + " " + currency;
    }
}
