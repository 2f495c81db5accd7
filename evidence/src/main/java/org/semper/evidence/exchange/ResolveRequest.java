package org.semper.evidence.exchange;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a party sends a TTP to resolve an exchange: the first message, the responder's answer, the signed resolve
 * request and, in px and cm, the escrow {@code ek} (base64url):
 * {@code {"protocol": "semper-px/1", "px1": <statement>, "px2": <statement>, "ek": "<b64u>", "request": <statement>}}.
 * Parsing checks the form only; {@link TtpRequestVerifier} the rest.
 */
public record ResolveRequest(ExchangeProtocol protocol, SignedStatement first, SignedStatement second,
        Optional<byte[]> ek, SignedStatement request) {
    public ResolveRequest {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(request, "request");
        ek = Objects.requireNonNull(ek, "ek").map(byte[]::clone);
        if (ek.isPresent() != protocol.usesEscrow()) {
            throw new IllegalArgumentException(protocol.id() + (protocol.usesEscrow() ? " needs" : " has no") + " ek");
        }
    }

    /**
     * @throws ExchangeRejection {@code malformed} if it is not such an envelope, {@code wrong-protocol} if the
     *                           protocol is unknown
     */
    public static ResolveRequest parse(byte[] json) throws ExchangeRejection {
        ObjectNode envelope = Envelopes.read(json);
        ExchangeProtocol protocol = Envelopes.protocol(envelope);
        Set<String> members = protocol.usesEscrow()
                ? Set.of("protocol", protocol.firstLabel(), protocol.secondLabel(), "ek", "request")
                : Set.of("protocol", protocol.firstLabel(), protocol.secondLabel(), "request");
        Payloads.members(envelope, "resolve request", members, Set.of());
        Optional<byte[]> ek = protocol.usesEscrow() ? Optional.of(Payloads.bytes(envelope, "ek")) : Optional.empty();
        return new ResolveRequest(protocol, Payloads.statement(envelope, protocol.firstLabel()),
                Payloads.statement(envelope, protocol.secondLabel()), ek, Payloads.statement(envelope, "request"));
    }

    public String toJson() {
        ObjectNode envelope = Payloads.object().put("protocol", protocol.id());
        envelope.set(protocol.firstLabel(), Payloads.json(first));
        envelope.set(protocol.secondLabel(), Payloads.json(second));
        ek.ifPresent(bytes -> envelope.put("ek", Hashes.b64u(bytes)));
        envelope.set("request", Payloads.json(request));
        return Envelopes.write(envelope);
    }

    @Override
    public Optional<byte[]> ek() {
        return ek.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ResolveRequest that && toJson().equals(that.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "ResolveRequest[" + protocol.id() + ", " + first.id() + ", ek=" + ek.map(b -> b.length + " bytes")
                .orElse("none") + "]";
    }

}
