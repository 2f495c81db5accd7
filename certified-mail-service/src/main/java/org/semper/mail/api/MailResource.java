package org.semper.mail.api;

import org.semper.runtime.exchange.ExchangeProblem;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.mail.notify.Webhooks;
import org.semper.mail.party.PartyRequest;
import org.semper.mail.party.PartyRequests;
import org.semper.mail.problem.MailProblem;
import org.semper.mail.problem.MailProblems;
import org.semper.mail.relay.Deliveries;
import org.semper.mail.relay.MailMessage;
import org.semper.mail.relay.Submissions;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Relay mode (README "Relay"): submission by the sender, inbox, receipt, content and evidence for the parties,
 * webhook registration. Parses, delegates, maps; the rules are in {@code relay} and {@code party}.
 */
@Path("/api/v1/mail")
public class MailResource {

    /** The EOO, base64url of its flattened JWS JSON. */
    public static final String EOO_HEADER = "Semper-Eoo";
    /** The escrow {@code ek}, base64url. */
    public static final String ESCROW_HEADER = "Semper-Escrow";

    @Inject
    Submissions submissions;

    @Inject
    Deliveries deliveries;

    @Inject
    PartyRequests requests;

    @Inject
    Webhooks webhooks;

    @Inject
    BoundedBody bodies;

    /** Submits a message: the body is the ciphertext {@code c}, streamed; the EOO and {@code ek} are headers. */
    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@HeaderParam(EOO_HEADER) String eoo, @HeaderParam(ESCROW_HEADER) String escrow,
            @HeaderParam("Content-Length") Long length, InputStream body) {
        Submissions.Outcome outcome = submissions.submit(eoo, escrow, length, body);
        MailMessage m = outcome.message();
        ObjectNode answer = message(m);
        answer.set("evidence", MailProblems.json(outcome.acceptance()));
        return (outcome.created() ? Response.created(URI.create("/api/v1/mail/messages/" + m.exchangeId()))
                : Response.ok()).entity(answer.toString()).build();
    }

    /** The requester's pending messages (a signed {@code inbox-request}). */
    @POST
    @Path("/inbox")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String inbox(InputStream body) {
        PartyRequest request = requests.verify(bodies.text(body), PartyRequests.INBOX);
        ObjectNode answer = Payloads.object().put("recipient", request.party());
        ArrayNode messages = answer.putArray("messages");
        for (Deliveries.Pending pending : deliveries.inbox(request)) {
            ObjectNode item = message(pending.message());
            item.set("eoo", MailProblems.json(pending.message().eoo()));
            item.put("ek", Hashes.b64u(pending.message().escrow()));
            item.set("consignment", MailProblems.json(pending.consignment()));
            messages.add(item);
        }
        return answer.toString();
    }

    /** The recipient's receipt (EOR): releases the key ({@code CON}) and the content. */
    @POST
    @Path("/messages/{id}/receipt")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String receipt(@PathParam("id") String id, InputStream body) {
        MailMessage m = deliveries.receipt(id, bodies.text(body));
        Deliveries.Evidence evidence = deliveries.evidence(m);
        ObjectNode answer = message(m);
        answer.set("token", MailProblems.json(evidence.decision().orElseThrow().tokenJson()));
        answer.set("evidence", MailProblems.json(evidence.relay().get("ContentHandover")));
        return answer.toString();
    }

    /** The ciphertext of a handed-over message, for its recipient (a signed {@code content-request}). */
    @POST
    @Path("/messages/{id}/content")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response content(@PathParam("id") String id, InputStream body) {
        PartyRequest request = requests.verify(bodies.text(body), PartyRequests.CONTENT, "eoo");
        requireSameMessage(id, request);
        MailMessage m = deliveries.requireContent(request);
        StreamingOutput stream = out -> deliveries.write(m, out);
        return Response.ok(stream, MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header("Content-Length", m.contentSize()).header("Semper-Hash-Cipher", m.hashCipher()).build();
    }

    /** Every piece of evidence of a message, for its sender or recipient (a signed {@code evidence-request}). */
    @POST
    @Path("/messages/{id}/evidence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String evidence(@PathParam("id") String id, InputStream body) {
        PartyRequest request = requests.verify(bodies.text(body), PartyRequests.EVIDENCE, "eoo");
        requireSameMessage(id, request);
        Deliveries.Evidence evidence = deliveries.evidence(request);
        MailMessage m = evidence.message();
        ObjectNode answer = message(m);
        answer.set("eoo", MailProblems.json(m.eoo()));
        if (m.eor() != null) {
            answer.set("eor", MailProblems.json(m.eor()));
        }
        ArrayNode items = answer.putArray("evidence");
        for (Map.Entry<String, String> e : evidence.relay().entrySet()) {
            ObjectNode item = items.addObject().put("event", e.getKey());
            item.set("statement", MailProblems.json(e.getValue()));
        }
        evidence.decision().ifPresent(d -> answer.set("token", MailProblems.json(d.tokenJson())));
        return answer.toString();
    }

    /** Registers the recipient's webhook, or removes it with {@code url: ""} (a signed {@code webhook-request}). */
    @POST
    @Path("/webhooks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String webhook(InputStream body) {
        PartyRequest request = requests.verify(bodies.text(body), PartyRequests.WEBHOOK, "url");
        ObjectNode answer = Payloads.object().put("recipient", request.party());
        webhooks.register(request).ifPresentOrElse(url -> answer.put("url", url.toString()), () -> answer.putNull("url"));
        return answer.toString();
    }

    private static void requireSameMessage(String id, PartyRequest request) {
        if (!id.equals(request.text("eoo"))) {
            throw new ProblemException(ExchangeProblem.NOT_BOUND, "The request names the message " + request.text("eoo")
                    + ", not " + id);
        }
    }

    static ObjectNode message(MailMessage m) {
        ObjectNode node = Payloads.object().put("exchange", m.exchangeId()).put("state", m.state().column())
                .put("sender", m.sender()).put("recipient", m.recipient()).put("subject", m.subject())
                .put("size", m.contentSize()).put("hashCipher", m.hashCipher())
                .put("submitted", Payloads.format(m.submittedAt()));
        if (m.deadline() != null) {
            node.put("deadline", Payloads.format(m.deadline()));
        }
        if (m.reason() != null) {
            node.put("reason", m.reason());
        }
        if (m.contentDeleted()) {
            node.put("contentDeleted", Payloads.format(m.contentDeletedAt()));
        }
        return node;
    }
}
