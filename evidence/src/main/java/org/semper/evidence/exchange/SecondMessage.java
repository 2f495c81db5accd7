package org.semper.evidence.exchange;

import java.util.Set;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The responder's answer a resolve rests on ({@code me2}, {@code px2}, {@code eor}), checked against the first
 * message: its label and members, its back-reference to {@code H(first)}, a signature claimed by the responder,
 * and in px a payment of the stated price to the merchant.
 */
public final class SecondMessage {
    private SecondMessage() {
    }

    /** The payload of {@code second} if it answers {@code first}; throws the reason otherwise. */
    public static ObjectNode read(FirstMessage first, SignedStatement second) throws ExchangeRejection {
        ExchangeProtocol protocol = first.protocol();
        String what = protocol.secondLabel();
        ObjectNode payload = Payloads.expect(second, protocol, what);
        String back = protocol.backReference();
        switch (protocol) {
            case CONTRACT_SIGNING -> {
                Payloads.members(payload, what, Set.of("protocol", "msg", back, "commitR"), Set.of());
                Payloads.digest(payload, "commitR");
            }
            case PURCHASE -> Payloads.members(payload, what, Set.of("protocol", "msg", back, "payment"), Set.of());
            case CERTIFIED_MAIL -> Payloads.members(payload, what, Set.of("protocol", "msg", back), Set.of());
        }
        requireBound(first, payload, what);
        if (!first.responder().equals(Hashes.fingerprint(second.signerCertificate()))) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, what + " is not signed by the "
                    + protocol.partyMember(PartyRole.RESPONDER) + " named in " + protocol.firstLabel());
        }
        if (protocol == ExchangeProtocol.PURCHASE) {
            checkPayment(first, payload.get("payment"));
        }
        return payload;
    }

    /** Refuses a payload whose back-reference is not {@code H(first)} ({@code not-bound}). */
    public static void requireBound(FirstMessage first, JsonNode payload, String what) throws ExchangeRejection {
        String back = first.protocol().backReference();
        String reference = Payloads.digest(payload, back);
        if (!reference.equals(first.exchange().value())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, what + " refers to " + back + " " + reference
                    + ", not to this exchange " + first.exchange());
        }
    }

    // px §2: the payment must be the price M signed in x1, to M; B's signature on px2 is the authorisation.
    private static void checkPayment(FirstMessage first, JsonNode payment) throws ExchangeRejection {
        Payloads.members(payment, "payment", Set.of("amount", "currency", "payee"), Set.of());
        JsonNode price = first.payload().get("price");
        long amount = Payloads.positiveInteger(payment, "amount");
        if (amount != price.get("amount").longValue()
                || !Payloads.text(payment, "currency").equals(price.get("currency").textValue())) {
            throw new ExchangeRejection(ExchangeReason.PAYMENT_MISMATCH, "px2 pays " + amount + " "
                    + payment.get("currency").textValue() + ", px1 asks " + price);
        }
        if (!Payloads.digest(payment, "payee").equals(first.initiator())) {
            throw new ExchangeRejection(ExchangeReason.PAYMENT_MISMATCH, "px2 pays another payee than the merchant");
        }
    }
}
