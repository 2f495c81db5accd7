package org.semper.evidence.exchange;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Payloads of the TTP's tokens ({@code docs/protocols.md} §6). Every token carries {@code protocol}, {@code msg},
 * {@code exchange} (the exchange id), {@code request} ({@code H} of the request that caused it, except status) and
 * {@code time}; its {@code typ} is {@code <protocol>/<msg>}.
 */
public final class TtpTokens {
    /** The affidavit's finding. */
    public static final String ESCROW_INVALID = "escrow-invalid";

    private TtpTokens() {
    }

    /** {@code AT = Sig_T{msg: "aborted", exchange, request: H(abort request), time}}. */
    public static TokenPayload aborted(VerifiedAbort abort, Instant time) {
        ObjectNode payload = start(abort.protocol(), Labels.ABORTED, abort.exchange(), abort.requestId(), time);
        return new TokenPayload(abort.protocol().type(Labels.ABORTED), payload);
    }

    /**
     * The contract-signing replacement contract {@code RC = Sig_T{msg: "resolved", exchange, me1, me2, request,
     * time}}, with {@code me1} and {@code me2} embedded as statements.
     */
    public static TokenPayload resolved(VerifiedResolve resolve, Instant time) {
        if (resolve.protocol() != ExchangeProtocol.CONTRACT_SIGNING) {
            throw new IllegalArgumentException(resolve.protocol().id() + " resolves with the escrowed key");
        }
        ObjectNode payload = start(resolve.protocol(), Labels.RESOLVED, resolve.exchange(), resolve.requestId(), time);
        payload.set("me1", Payloads.json(resolve.first().statement()));
        payload.set("me2", Payloads.json(resolve.second()));
        return new TokenPayload(resolve.protocol().type(Labels.RESOLVED), payload);
    }

    /**
     * The key-releasing resolve token: px {@code RC = Sig_T{msg: "resolved", exchange, key, payment: px2, request,
     * time}}; cm {@code CON = Sig_T{msg: "key-released", exchange, key, eor: EOR, request, time}} (px2 and EOR
     * embedded as statements, so the initiator gets them from the token).
     */
    public static TokenPayload resolved(VerifiedResolve resolve, byte[] key, Instant time) {
        if (!resolve.protocol().usesEscrow()) {
            throw new IllegalArgumentException("semper-cs/1 releases no key");
        }
        Objects.requireNonNull(key, "key");
        String label = resolve.protocol().resolvedLabel();
        ObjectNode payload = start(resolve.protocol(), label, resolve.exchange(), resolve.requestId(), time);
        payload.put("key", Hashes.b64u(key));
        payload.set(resolve.protocol() == ExchangeProtocol.PURCHASE ? "payment" : "eor",
                Payloads.json(resolve.second()));
        return new TokenPayload(resolve.protocol().type(label), payload);
    }

    /**
     * {@code AF = Sig_T{msg: "affidavit", exchange, finding: "escrow-invalid", detail, ek, request, time}}: the
     * escrow the initiator committed to does not give the key; the responder's px2/EOR is void.
     */
    public static TokenPayload affidavit(VerifiedResolve resolve, EscrowOutcome.Invalid invalid, Instant time) {
        ObjectNode payload = start(resolve.protocol(), Labels.AFFIDAVIT, resolve.exchange(), resolve.requestId(), time);
        payload.put("finding", ESCROW_INVALID);
        payload.put("detail", invalid.detail());
        payload.put("ek", Hashes.b64u(resolve.ek().orElseThrow()));
        return new TokenPayload(resolve.protocol().type(Labels.AFFIDAVIT), payload);
    }

    /** The token a resolve gives: {@link #resolved} for cs, else the key token or the affidavit by the escrow. */
    public static TokenPayload resolution(VerifiedResolve resolve, Optional<EscrowOutcome> escrow, Instant time) {
        if (!resolve.protocol().usesEscrow()) {
            return resolved(resolve, time);
        }
        EscrowOutcome outcome = escrow.orElseThrow(() -> new IllegalArgumentException(
                resolve.protocol().id() + " needs the escrow outcome"));
        if (outcome instanceof EscrowOutcome.Released released) {
            return resolved(resolve, released.key(), time);
        }
        return affidavit(resolve, (EscrowOutcome.Invalid) outcome, time);
    }

    /**
     * {@code Sig_T{msg: "status", exchange, state: none|aborted|resolved, [token: H(stored token)], time}}.
     *
     * @param token the id of the stored token; required unless the state is NONE
     */
    public static TokenPayload status(ExchangeProtocol protocol, ExchangeId exchange, ExchangeState state,
            Optional<String> token, Instant time) {
        if (token.isPresent() == (state == ExchangeState.NONE)) {
            throw new IllegalArgumentException("a status names the stored token exactly when there is one");
        }
        ObjectNode payload = Payloads.start(protocol, Labels.STATUS).put("exchange", exchange.value())
                .put("state", state.code()).put("time", Payloads.format(time));
        token.ifPresent(id -> payload.put("token", id));
        return new TokenPayload(protocol.type(Labels.STATUS), payload);
    }

    private static ObjectNode start(ExchangeProtocol protocol, String label, ExchangeId exchange, String request,
            Instant time) {
        return Payloads.start(protocol, label).put("exchange", exchange.value()).put("request", request)
                .put("time", Payloads.format(time));
    }
}
