package org.semper.agent.payment;

import java.util.Objects;

/**
 * A step of a payment after its authorisation: {@code captured} (the payee collected it) or {@code refunded}, with
 * the scheme's evidence of it (for the cheque, a statement signed by the payee).
 */
public record PaymentRecord(String kind, String id, String mediaType, byte[] bytes, String description) {
    public PaymentRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
