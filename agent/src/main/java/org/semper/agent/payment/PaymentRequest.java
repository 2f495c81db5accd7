package org.semper.agent.payment;

import java.util.Objects;

import org.semper.evidence.exchange.Hashes;

/**
 * What is to be paid, in the terms of an ISO 20022 credit transfer: the instructed amount (minor units) and
 * currency, the creditor (payee) and debtor (payer) with their certificate fingerprints, and the remittance
 * information and end-to-end id, both the exchange id {@code X = H(px1)} the payment is for.
 */
public record PaymentRequest(long amount, String currency, Party creditor, Party debtor, String remittance) {
    /** A party to a payment: a name for people and the certificate fingerprint that identifies it. */
    public record Party(String name, String fingerprint) {
        public Party {
            Objects.requireNonNull(name, "name");
            if (!Hashes.isDigest(fingerprint)) {
                throw new IllegalArgumentException("a party is named by its certificate fingerprint");
            }
        }
    }

    public PaymentRequest {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(creditor, "creditor");
        Objects.requireNonNull(debtor, "debtor");
        if (amount <= 0 || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("a payment is a positive amount in minor units of an ISO 4217 currency");
        }
        if (!Hashes.isDigest(remittance)) {
            throw new IllegalArgumentException("the remittance information is the exchange id");
        }
    }
}
