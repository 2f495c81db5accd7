package org.semper.evidence.exchange;

import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

/** Party side: builds abort and resolve requests ({@code docs/protocols.md} §5). */
public final class ExchangeRequests {
    private ExchangeRequests() {
    }

    /** The initiator's abort: {@code Sig{msg: "abort-request", <back-reference>: H(first)}} with the first message. */
    public static AbortRequest abort(StatementSigner signer, SignedStatement first) {
        ExchangeProtocol protocol = protocolOf(first);
        SignedStatement request = signer.sign(protocol.type(Labels.ABORT_REQUEST),
                Payloads.start(protocol, Labels.ABORT_REQUEST).put(protocol.backReference(), first.id()));
        return new AbortRequest(protocol, first, request);
    }

    /**
     * A party's resolve: {@code Sig{msg: "resolve-request", <back-reference>: H(first), <second>: H(second)}} with
     * the first message, the responder's answer and, in px and cm, the escrow.
     */
    public static ResolveRequest resolve(StatementSigner signer, SignedStatement first, SignedStatement second,
            Optional<byte[]> ek) {
        ExchangeProtocol protocol = protocolOf(first);
        SignedStatement request = signer.sign(protocol.type(Labels.RESOLVE_REQUEST),
                Payloads.start(protocol, Labels.RESOLVE_REQUEST).put(protocol.backReference(), first.id())
                        .put(protocol.secondReference(), second.id()));
        return new ResolveRequest(protocol, first, second, ek, request);
    }

    private static ExchangeProtocol protocolOf(SignedStatement first) {
        String tag = first.payload().path("protocol").asText();
        return ExchangeProtocol.fromId(tag).orElseThrow(() -> new IllegalArgumentException(
                "not an exchange message: protocol " + tag));
    }
}
