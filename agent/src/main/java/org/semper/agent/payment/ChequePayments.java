package org.semper.agent.payment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.semper.agent.consent.SignatureRendering;
import org.semper.agent.consent.SigningPurpose;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A cheque-like payment: the payer signs a payment order ({@code semper-cheque/1}, JAdES statement, {@code typ}
 * {@code semper-cheque/1/cheque}) with ISO 20022 credit-transfer fields, bound to the exchange; the payee checks it,
 * presents it once ({@code capture}, a statement it signs: the endorsement) and may pay it back ({@code refund}, a
 * payment order it signs in the other direction). A ledger ({@code <dir>/ledger.jsonl}) keeps which cheques were
 * presented and refunded, so that no cheque is presented twice.
 * <pre>
 * {"format": "semper-cheque/1", "msg": "cheque",
 *  "messageId": "&lt;uuid&gt;",                              ISO 20022 GrpHdr/MsgId
 *  "created": "2026-01-01T12:00:00Z",                      GrpHdr/CreDtTm
 *  "amount": 1999, "currency": "EUR",                      CdtTrfTxInf/Amt/InstdAmt (minor units) and @Ccy
 *  "debtor": {"name": "Alice", "party": "&lt;fp&gt;"},           Dbtr/Nm and Dbtr/Id (certificate fingerprint)
 *  "creditor": {"name": "Bob Books", "party": "&lt;fp&gt;"},     Cdtr/Nm and Cdtr/Id
 *  "endToEndId": "&lt;X&gt;", "remittance": "&lt;X&gt;"}                PmtId/EndToEndId, RmtInf/Ustrd = exchange id
 * </pre>
 */
public final class ChequePayments implements PaymentMethod {
    public static final String SCHEME = "cheque";
    public static final String FORMAT = "semper-cheque/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StatementSigner signer;
    private final Supplier<StatementTrust> trust;
    private final Path ledger;

    /**
     * @param signer    the party's (consent-gated) signer
     * @param trust     how received cheques are validated (now)
     * @param directory where the ledger is kept
     */
    public ChequePayments(StatementSigner signer, Supplier<StatementTrust> trust, Path directory) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.ledger = directory.resolve("ledger.jsonl");
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    @Override
    public PaymentInstrument authorise(PaymentRequest request) throws PaymentException {
        String me = Hashes.fingerprint(signer.certificateChain().get(0));
        if (!request.debtor().fingerprint().equals(me)) {
            throw new PaymentException("wrong-debtor", "a cheque is signed by its debtor");
        }
        ObjectNode payload = Payloads.object().put("format", FORMAT).put("msg", "cheque")
                .put("messageId", UUID.randomUUID().toString()).put("created", Payloads.format(Instant.now()))
                .put("amount", request.amount()).put("currency", request.currency());
        party(payload, "debtor", request.debtor());
        party(payload, "creditor", request.creditor());
        payload.put("endToEndId", request.remittance()).put("remittance", request.remittance());
        SignedStatement cheque = SigningPurpose.during("pay " + SignatureRendering.money(request.amount(),
                request.currency()) + " to " + request.creditor().name() + " by cheque, for exchange "
                + request.remittance(), () -> signer.sign(FORMAT + "/cheque", payload));
        return instrument(cheque, request);
    }

    @Override
    public PaymentInstrument accept(byte[] instrument, PaymentRequest expected) throws PaymentException {
        SignedStatement cheque = parse(instrument);
        JsonNode payload = cheque.payload();
        if (!FORMAT.equals(payload.path("format").asText()) || !"cheque".equals(payload.path("msg").asText())
                || !(FORMAT + "/cheque").equals(cheque.type())) {
            throw new PaymentException("not-a-cheque", "the payment instrument is not a " + FORMAT + " cheque");
        }
        if (payload.path("amount").asLong() != expected.amount()
                || !expected.currency().equals(payload.path("currency").asText())) {
            throw new PaymentException("wrong-amount", "the cheque pays " + payload.path("amount").asLong() + " "
                    + payload.path("currency").asText() + ", not " + expected.amount() + " " + expected.currency());
        }
        if (!expected.creditor().fingerprint().equals(payload.path("creditor").path("party").asText())) {
            throw new PaymentException("wrong-creditor", "the cheque is made out to someone else");
        }
        if (!expected.remittance().equals(payload.path("remittance").asText())
                || !expected.remittance().equals(payload.path("endToEndId").asText())) {
            throw new PaymentException("not-bound", "the cheque pays for another exchange");
        }
        String debtor = payload.path("debtor").path("party").asText();
        if (!debtor.equals(expected.debtor().fingerprint())
                || !debtor.equals(Hashes.fingerprint(cheque.signerCertificate()))) {
            throw new PaymentException("wrong-debtor", "the cheque is not signed by the payer");
        }
        try {
            SignatureChecks.require(trust.get(), cheque, "cheque");
        } catch (ExchangeRejection e) {
            throw new PaymentException(e.reason().code(), "the cheque's signature does not count: " + e.getMessage());
        }
        return instrument(cheque, expected);
    }

