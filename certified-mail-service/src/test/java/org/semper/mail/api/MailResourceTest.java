package org.semper.mail.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.mail.testing.Checks.assertInLog;
import static org.semper.mail.testing.Checks.problem;
import static org.semper.mail.testing.Checks.relayEvidence;
import static org.semper.mail.testing.Checks.statementAt;
import static org.semper.mail.testing.MailClient.content;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.evidence;
import static org.semper.mail.testing.MailClient.inbox;
import static org.semper.mail.testing.MailClient.letter;
import static org.semper.mail.testing.MailClient.receipt;
import static org.semper.mail.testing.MailClient.submit;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.ContentCipher;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.testing.MailClient;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailTestEnvironment;
import org.semper.mail.testing.Zeros;
import org.semper.runtime.testing.InProcessCa;
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

    /**
     * The same stored evidence: the same signed part (hence id); byte for byte while both are B-B, since the stamping
     * job may add the time-stamp (B-T) between two answers.
     */
    private static void assertSameEvidence(String served, String first) throws Exception {
        SignedStatement statement = SignedStatement.parse(served);
        SignedStatement original = SignedStatement.parse(first);
        assertThat(statement.compact()).isEqualTo(original.compact());
        if (statement.signatureTimeStamps().isEmpty() && original.signatureTimeStamps().isEmpty()) {
            assertThat(served).isEqualTo(first);
        }
    }

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
        assertSameEvidence(statementAt(again.asString(), "evidence"), statementAt(submitted.asString(), "evidence"));
        Response receiptAgain = receipt(id, eor(recipient, letter.eoo()));
        receiptAgain.then().statusCode(200);
        assertThat(SignedStatement.parse(statementAt(receiptAgain.asString(), "token")).id()).isEqualTo(con.id());

        // the exchange's signed status: resolved, naming the CON
        JsonNode statusView = JSON.readTree(given().get("/api/v1/mail/exchanges/" + id).then().statusCode(200)
                .extract().asString());
        assertThat(statusView.get("state").asText()).isEqualTo("resolved");
        assertThat(SignedStatement.parse(statusView.get("token").toString()).id()).isEqualTo(con.id());
        SignedStatement status = TtpEvidence.verify(statusView.get("status").toString());
        assertThat(status.payload().get("state").asText()).isEqualTo("resolved");
        assertThat(status.payload().get("token").asText()).isEqualTo(con.id());
    }

    @Test
    void contentWhoseHashIsNotTheEoosIsRejectedWithEvidence() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "the real content");
        byte[] other = letter(sender, recipient, "other content").content().ciphertext();
        Response rejected = submit(letter.eoo(), letter.content().ek(), other);
        problem(rejected, 422, "content-mismatch");
        JsonNode payload = relayEvidence(rejected.asString(), "evidence", "SubmissionRejection", letter.id(), sender,
                recipient);
        assertThat(payload.get("reason").asText()).isEqualTo("content-mismatch");
        assertInLog(statementAt(rejected.asString(), "evidence"));
        // final for this EOO: the right content later gets the same rejection, and nothing reaches the recipient
        Response again = submit(letter);
        problem(again, 422, "content-mismatch");
        assertSameEvidence(statementAt(again.asString(), "evidence"), statementAt(rejected.asString(), "evidence"));
        assertThat(JSON.readTree(inbox(recipient).asString()).get("messages")).isEmpty();
        problem(receipt(letter.id(), eor(recipient, letter.eoo())), 409, "submission-rejected");
    }

    @Test
    void escrowThatDoesNotHoldTheCommittedKeyIsRejectedWithEvidence() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter honest = letter(sender, recipient, "content");
        // ek sealed for another exchange's label: the EOO commits to h(ek), but ek does not open for this exchange
        byte[] foreignEk = letter(sender, MailParty.create("Other"), "content").content().ek();
        SealedContent sealed = new SealedContent(honest.content().key(), honest.content().ciphertext(), foreignEk,
                honest.content().hashPlain(), honest.content().hashCipher(), honest.content().keyCommit());
        SignedStatement eoo = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), MailClient.ttp(),
                "bogus escrow", sealed, Optional.empty());
        Response rejected = submit(eoo, foreignEk, honest.content().ciphertext());
        problem(rejected, 422, "escrow-invalid");
        relayEvidence(rejected.asString(), "evidence", "SubmissionRejection", eoo.id(), sender, recipient);
    }

    @Test
    void eooThatIsNotTheSendersOrNotForThisTtpOrNotForThisEscrowIsRefusedWithoutEvidence() {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "content");
        // signed by someone else than the sender it names
        SignedStatement forged = MailParty.create("Mallory").signer().sign(letter.eoo().type(), letter.eoo().payload());
        problem(submit(forged, letter.content().ek(), letter.content().ciphertext()), 422, "signer-not-party");
        // naming another TTP
        SignedStatement elsewhere = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(),
                new TtpIdentity("https://other-ttp.example", MailClient.ttp().certSha256()), "x", letter.content(),
                Optional.empty());
        problem(submit(elsewhere, letter.content().ek(), letter.content().ciphertext()), 422, "wrong-ttp");
        // with another escrow than the EOO commits to
        problem(submit(letter.eoo(), letter(sender, recipient, "y").content().ek(), letter.content().ciphertext()), 422,
                "escrow-mismatch");
        // by a sender whose CA this service does not trust, or whose certificate is revoked
        try (InProcessCa stranger = InProcessCa.start("Unknown CA")) {
            InProcessCa.Party outsider = stranger.issue("Outsider");
            MailParty foreign = new MailParty("Outsider", outsider, StatementSigner.of(outsider.keys().getPrivate(),
                    outsider.chain()));
            Letter untrusted = letter(foreign, recipient, "content");
            problem(submit(untrusted), 422, "certificate-untrusted");
        }
        MailParty revoked = MailParty.create("Revoked");
        MailTestEnvironment.ca().revoke(revoked.certificate(), Instant.now().minusSeconds(600));
        problem(submit(letter(revoked, recipient, "content")), 422, "certificate-revoked");
        // none of them reached the recipient
        assertThat(inbox(recipient).jsonPath().getList("messages")).isEmpty();
    }

    @Test
    void malformedSubmissionsAreProblems() {
        MailParty sender = MailParty.create("Sender");
        Letter letter = letter(sender, MailParty.create("Recipient"), "content");
        byte[] c = letter.content().ciphertext();
        String ek = Hashes.b64u(letter.content().ek());
        problem(given().header("Semper-Escrow", ek).contentType("application/octet-stream").body(c)
                .post("/api/v1/mail/messages"), 400, "malformed");
        problem(given().header("Semper-Eoo", "not base64url!").header("Semper-Escrow", ek)
                .contentType("application/octet-stream").body(c).post("/api/v1/mail/messages"), 400, "malformed");
        problem(given().header("Semper-Eoo", MailClient.b64u("{\"protected\": 1}")).header("Semper-Escrow", ek)
                .contentType("application/octet-stream").body(c).post("/api/v1/mail/messages"), 400, "malformed");
        // a receipt where the EOO belongs
        problem(given().header("Semper-Eoo", MailClient.b64u(eor(sender, letter.eoo()).toJson())).header("Semper-Escrow", ek)
                .contentType("application/octet-stream").body(c).post("/api/v1/mail/messages"), 422, "wrong-label");
        // an altered EOO: its signature no longer verifies
        String json = letter.eoo().toJson();
        String tampered = json.replace("\"signature\":\"", "\"signature\":\"AAAA");
        problem(given().header("Semper-Eoo", MailClient.b64u(tampered)).header("Semper-Escrow", ek)
                .contentType("application/octet-stream").body(c).post("/api/v1/mail/messages"), 422, "bad-signature");
    }

    @Test
    void expiredDeadlineIsRejected() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter late = letter(sender, recipient, "too late".getBytes(StandardCharsets.UTF_8),
                Optional.of(Instant.now().minusSeconds(60)));
        Response rejected = submit(late);
        problem(rejected, 422, "deadline-passed");
        assertThat(relayEvidence(rejected.asString(), "evidence", "SubmissionRejection", late.id(), sender, recipient)
                .get("reason").asText()).isEqualTo("deadline-passed");
        Letter far = letter(sender, recipient, "too far".getBytes(StandardCharsets.UTF_8),
                Optional.of(Instant.now().plus(java.time.Duration.ofDays(400))));
        problem(submit(far), 422, "deadline-too-far");
    }

    @Test
    void receiptsOnlyFromTheNamedRecipientAndContentOnlyForIt() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        MailParty mallory = MailParty.create("Mallory");
        Letter letter = letter(sender, recipient, "for the recipient only");
        submit(letter).then().statusCode(201);
        String id = letter.id();
        // a receipt signed by someone else than the named recipient
        problem(receipt(id, eor(mallory, letter.eoo())), 422, "signer-not-party");
        // a receipt for another message
        Letter other = letter(sender, recipient, "another");
        problem(receipt(id, eor(recipient, other.eoo())), 422, "not-bound");
        // the EOO where the receipt belongs
        problem(receipt(id, letter.eoo()), 422, "wrong-label");
        problem(given().contentType("application/json").body("{not json").post("/api/v1/mail/messages/" + id + "/receipt"),
                400, "malformed");
        problem(receipt("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", eor(recipient, letter.eoo())), 404, "unknown-message");
        problem(given().contentType("application/json").body("{\"x\":\"" + "a".repeat(70_000) + "\"}")
                .post("/api/v1/mail/messages/" + id + "/receipt"), 413, "payload-too-large");
        receipt(id, eor(recipient, letter.eoo())).then().statusCode(200);
        // fetching another recipient's mail, and its evidence
        problem(content(mallory, id), 403, "not-recipient");
        problem(content(sender, id), 403, "not-recipient");
        problem(evidence(mallory, id), 403, "not-a-party");
        content(recipient, id).then().statusCode(200);
    }

    @Test
    void partyRequestsMustBeFreshUnusedAndAddressedHere() {
        MailParty recipient = MailParty.create("Recipient");
        String request = MailClient.request(recipient, "inbox-request", Map.of());
        given().contentType("application/json").body(request).post("/api/v1/mail/inbox").then().statusCode(200);
        problem(given().contentType("application/json").body(request).post("/api/v1/mail/inbox"), 409, "replayed");
        // signed ten minutes ago
        StatementSigner past = StatementSigner.builder(recipient.party().keys().getPrivate(), recipient.party().chain())
                .clock(Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC)).build();
        MailParty stale = new MailParty("Recipient", recipient.party(), past);
        problem(given().contentType("application/json").body(MailClient.request(stale, "inbox-request", Map.of()))
                .post("/api/v1/mail/inbox"), 422, "stale-request");
        // a content request where an inbox request belongs, and a request with members it must not have
        problem(given().contentType("application/json").body(MailClient.request(recipient, "content-request",
                Map.of("eoo", "x"))).post("/api/v1/mail/inbox"), 422, "wrong-label");
        problem(given().contentType("application/json").body(MailClient.request(recipient, "inbox-request",
                Map.of("extra", "x"))).post("/api/v1/mail/inbox"), 400, "malformed");
        problem(given().contentType("application/json").body("[]").post("/api/v1/mail/inbox"), 400, "malformed");
    }

    @Test
    void quotaLimitsSubmissionsPerSender() {
        MailParty sender = MailParty.create("Busy sender");
        MailParty recipient = MailParty.create("Recipient");
        for (int i = 0; i < 5; i++) {
            submit(letter(sender, recipient, "message " + i)).then().statusCode(201);
        }
        Response refused = submit(letter(sender, recipient, "one too many"));
        problem(refused, 429, "quota-exceeded");
        // another sender is not affected
        submit(letter(MailParty.create("Quiet sender"), recipient, "hello")).then().statusCode(201);
    }

    @Test
    void quotaLimitsBytesPerSender() {
        MailParty sender = MailParty.create("Bulky sender");
        MailParty recipient = MailParty.create("Recipient");
        submit(letter(sender, recipient, new byte[8 << 20], Optional.empty())).then().statusCode(201);
        problem(submit(letter(sender, recipient, new byte[5 << 20], Optional.empty())), 429, "quota-exceeded");
    }

    @Test
    void tenMebibytesAreStreamedThroughTheRelay() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        byte[] message = new byte[10 << 20];
        new java.util.Random(42).nextBytes(message);
        Letter letter = letter(sender, recipient, message, Optional.empty());
        byte[] c = letter.content().ciphertext();
        HttpResponse<String> submitted = MailClient.stream(letter.eoo(), letter.content().ek(),
                () -> new ByteArrayInputStream(c), c.length);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        receipt(letter.id(), eor(recipient, letter.eoo())).then().statusCode(200);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = content(recipient, letter.id()).then().statusCode(200).extract().asInputStream()) {
            byte[] buffer = new byte[65536];
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
            }
        }
        assertThat(Hashes.b64u(digest.digest())).isEqualTo(letter.content().hashCipher());
    }

    @Test
    void contentOverTheLimitIsRefusedWhileStreaming() {
        MailParty sender = MailParty.create("Sender");
        Letter letter = letter(sender, MailParty.create("Recipient"), "small");
        long tooMuch = 25L * 1024 * 1024 + 1;
        // declared length: refused before the body is read
        HttpResponse<String> declared = MailClient.stream(letter.eoo(), letter.content().ek(), () -> new Zeros(tooMuch), tooMuch);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(declared.body()).contains("\"code\":\"payload-too-large\"");
        // chunked: refused at the first byte over the limit
        HttpResponse<String> chunked = MailClient.stream(letter.eoo(), letter.content().ek(), () -> new Zeros(tooMuch), -1);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).contains("\"code\":\"payload-too-large\"");
        // exactly the limit is accepted as far as size goes (and then refused for its hash, with evidence)
        HttpResponse<String> limit = MailClient.stream(letter.eoo(), letter.content().ek(), () -> new Zeros(tooMuch - 1),
                tooMuch - 1);
        assertThat(limit.statusCode()).as(limit.body()).isEqualTo(422);
        assertThat(limit.body()).contains("\"code\":\"content-mismatch\"");
    }
}
