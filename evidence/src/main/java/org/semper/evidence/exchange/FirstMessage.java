package org.semper.evidence.exchange;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.semper.evidence.exchange.escrow.EscrowLabel;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The first message of an exchange ({@code me1}, {@code px1}, {@code eoo}), read and checked for form: its label,
 * exactly the members its protocol defines, and a signature claimed by the initiator it names (the signature itself
 * is checked by {@link SignatureChecks}). Its id is the exchange id.
 *
 * @param escrow     {@code h(ek)} (px, cm)
 * @param keyCommit  {@code h(K)} (px, cm)
 * @param hashCipher {@code h(c)} (px, cm)
 */
public record FirstMessage(ExchangeProtocol protocol, SignedStatement statement, ExchangeId exchange,
        String initiator, String responder, TtpIdentity ttp, Optional<Instant> deadline, Optional<String> hashCipher,
        Optional<String> escrow, Optional<String> keyCommit) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Set<String> OPTIONAL = Set.of("deadline");

    /** Reads {@code statement} as the first message of {@code protocol}. */
    public static FirstMessage read(SignedStatement statement, ExchangeProtocol protocol) throws ExchangeRejection {
        ObjectNode payload = Payloads.expect(statement, protocol, protocol.firstLabel());
        String what = protocol.firstLabel();
        Optional<String> hashCipher = Optional.empty();
        Optional<String> escrow = Optional.empty();
        Optional<String> keyCommit = Optional.empty();
        switch (protocol) {
            case CONTRACT_SIGNING -> {
                Payloads.members(payload, what, Set.of("protocol", "msg", "originator", "responder", "ttp", "contract",
                        "commitO"), OPTIONAL);
                readContract(payload.get("contract"));
                Payloads.digest(payload, "commitO");
            }
            case PURCHASE -> {
                Payloads.members(payload, what, Set.of("protocol", "msg", "merchant", "buyer", "ttp", "order", "price",
                        "goods", "escrow"), OPTIONAL);
                Payloads.digest(payload, "order");
                readPrice(payload.get("price"));
                JsonNode goods = payload.get("goods");
                Payloads.members(goods, "goods", Set.of("hashPlain", "hashCipher", "keyCommit"), Set.of());
                Payloads.digest(goods, "hashPlain");
                hashCipher = Optional.of(Payloads.digest(goods, "hashCipher"));
                keyCommit = Optional.of(Payloads.digest(goods, "keyCommit"));
                escrow = Optional.of(Payloads.digest(payload, "escrow"));
            }
            case CERTIFIED_MAIL -> {
                Payloads.members(payload, what, Set.of("protocol", "msg", "sender", "recipient", "ttp", "subject",
                        "hashCipher", "escrow", "keyCommit"), OPTIONAL);
                Payloads.text(payload, "subject");
                hashCipher = Optional.of(Payloads.digest(payload, "hashCipher"));
                keyCommit = Optional.of(Payloads.digest(payload, "keyCommit"));
                escrow = Optional.of(Payloads.digest(payload, "escrow"));
            }
        }
        String initiator = Payloads.digest(payload, protocol.partyMember(PartyRole.INITIATOR));
        String responder = Payloads.digest(payload, protocol.partyMember(PartyRole.RESPONDER));
        if (initiator.equals(responder)) {
            throw Payloads.malformed(what + " names the same certificate as both parties");
        }
        if (!initiator.equals(Hashes.fingerprint(statement.signerCertificate()))) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, what + " is not signed with the certificate of the "
                    + protocol.partyMember(PartyRole.INITIATOR) + " it names");
        }
        TtpIdentity ttp = TtpIdentity.fromJson(payload.get("ttp"));
        return new FirstMessage(protocol, statement, ExchangeId.of(statement), initiator, responder, ttp,
                Payloads.optionalTime(payload, "deadline"), hashCipher, escrow, keyCommit);
    }

    /** Reads {@code statement} as the first message of {@code protocol} and validates its signature. */
    public static FirstMessage readSigned(StatementTrust trust, SignedStatement statement, ExchangeProtocol protocol)
            throws ExchangeRejection {
        FirstMessage first = read(statement, protocol);
        SignatureChecks.require(trust, statement, protocol.firstLabel());
        return first;
    }

    /**
     * What the responder receives with a px1 or EOO: {@code h(c) = hashCipher} ({@code content-mismatch}) and
     * {@code h(ek) = escrow} ({@code escrow-mismatch}).
     */
    public void requireDelivery(byte[] c, byte[] ek) throws ExchangeRejection {
        String what = protocol.firstLabel();
        if (!Hashes.h(c).equals(hashCipher.orElseThrow())) {
            throw new ExchangeRejection(ExchangeReason.CONTENT_MISMATCH, "h(c) is not the hashCipher of " + what);
        }
        if (!Hashes.h(ek).equals(escrow.orElseThrow())) {
            throw new ExchangeRejection(ExchangeReason.ESCROW_MISMATCH, "h(ek) is not the escrow of " + what);
        }
    }

    /** Reads a statement of unknown protocol as a first message, by its {@code protocol} tag. */
    public static FirstMessage read(SignedStatement statement) throws ExchangeRejection {
        String tag = Payloads.text(statement.payload(), "protocol");
        ExchangeProtocol protocol = ExchangeProtocol.fromId(tag).orElseThrow(() -> new ExchangeRejection(
                ExchangeReason.WRONG_PROTOCOL, "unknown protocol " + tag));
        return read(statement, protocol);
    }

    /** The role of the holder of {@code certificate} in this exchange, if it is a party. */
    public Optional<PartyRole> role(X509Certificate certificate) {
        String fingerprint = Hashes.fingerprint(certificate);
        if (fingerprint.equals(initiator)) {
            return Optional.of(PartyRole.INITIATOR);
        }
        return fingerprint.equals(responder) ? Optional.of(PartyRole.RESPONDER) : Optional.empty();
    }

    /** The payload (a copy). */
    public ObjectNode payload() {
        return statement.payload();
    }

    /**
     * The escrow label of this exchange ({@link EscrowLabel}): buyer then merchant in px, sender then recipient in
     * cm.
     *
     * @throws IllegalStateException in contract signing, which has no escrow
     */
    public byte[] escrowLabel() {
        return switch (protocol) {
            case PURCHASE -> EscrowLabel.of(protocol.id(), hashCipher.orElseThrow(), responder, initiator);
            case CERTIFIED_MAIL -> EscrowLabel.of(protocol.id(), hashCipher.orElseThrow(), initiator, responder);
            case CONTRACT_SIGNING -> throw new IllegalStateException("semper-cs/1 has no escrow");
        };
    }

    private static void readContract(JsonNode contract) throws ExchangeRejection {
        Payloads.members(contract, "contract", Set.of("mediaType"), Set.of("text", "sha256"));
        Payloads.text(contract, "mediaType");
        if (contract.has("text") == contract.has("sha256")) {
            throw Payloads.malformed("contract holds exactly one of \"text\" and \"sha256\"");
        }
        if (contract.has("text")) {
            Payloads.text(contract, "text");
        } else {
            Payloads.digest(contract, "sha256");
        }
    }

    private static void readPrice(JsonNode price) throws ExchangeRejection {
        Payloads.members(price, "price", Set.of("amount", "currency"), Set.of());
        Payloads.positiveInteger(price, "amount");
        if (!CURRENCY.matcher(Payloads.text(price, "currency")).matches()) {
            throw Payloads.malformed("price.currency is not an ISO 4217 code");
        }
    }
}
