package org.semper.agent.exchange;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealKind;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.net.UnreachableException;
import org.semper.agent.net.WebClient;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.ttp.TtpDescriptor;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.exchange.cm.CertifiedMailChecks;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Certified mail through the certified-mail service's relay, for the recipient (senders that are not online with
 * the recipient, e.g. the arbiter's notices): the agent lists its pending messages with a signed
 * {@code inbox-request}, checks each EOO (the evidence library's {@link CertifiedMailChecks}), signs the receipt
 * (EOR, through the consent gate), gets the service's {@code key-released} token ({@code TtpToken.read}) and its
 * ContentHandover evidence, fetches the ciphertext with a signed {@code content-request}, and opens it. Each message
 * becomes a deal (kind mail, role recipient) with all of it in the archive.
 */
public final class RelayInbox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExchangeProtocol CM = ExchangeProtocol.CERTIFIED_MAIL;

    private final Agent agent;
    private final WebClient web = new WebClient(Duration.ofSeconds(30));

    public RelayInbox(Agent agent) {
        this.agent = agent;
    }

    /** Collects every message waiting at the relay: receipt signed, key and content received; the new deals. */
    public List<Deal> collect() throws AgentException {
        TtpDescriptor relay = agent.describe(CM);
        JsonNode inbox = post(relay, "/api/v1/mail/inbox", request(relay, "inbox-request", Map.of()));
        List<Deal> received = new ArrayList<>();
        for (JsonNode message : inbox.path("messages")) {
            Optional<Deal> deal = receive(relay, message);
            deal.ifPresent(received::add);
        }
        return received;
    }

    /** Waits up to {@code atMost} for at least one message at the relay, collecting what comes. */
    public List<Deal> await(Duration atMost) throws AgentException {
        long end = System.nanoTime() + atMost.toNanos();
        agent.progress().waiting("certified mail at the relay " + agent.config().mail(), atMost);
        while (true) {
            List<Deal> received = collect();
            if (!received.isEmpty() || System.nanoTime() > end) {
                return received;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return received;
            }
        }
    }

    private Optional<Deal> receive(TtpDescriptor relay, JsonNode message) throws AgentException {
        SignedStatement eoo;
        byte[] ek;
        FirstMessage first;
        try {
            eoo = SignedStatement.parse(message.path("eoo").toString());
            ek = Hashes.unb64u(message.path("ek").asText());
            first = CertifiedMailChecks.eoo(agent.trust().now(), eoo);
            if (!first.responder().equals(agent.fingerprint()) || !first.ttp().equals(relay.identity())
                    || !Hashes.h(ek).equals(first.escrow().orElseThrow())) {
                throw new ExchangeRejection(org.semper.evidence.exchange.ExchangeReason.NOT_BOUND,
                        "the relayed EOO is not for this party through this relay, or its escrow differs");
            }
        } catch (MalformedStatementException | ExchangeRejection | IllegalArgumentException e) {
            agent.progress().step("a relayed message was refused: " + e.getMessage());
            return Optional.empty();
        }
        if (agent.archive().exists(eoo.id())) {
            return Optional.empty();
        }
        Deal deal = Deal.start(eoo.id(), DealKind.MAIL, "recipient", new Deal.Party(PartyIdentity.commonName(
                eoo.signerCertificate()), first.initiator(), "relay " + relay.baseUrl()), DealStatus.OPEN,
                "eoo-received", Map.of("title", first.payload().path("subject").asText(), "ttp", first.ttp().url(),
                        "relay", relay.baseUrl())).withExchange(eoo.id());
        try (DealRun run = new DealRun(agent, DealRun.create(agent, deal))) {
            run.keep("EOO received through the relay", "received", ItemRole.EOO, eoo, "EOO: evidence of origin");
            run.keepSigner(eoo, "sender");
            run.keep("escrow", "received", ItemRole.ESCROW, "application/octet-stream", ek, "ek: the key escrowed with "
                    + "the certified-mail service");
            keepEvidence(run, message.path("consignment"), "ContentConsignment: the relay holds the message for you");
            SignedStatement eor = run.sign("sign the receipt for '" + first.payload().path("subject").asText()
                    + "' from " + deal.counterpart().name() + " (the relay then releases the message)",
                    DealStatus.DECLINED, () -> CertifiedMailMessages.eor(agent.signer(), eoo));
            run.keep("EOR made", "sent", ItemRole.EOR, eor, "EOR: your receipt, to the relay");
            run.step(DealStatus.OPEN, "eor-sent");
            JsonNode handover = post(relay, "/api/v1/mail/messages/" + eoo.id() + "/receipt",
                    eor.toJson().getBytes(StandardCharsets.UTF_8));
            SignedStatement con = statement(handover.path("token"));
            TtpToken token;
            try {
                token = TtpToken.read(run.trust, first, con);
            } catch (ExchangeRejection e) {
                run.keep("TTP answer refused", "ttp", ItemRole.OTHER, con, "the relay's token does not count: "
                        + e.getMessage());
                throw run.stalled("the relay's token does not count: " + e.getMessage(), null, e);
            }
            run.keep("key released by the relay", "ttp", ItemRole.KEY_RELEASED, con, "the service's key-released "
                    + "token");
            keepEvidence(run, handover.path("evidence"), "ContentHandover: the relay handed the message over");
            byte[] key = token.key().orElseThrow();
            run.keep("key", "ttp", ItemRole.KEY, "application/octet-stream", key, "K, from the relay's token");
            byte[] c = content(relay, eoo.id());
            run.keep("ciphertext", "received", ItemRole.CIPHERTEXT, "application/octet-stream", c, "c: the message, "
                    + "encrypted");
            byte[] plain;
            try {
                plain = CertifiedMailChecks.message(first, key, c);
            } catch (ExchangeRejection e) {
                return Optional.of(run.end(DealStatus.COMPLETED, "content-mismatch", "the relay's content does not "
                        + "open with the released key: " + e.getMessage()));
            }
            Path saved = run.saveContent("content", "message", plain, "application/octet-stream",
                    "the message, decrypted", "messageFile");
            return Optional.of(run.end(DealStatus.COMPLETED, "completed", "received through the relay: '"
                    + first.payload().path("subject").asText() + "' from " + deal.counterpart().name()
                    + ", saved to " + saved));
        }
    }

    private void keepEvidence(DealRun run, JsonNode node, String description) throws AgentException {
        if (node.isObject()) {
            run.keep("relay evidence", "ttp", ItemRole.DELIVERY_EVIDENCE, statement(node), description);
        }
    }

    private byte[] content(TtpDescriptor relay, String exchange) throws AgentException {
        byte[] request = request(relay, "content-request", Map.of("eoo", exchange));
        try {
            WebClient.Answer answer = web.post(URI.create(relay.baseUrl() + "/api/v1/mail/messages/" + exchange
                    + "/content"), "application/json", request, Map.of());
            if (!answer.ok()) {
                throw new AgentException("the relay refused the content: " + answer.problem(), null);
            }
            return answer.body();
        } catch (UnreachableException e) {
            throw new AgentException(e.getMessage(), "start the certified-mail service, then 'semper receive-mail "
                    + "--relay'", e);
        }
    }

    /** A signed party request: {@code typ semper-cm/1/<msg>}, {@code {protocol, msg, ttp, nonce, ...members}}. */
    private byte[] request(TtpDescriptor relay, String msg, Map<String, String> members) throws AgentException {
        ObjectNode payload = Payloads.start(CM, msg);
        payload.set("ttp", relay.identity().toJson());
        payload.put("nonce", Hashes.b64u(Hashes.random32()));
        members.forEach(payload::put);
        SignedStatement statement = DealRun.signOutside("ask the certified-mail relay (" + msg + ")",
                () -> agent.signer().sign(CM.type(msg), payload));
        return statement.toJson().getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode post(TtpDescriptor relay, String path, byte[] body) throws AgentException {
        try {
            WebClient.Answer answer = web.post(URI.create(relay.baseUrl() + path), "application/json", body, Map.of());
            if (!answer.ok()) {
                throw new AgentException("the relay refused: " + answer.problem(), null);
            }
            return JSON.readTree(answer.body());
        } catch (UnreachableException e) {
            throw new AgentException(e.getMessage(), "start the certified-mail service (./semper mail)", e);
        } catch (IOException e) {
            throw new AgentException("the relay's answer is not JSON: " + e.getMessage(), null, e);
        }
    }

    private static SignedStatement statement(JsonNode node) throws AgentException {
        try {
            return SignedStatement.parse(node.toString());
        } catch (MalformedStatementException e) {
            throw new AgentException("the relay's answer holds no signed statement: " + e.getMessage(), null, e);
        }
    }
}
