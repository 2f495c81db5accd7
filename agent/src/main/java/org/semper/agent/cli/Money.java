package org.semper.agent.cli;

import java.math.BigDecimal;
import java.util.Currency;

import org.semper.evidence.exchange.px.Price;

import picocli.CommandLine.ITypeConverter;

/** {@code 19.99 EUR} (or {@code 19.99EUR}, {@code EUR 19.99}) as a price in minor units. */
final class Money implements ITypeConverter<Price> {
    @Override
    public Price convert(String text) {
        String[] parts = text.strip().replaceAll("([0-9])([A-Za-z])", "$1 $2").replaceAll("([A-Za-z])([0-9])", "$1 $2")
                .split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("write a price as '19.99 EUR'");
        }
        boolean amountFirst = Character.isDigit(parts[0].charAt(0));
        String amount = amountFirst ? parts[0] : parts[1];
        String currency = (amountFirst ? parts[1] : parts[0]).toUpperCase(java.util.Locale.ROOT);
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 currency code");
        }
        try {
            return new Price(new BigDecimal(amount).movePointRight(digits).longValueExact(), currency);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + amount + "' is not an amount in " + currency + " (at most "
                    + digits + " decimals)");
        }
    }
}
