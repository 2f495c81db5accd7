package org.semper.evidence.exchange;

import java.util.Objects;
import java.util.Set;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the initiator sends a TTP to abort an exchange: the first message and its signed abort request, as
 * {@code {"protocol": "semper-cs/1", "me1": <statement>, "request": <statement>}} (the first message under its
 * label: {@code me1}, {@code px1}, {@code eoo}). Parsing checks the form only; {@link TtpRequestVerifier} the rest.
 */
public record AbortRequest(ExchangeProtocol protocol, SignedStatement first, SignedStatement request) {
    public AbortRequest {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(request, "request");
    }

    /**
     * @throws ExchangeRejection {@code malformed} if it is not such an envelope, {@code wrong-protocol} if the
     *                           protocol is unknown
     */
    public static AbortRequest parse(byte[] json) throws ExchangeRejection {
        ObjectNode envelope = Envelopes.read(json);
        ExchangeProtocol protocol = Envelopes.protocol(envelope);
        Payloads.members(envelope, "abort request", Set.of("protocol", protocol.firstLabel(), "request"), Set.of());
        return new AbortRequest(protocol, Payloads.statement(envelope, protocol.firstLabel()),
                Payloads.statement(envelope, "request"));
    }

    public String toJson() {
        ObjectNode envelope = Payloads.object().put("protocol", protocol.id());
        envelope.set(protocol.firstLabel(), Payloads.json(first));
        envelope.set("request", Payloads.json(request));
        return Envelopes.write(envelope);
    }
}
