package org.semper.mail.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.mail.testing.MailClient.content;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.evidence;
import static org.semper.mail.testing.MailClient.inbox;
import static org.semper.mail.testing.MailClient.letter;
import static org.semper.mail.testing.MailClient.receipt;
import static org.semper.mail.testing.MailClient.submit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.escrow.ContentCipher;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailParty;
import org.semper.mail.testing.TtpEvidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The relay and the optimistic protocol over HTTP, every piece of evidence checked with the evidence library. */
@QuarkusTest
class MailResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void relayHandsContentOverOnlyForAReceiptAndEvidencesEveryStep() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "Invoice 42: 100 EUR, due in 30 days");
        String id = letter.id();

        // SubmissionAcceptance
        Response submitted = submit(letter);
        submitted.then().statusCode(201).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/mail/messages/" + id));
        JsonPath accepted = submitted.jsonPath();
        assertThat(accepted.getString("state")).isEqualTo("consigned");
        JsonNode acceptance = relayEvidence(submitted.asString(), "evidence", "SubmissionAcceptance", id, sender, recipient);
        assertThat(acceptance.get("hashCipher").asText()).isEqualTo(letter.content().hashCipher());
        assertThat(acceptance.get("size").asLong()).isEqualTo(letter.content().ciphertext().length);
        assertInLog(statementAt(submitted.asString(), "evidence"));

        // ContentConsignment: listed in the recipient's inbox with the EOO and ek, nothing for the sender
        Response listed = inbox(recipient);
        listed.then().statusCode(200);
        JsonNode messages = JSON.readTree(listed.asString()).get("messages");
        assertThat(messages).hasSize(1);
        JsonNode pending = messages.get(0);
        assertThat(pending.get("exchange").asText()).isEqualTo(id);
        assertThat(SignedStatement.parse(pending.get("eoo").toString())).isEqualTo(letter.eoo());
        assertThat(pending.get("ek").asText()).isEqualTo(Hashes.b64u(letter.content().ek()));
        relayEvidence(pending.toString(), "consignment", "ContentConsignment", id, sender, recipient);
        assertThat(JSON.readTree(inbox(sender).asString()).get("messages")).isEmpty();

        // no content without a receipt
        problem(content(recipient, id), 409, "no-receipt");

        // ContentHandover: the receipt releases the key (CON) ...
        SignedStatement eor = eor(recipient, letter.eoo());
        Response handedOver = receipt(id, eor);
        handedOver.then().statusCode(200);
        assertThat(handedOver.jsonPath().getString("state")).isEqualTo("handed-over");
        SignedStatement con = TtpEvidence.verify(statementAt(handedOver.asString(), "token"));
        assertThat(con.type()).isEqualTo("semper-cm/1/key-released");
        assertThat(con.payload().get("exchange").asText()).isEqualTo(id);
        assertThat(SignedStatement.parse(con.payload().get("eor").toString())).isEqualTo(eor);
        byte[] key = Hashes.unb64u(con.payload().get("key").asText());
        assertThat(Hashes.h(key)).isEqualTo(letter.content().keyCommit());
        JsonNode handover = relayEvidence(handedOver.asString(), "evidence", "ContentHandover", id, sender, recipient);
        assertThat(handover.get("eor").asText()).isEqualTo(eor.id());
        assertThat(handover.get("token").asText()).isEqualTo(con.id());
        assertInLog(statementAt(handedOver.asString(), "evidence"));
        assertInLog(con.toJson());

        // ... and the content, which decrypts with the released key to the message
        Response fetched = content(recipient, id);
        fetched.then().statusCode(200).contentType("application/octet-stream");
        byte[] c = fetched.asByteArray();
        assertThat(Hashes.h(c)).isEqualTo(letter.content().hashCipher());
        assertThat(new String(ContentCipher.decrypt(key, c).orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("Invoice 42: 100 EUR, due in 30 days");

        // the sender gets the receipt and every piece of evidence; the inbox is empty now
        JsonNode all = JSON.readTree(evidence(sender, id).then().statusCode(200).extract().asString());
        assertThat(all.get("state").asText()).isEqualTo("handed-over");
        assertThat(SignedStatement.parse(all.get("eor").toString())).isEqualTo(eor);
        List<String> events = all.get("evidence").findValuesAsText("event");
        assertThat(events).containsExactly("SubmissionAcceptance", "ContentConsignment", "ContentHandover");
        all.get("evidence").forEach(item -> TtpEvidence.verify(item.get("statement").toString()));
        assertThat(SignedStatement.parse(all.get("token").toString()).id()).isEqualTo(con.id());
        assertThat(JSON.readTree(inbox(recipient).asString()).get("messages")).isEmpty();

        // retries are answered with the evidence first issued
        Response again = submit(letter);
        again.then().statusCode(200);
        assertThat(statementAt(again.asString(), "evidence")).isEqualTo(statementAt(submitted.asString(), "evidence"));
        Response receiptAgain = receipt(id, eor(recipient, letter.eoo()));
        receiptAgain.then().statusCode(200);
        assertThat(SignedStatement.parse(statementAt(receiptAgain.asString(), "token")).id()).isEqualTo(con.id());

        // the exchange's signed status: resolved, naming the CON
        SignedStatement status = TtpEvidence.verify(given().get("/api/v1/mail/exchanges/" + id).then().statusCode(200)
                .extract().asString());
        assertThat(status.payload().get("state").asText()).isEqualTo("resolved");
        assertThat(status.payload().get("token").asText()).isEqualTo(con.id());
    }

    /** Checks a piece of relay evidence (signature, chain, labels, exchange, parties) and returns its payload. */
    static JsonNode relayEvidence(String json, String member, String event, String id, MailParty sender, MailParty recipient)
            throws Exception {
        SignedStatement statement = TtpEvidence.verify(statementAt(json, member));
        assertThat(statement.type()).isEqualTo("semper-cm/1/relay-evidence");
        JsonNode payload = statement.payload();
        assertThat(payload.get("protocol").asText()).isEqualTo("semper-cm/1");
        assertThat(payload.get("msg").asText()).isEqualTo("relay-evidence");
        assertThat(payload.get("event").asText()).isEqualTo(event);
        assertThat(payload.get("eoo").asText()).isEqualTo(id);
        assertThat(payload.get("sender").asText()).isEqualTo(sender.id());
        assertThat(payload.get("recipient").asText()).isEqualTo(recipient.id());
        return payload;
    }

    static String statementAt(String json, String member) throws Exception {
        return SignedStatement.parse(JSON.readTree(json).get(member).toString()).toJson();
    }

    /** The statement is a transparency-log entry (exact bytes), shown by an inclusion proof once sequenced. */
    static void assertInLog(String statement) throws Exception {
        String leaf = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MerkleHash.leaf(statement.getBytes(StandardCharsets.UTF_8)));
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            status = given().queryParam("hash", leaf).get("/log/proof/inclusion").statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("statement not in the log (last status " + status + ")");
    }

    static void problem(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
