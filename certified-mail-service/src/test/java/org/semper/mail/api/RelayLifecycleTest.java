package org.semper.mail.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.mail.testing.Checks.problem;
import static org.semper.mail.testing.Checks.relayEvidence;
import static org.semper.mail.testing.MailClient.content;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.evidence;
import static org.semper.mail.testing.MailClient.letter;
import static org.semper.mail.testing.MailClient.receipt;
import static org.semper.mail.testing.MailClient.submit;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.testing.MailClient;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailParty;
import org.semper.mail.testing.TtpEvidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * How relayed messages end besides a handover: expiry (a job), the sender's abort, the recipient's optimistic
 * resolve; and the recipient's webhook. Every end is one decision of the exchange, shared with the optimistic mode.
 */
@QuarkusTest
class RelayLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void uncollectedMessageExpiresAtItsDeadline() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "collect me soon".getBytes(StandardCharsets.UTF_8),
                Optional.of(Instant.now().plusSeconds(3)));
        submit(letter).then().statusCode(201);
        String id = letter.id();
        JsonNode expired = awaitState(sender, id, "expired", 30);
        SignedStatement token = TtpEvidence.verify(expired.get("token").toString());
        assertThat(token.type()).isEqualTo("semper-cm/1/relay-evidence");
        JsonNode payload = relayEvidence(expired.toString(), "token", "AcceptanceRejectionExpiry", id, sender, recipient);
        assertThat(payload.get("deadline").asText()).isEqualTo(letter.eoo().payload().get("deadline").asText());
        org.semper.mail.testing.Checks.assertInLog(token.toJson());
        // the exchange is aborted: a late receipt, the recipient's resolve and the content are all refused
        Response late = receipt(id, eor(recipient, letter.eoo()));
        problem(late, 422, "deadline-passed");
        assertThat(SignedStatement.parse(JSON.readTree(late.asString()).get("token").toString()).id()).isEqualTo(token.id());
        problem(content(recipient, id), 409, "no-receipt");
        assertThat(given().get("/api/v1/mail/exchanges/" + id).jsonPath().getString("state")).isEqualTo("aborted");
    }

    @Test
    void senderMayWithdrawARelayedMessageWithAnAbort() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "withdrawn");
        submit(letter).then().statusCode(201);
        Response aborted = given().contentType("application/json")
                .body(ExchangeRequests.abort(sender.signer(), letter.eoo()).toJson()).post("/api/v1/mail/abort");
        aborted.then().statusCode(200).header("Semper-Exchange-Outcome", "aborted");
        problem(receipt(letter.id(), eor(recipient, letter.eoo())), 422, "deadline-passed");
        assertThat(JSON.readTree(MailClient.inbox(recipient).asString()).get("messages")).isEmpty();
        assertThat(evidence(recipient, letter.id()).jsonPath().getString("state")).isEqualTo("expired");
    }

    @Test
    void recipientResolvingOptimisticallyGetsTheContentToo() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "resolved elsewhere");
        submit(letter).then().statusCode(201);
        SignedStatement eor = eor(recipient, letter.eoo());
        Response resolved = given().contentType("application/json").body(ExchangeRequests.resolve(recipient.signer(),
                letter.eoo(), eor, Optional.of(letter.content().ek())).toJson()).post("/api/v1/mail/resolve");
        resolved.then().statusCode(200).header("Semper-Exchange-Outcome", "resolved");
        // the relay closed the message as handed over, with ContentHandover naming the same CON and EOR
        JsonNode all = JSON.readTree(evidence(sender, letter.id()).then().statusCode(200).extract().asString());
        assertThat(all.get("state").asText()).isEqualTo("handed-over");
        assertThat(SignedStatement.parse(all.get("eor").toString())).isEqualTo(eor);
        JsonNode handover = all.get("evidence").get(2);
        assertThat(handover.get("event").asText()).isEqualTo("ContentHandover");
        SignedStatement statement = TtpEvidence.verify(handover.get("statement").toString());
        assertThat(statement.payload().get("token").asText()).isEqualTo(resolved.header("Semper-Token-Id"));
        assertThat(content(recipient, letter.id()).then().statusCode(200).extract().asByteArray())
                .isEqualTo(letter.content().ciphertext());
        // a receipt afterwards gets the same CON
        Response again = receipt(letter.id(), eor(recipient, letter.eoo()));
        again.then().statusCode(200);
        assertThat(SignedStatement.parse(JSON.readTree(again.asString()).get("token").toString()).id())
                .isEqualTo(resolved.header("Semper-Token-Id"));
    }

    @Test
    void registeredWebhookIsNotifiedWithTheConsignmentEvidence() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            MailParty sender = MailParty.create("Sender");
            MailParty recipient = MailParty.create("Recipient");
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            given().contentType("application/json").body(MailClient.request(recipient, "webhook-request", Map.of("url", url)))
                    .post("/api/v1/mail/webhooks").then().statusCode(200);
            problem(given().contentType("application/json").body(MailClient.request(recipient, "webhook-request",
                    Map.of("url", "ftp://example.org/x"))).post("/api/v1/mail/webhooks"), 400, "bad-webhook");
            Letter letter = letter(sender, recipient, "ring the bell");
            submit(letter).then().statusCode(201);
            String notification = received.poll(20, TimeUnit.SECONDS);
            assertThat(notification).as("webhook called").isNotNull();
            JsonNode body = JSON.readTree(notification);
            assertThat(body.get("event").asText()).isEqualTo("ContentConsignment");
            assertThat(body.get("exchange").asText()).isEqualTo(letter.id());
            relayEvidence(notification, "evidence", "ContentConsignment", letter.id(), sender, recipient);
            // unregistered: no more notifications
            given().contentType("application/json").body(MailClient.request(recipient, "webhook-request", Map.of("url", "")))
                    .post("/api/v1/mail/webhooks").then().statusCode(200);
            submit(letter(sender, recipient, "quiet")).then().statusCode(201);
            assertThat(received.poll(2, TimeUnit.SECONDS)).isNull();
        } finally {
            server.stop(0);
        }
    }

    /** Polls the message's evidence (as its sender) until it reaches {@code state}. */
    static JsonNode awaitState(MailParty party, String id, String state, int seconds) throws Exception {
        long until = System.currentTimeMillis() + seconds * 1000L;
        JsonNode answer;
        do {
            answer = JSON.readTree(evidence(party, id).then().statusCode(200).extract().asString());
            if (answer.get("state").asText().equals(state)) {
                return answer;
            }
            Thread.sleep(300);
        } while (System.currentTimeMillis() < until);
        throw new AssertionError("message " + id + " is " + answer.get("state").asText() + ", not " + state);
    }
}