    @Override
    public synchronized PaymentRecord capture(PaymentInstrument instrument, String grounds) throws PaymentException {
        if (presented().contains("capture:" + instrument.id())) {
            throw new PaymentException("already-captured", "cheque " + instrument.id() + " was presented already");
        }
        PaymentRequest request = instrument.request();
        ObjectNode payload = Payloads.object().put("format", FORMAT).put("msg", "capture").put("cheque", instrument.id())
                .put("amount", request.amount()).put("currency", request.currency())
                .put("creditor", request.creditor().fingerprint()).put("remittance", request.remittance())
                .put("grounds", grounds).put("time", Payloads.format(Instant.now()));
        SignedStatement endorsement = SigningPurpose.during("present the cheque of " + request.debtor().name() + " for "
                + SignatureRendering.money(request.amount(), request.currency()), () -> signer.sign(FORMAT + "/capture",
                        payload));
        record("capture", instrument.id());
        return new PaymentRecord("captured", endorsement.id(), "application/jose+json",
                endorsement.toJson().getBytes(StandardCharsets.UTF_8), "cheque " + instrument.id() + " presented: "
                        + grounds);
    }

    @Override
    public synchronized PaymentRecord refund(PaymentInstrument instrument, String reason) throws PaymentException {
        Set<String> presented = presented();
        if (presented.contains("refund:" + instrument.id())) {
            throw new PaymentException("already-refunded", "cheque " + instrument.id() + " was refunded already");
        }
        PaymentRequest request = instrument.request();
        ObjectNode payload = Payloads.object().put("format", FORMAT).put("msg", "refund").put("cheque", instrument.id())
                .put("messageId", UUID.randomUUID().toString()).put("created", Payloads.format(Instant.now()))
                .put("amount", request.amount()).put("currency", request.currency());
        party(payload, "debtor", request.creditor());
        party(payload, "creditor", request.debtor());
        payload.put("endToEndId", request.remittance()).put("remittance", request.remittance()).put("reason", reason);
        SignedStatement refund = SigningPurpose.during("refund " + SignatureRendering.money(request.amount(),
                request.currency()) + " to " + request.debtor().name(), () -> signer.sign(FORMAT + "/refund", payload));
        record("refund", instrument.id());
        return new PaymentRecord("refunded", refund.id(), "application/jose+json",
                refund.toJson().getBytes(StandardCharsets.UTF_8), "cheque " + instrument.id() + " refunded: " + reason);
    }

    @Override
    public String describe(PaymentInstrument instrument) {
        PaymentRequest request = instrument.request();
        return "cheque " + instrument.id() + ": " + SignatureRendering.money(request.amount(), request.currency())
                + " from " + request.debtor().name() + " to " + request.creditor().name() + " for exchange "
                + request.remittance();
    }

    @Override
    public PaymentInstrument restore(byte[] instrument) throws PaymentException {
        SignedStatement cheque = parse(instrument);
        JsonNode p = cheque.payload();
        PaymentRequest request = new PaymentRequest(p.path("amount").asLong(), p.path("currency").asText(),
                new PaymentRequest.Party(p.path("creditor").path("name").asText(), p.path("creditor").path("party").asText()),
                new PaymentRequest.Party(p.path("debtor").path("name").asText(), p.path("debtor").path("party").asText()),
                p.path("remittance").asText());
        return instrument(cheque, request);
    }

    private static PaymentInstrument instrument(SignedStatement cheque, PaymentRequest request) {
        return new PaymentInstrument(SCHEME, cheque.id(), "application/jose+json",
                cheque.toJson().getBytes(StandardCharsets.UTF_8), request);
    }

    private static SignedStatement parse(byte[] instrument) throws PaymentException {
        try {
            return SignedStatement.parse(new String(instrument, StandardCharsets.UTF_8));
        } catch (MalformedStatementException e) {
            throw new PaymentException("not-a-cheque", "the payment instrument is not a signed statement: "
                    + e.getMessage());
        }
    }

    private static void party(ObjectNode payload, String member, PaymentRequest.Party party) {
        payload.putObject(member).put("name", party.name()).put("party", party.fingerprint());
    }

    private Set<String> presented() throws PaymentException {
        Set<String> seen = new HashSet<>();
        if (!Files.exists(ledger)) {
            return seen;
        }
        try {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    JsonNode entry = JSON.readTree(line);
                    seen.add(entry.path("step").asText() + ":" + entry.path("cheque").asText());
                }
            }
            return seen;
        } catch (IOException e) {
            throw new PaymentException("ledger-unreadable", "cannot read the cheque ledger " + ledger + ": "
                    + e.getMessage());
        }
    }

    private void record(String step, String cheque) throws PaymentException {
        ObjectNode entry = JSON.createObjectNode().put("time", Instant.now().toString()).put("step", step)
                .put("cheque", cheque);
        try {
            Files.createDirectories(ledger.getParent());
            Files.writeString(ledger, entry + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PaymentException("ledger-unwritable", "cannot write the cheque ledger " + ledger + ": "
                    + e.getMessage());
        }
    }
}
