package org.semper.agent.payment;

import java.util.Objects;

/**
 * What the payer hands over beside px2: the scheme's instrument (for the cheque, the payment order signed by the
 * payer), its id, and the request it pays.
 *
 * @param mediaType how the bytes are to be read ({@code application/jose+json} for a cheque)
 */
public record PaymentInstrument(String scheme, String id, String mediaType, byte[] bytes, PaymentRequest request) {
    public PaymentInstrument {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(request, "request");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
