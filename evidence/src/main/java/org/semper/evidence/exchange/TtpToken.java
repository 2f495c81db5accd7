package org.semper.evidence.exchange;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A TTP token checked against its exchange: what parties check on the reply to an abort or resolve, and what a
 * judge checks before a token counts. {@link #read} checks, in order: protocol tag, label ({@code aborted},
 * {@code resolved}/{@code key-released}, {@code affidavit}, {@code status}) and {@code typ}; members;
 * {@code exchange = X} ({@code not-bound}); signed with the certificate the first message names for the TTP
 * ({@code wrong-ttp}); for resolve tokens the embedded statements (cs: {@code me1} is the first message and
 * {@code me2} a valid answer; px: {@code payment} a valid px2; cm: {@code eor} a valid EOR) and the key
 * ({@code h(K) = keyCommit}, {@code bad-key}); and last the token's signature.
 *
 * @param kind the token's state: {@link ExchangeState#ABORTED} for {@code aborted}, {@link ExchangeState#RESOLVED}
 *             for resolve tokens and affidavits, {@link ExchangeState#NONE} for a status
 * @param key  the released key (px {@code resolved}, cm {@code key-released})
 */
public record TtpToken(String label, ExchangeState kind, SignedStatement statement, ObjectNode payload,
        Optional<byte[]> key) {

    public boolean isAbort() {
        return Labels.ABORTED.equals(label);
    }

    public boolean isAffidavit() {
        return Labels.AFFIDAVIT.equals(label);
    }

    /** A resolve token that is not an affidavit: cs/px {@code resolved}, cm {@code key-released}. */
    public boolean isResolution() {
        return kind == ExchangeState.RESOLVED && !isAffidavit();
    }

    public static TtpToken read(StatementTrust trust, FirstMessage first, SignedStatement token)
            throws ExchangeRejection {
        ExchangeProtocol protocol = first.protocol();
        String label = Payloads.text(token.payload(), "msg");
        Set<String> members = new HashSet<>(Set.of("protocol", "msg", "exchange", "time"));
        Set<String> optional = Set.of();
        ExchangeState kind = ExchangeState.RESOLVED;
        if (label.equals(Labels.ABORTED)) {
            kind = ExchangeState.ABORTED;
            members.add("request");
        } else if (label.equals(protocol.resolvedLabel())) {
            members.add("request");
            members.addAll(switch (protocol) {
                case CONTRACT_SIGNING -> Set.of("me1", "me2");
                case PURCHASE -> Set.of("key", "payment");
                case CERTIFIED_MAIL -> Set.of("key", "eor");
            });
        } else if (label.equals(Labels.AFFIDAVIT)) {
            members.addAll(Set.of("request", "finding", "detail", "ek"));
        } else if (label.equals(Labels.STATUS)) {
            kind = ExchangeState.NONE;
            members.add("state");
            optional = Set.of("token");
        } else {
            throw new ExchangeRejection(ExchangeReason.WRONG_LABEL, "\"" + label + "\" is not a token of " + protocol.id());
        }
        ObjectNode payload = Payloads.expect(token, protocol, label);
        Payloads.members(payload, label, members, optional);
        Payloads.time(payload, "time");
        String exchange = Payloads.digest(payload, "exchange");
        if (!exchange.equals(first.exchange().value())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, label + " is about exchange " + exchange + ", not " + first.exchange());
        }
        if (!Hashes.fingerprint(token.signerCertificate()).equals(first.ttp().certSha256())) {
            throw new ExchangeRejection(ExchangeReason.WRONG_TTP, label + " is not signed by the TTP "
                    + protocol.firstLabel() + " names");
        }
        Optional<byte[]> key = Optional.empty();
        if (label.equals(protocol.resolvedLabel())) {
            key = readResolution(trust, first, payload);
        }
        SignatureChecks.require(trust, token, label);
        return new TtpToken(label, kind, token, payload, key);
    }

    private static Optional<byte[]> readResolution(StatementTrust trust, FirstMessage first, ObjectNode payload)
            throws ExchangeRejection {
        ExchangeProtocol protocol = first.protocol();
        if (protocol == ExchangeProtocol.CONTRACT_SIGNING) {
            if (!Payloads.statement(payload, "me1").id().equals(first.exchange().value())) {
                throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "the resolve token embeds another me1");
            }
        }
        String member = switch (protocol) {
            case CONTRACT_SIGNING -> "me2";
            case PURCHASE -> "payment";
            case CERTIFIED_MAIL -> "eor";
        };
        SignedStatement second = Payloads.statement(payload, member);
        SecondMessage.read(first, second);
        SignatureChecks.require(trust, second, protocol.secondLabel());
        return protocol.usesEscrow() ? Optional.of(ReleasedKey.read(first, payload)) : Optional.empty();
    }
}
