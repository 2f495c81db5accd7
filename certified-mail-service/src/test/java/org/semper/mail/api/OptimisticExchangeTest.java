package org.semper.mail.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.mail.testing.Checks.problem;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.letter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.TimeSource;
import org.semper.mail.testing.MailClient;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailParty;
import org.semper.mail.testing.MailTestEnvironment;
import org.semper.mail.testing.TtpEvidence;
import org.semper.runtime.testing.InProcessCa;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The optimistic {@code semper-cm/1}: resolve by the recipient, abort by the sender, status; every refusal the
 * notary makes, with the same codes; exactly one decision per exchange, answered byte for byte on every retry.
 */
@QuarkusTest
class OptimisticExchangeTest {

    private static Response abort(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/mail/abort");
    }

    private static Response resolve(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/mail/resolve");
    }

    private static String resolveRequest(MailParty requester, Letter letter, SignedStatement eor, byte[] ek) {
        return ExchangeRequests.resolve(requester.signer(), letter.eoo(), eor, Optional.of(ek)).toJson();
    }

    private static String resolveRequest(Letter letter) {
        return resolveRequest(letter.recipient(), letter, eor(letter.recipient(), letter.eoo()), letter.content().ek());
    }

    private static String abortRequest(MailParty requester, Letter letter) {
        return ExchangeRequests.abort(requester.signer(), letter.eoo()).toJson();
    }

    private static Letter letter(String text) {
        return MailClient.letter(MailParty.create("Sender"), MailParty.create("Recipient"), text);
    }

    /** The same token: the same signed part (hence id); B-B, or B-T once time-stamped. */
    private static void assertSameToken(String served, SignedStatement token) {
        SignedStatement statement = TtpEvidence.verify(served);
        assertThat(statement.compact()).isEqualTo(token.compact());
        if (statement.signatureTimeStamps().isEmpty()) {
            assertThat(served).isEqualTo(token.toJson());
        }
    }

    @Test
    void resolveReleasesTheKeyOnceAndTheSenderGetsTheSameToken() throws Exception {
        Letter letter = letter("resolve me");
        Response resolved = resolve(resolveRequest(letter));
        resolved.then().statusCode(200).contentType("application/jose+json")
                .header("Semper-Exchange-Outcome", "resolved").header("Semper-Exchange-Id", letter.id());
        SignedStatement con = TtpEvidence.verify(resolved.asString());
        assertThat(con.type()).isEqualTo("semper-cm/1/key-released");
        assertThat(Hashes.h(Hashes.unb64u(con.payload().get("key").asText()))).isEqualTo(letter.content().keyCommit());
        assertThat(resolved.header("Semper-Token-Id")).isEqualTo(con.id());
        // the sender's abort now gets the CON (with the EOR in it); so does a retried resolve: the stored token (once
        // the stamping job has added its time-stamp, B-T: same signed part, same id)
        Response abort = abort(abortRequest(letter.sender(), letter));
        abort.then().statusCode(200).header("Semper-Exchange-Outcome", "resolved");
        assertSameToken(abort.asString(), con);
        assertSameToken(resolve(resolveRequest(letter)).asString(), con);
        // status
        Response status = given().get("/api/v1/mail/exchanges/" + letter.id());
        status.then().statusCode(200);
        assertThat(status.jsonPath().getString("state")).isEqualTo("resolved");
        SignedStatement statement = TtpEvidence.verify(SignedStatementJson.of(status.asString(), "status"));
        assertThat(statement.payload().get("state").asText()).isEqualTo("resolved");
        assertThat(statement.payload().get("token").asText()).isEqualTo(con.id());
    }

    @Test
    void abortFirstMakesEveryLaterResolveGetTheAbortToken() {
        Letter letter = letter("abort me");
        Response aborted = abort(abortRequest(letter.sender(), letter));
        aborted.then().statusCode(200).header("Semper-Exchange-Outcome", "aborted");
        SignedStatement at = TtpEvidence.verify(aborted.asString());
        assertThat(at.type()).isEqualTo("semper-cm/1/aborted");
        assertThat(at.payload().get("exchange").asText()).isEqualTo(letter.id());
        Response resolved = resolve(resolveRequest(letter));
        resolved.then().statusCode(200).header("Semper-Exchange-Outcome", "aborted");
        assertSameToken(resolved.asString(), at);
        assertThat(given().get("/api/v1/mail/exchanges/" + letter.id()).jsonPath().getString("state")).isEqualTo("aborted");
    }

    @Test
    void bogusEscrowGivesAnAffidavit() {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter honest = MailClient.letter(sender, recipient, "content");
        // the EOO commits to an ek sealed under another exchange's label: it does not open for this one
        byte[] foreignEk = MailClient.letter(sender, MailParty.create("Other"), "content").content().ek();
        SealedContent sealed = new SealedContent(honest.content().key(), honest.content().ciphertext(), foreignEk,
                honest.content().hashPlain(), honest.content().hashCipher(), honest.content().keyCommit());
        SignedStatement eoo = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), MailClient.ttp(),
                "bogus", sealed, Optional.empty());
        Letter bogus = new Letter(sealed, eoo, sender, recipient);
        Response affidavit = resolve(resolveRequest(bogus));
        affidavit.then().statusCode(200).header("Semper-Exchange-Outcome", "affidavit");
        SignedStatement af = TtpEvidence.verify(affidavit.asString());
        assertThat(af.type()).isEqualTo("semper-cm/1/affidavit");
        assertThat(af.payload().get("finding").asText()).isEqualTo("escrow-invalid");
        // an ek that opens, but to a key the EOO does not commit to
        Letter other = MailClient.letter(sender, recipient, "content");
        SealedContent mismatched = new SealedContent(other.content().key(), other.content().ciphertext(),
                other.content().ek(), other.content().hashPlain(), other.content().hashCipher(), Hashes.h(new byte[32]));
        SignedStatement eoo2 = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), MailClient.ttp(),
                "mismatch", mismatched, Optional.empty());
        resolve(resolveRequest(new Letter(mismatched, eoo2, sender, recipient))).then().statusCode(200)
                .header("Semper-Exchange-Outcome", "affidavit");
    }

    @Test
    void everyRefusalOfTheNotaryWithItsCode() throws Exception {
        Letter letter = letter("refusals");
        MailParty mallory = MailParty.create("Mallory");
        // malformed JSON, not an envelope, an altered signature
        problem(resolve("{not json"), 400, "malformed");
        problem(resolve("{\"protocol\":\"semper-cm/1\"}"), 400, "malformed");
        ObjectNode altered = (ObjectNode) new ObjectMapper().readTree(resolveRequest(letter));
        ((ObjectNode) altered.get("request")).put("signature", "AAAA" + altered.get("request").get("signature").asText());
        problem(resolve(altered.toString()), 422, "bad-signature");
        // wrong label: the EOR where the EOO belongs
        SignedStatement eor = eor(letter.recipient(), letter.eoo());
        ResolveRequest good = ExchangeRequests.resolve(letter.recipient().signer(), letter.eoo(), eor,
                Optional.of(letter.content().ek()));
        problem(resolve(new ResolveRequest(good.protocol(), eor, eor, good.ek(), good.request()).toJson()), 422, "wrong-label");
        // an EOR of another exchange (replayed), and a resolve request not bound to the EOR it carries
        Letter other = letter("other");
        problem(resolve(resolveRequest(letter.recipient(), letter, eor(letter.recipient(), other.eoo()), letter.content().ek())),
                422, "not-bound");
        problem(resolve(new ResolveRequest(good.protocol(), letter.eoo(), eor(letter.recipient(), letter.eoo()), good.ek(),
                good.request()).toJson()), 422, "not-bound");
        // signer not a party; the EOR not by the recipient
        problem(resolve(resolveRequest(mallory, letter, eor, letter.content().ek())), 422, "signer-not-party");
        problem(resolve(resolveRequest(letter.recipient(), letter, eor(mallory, letter.eoo()), letter.content().ek())), 422,
                "signer-not-party");
        // abort by the responder (the recipient)
        problem(abort(abortRequest(letter.recipient(), letter)), 403, "abort-by-responder");
        // an escrow other than the one the EOO commits to
        problem(resolve(resolveRequest(letter.recipient(), letter, eor, other.content().ek())), 422, "escrow-mismatch");
        // an exchange naming another TTP
        MailParty sender = letter.sender();
        SignedStatement elsewhere = CertifiedMailMessages.eoo(sender.signer(), letter.recipient().certificate(),
                new TtpIdentity("https://notary.example", MailClient.ttp().certSha256()), "x", letter.content(), Optional.empty());
        problem(resolve(resolveRequest(letter.recipient(), new Letter(letter.content(), elsewhere, sender, letter.recipient()),
                eor(letter.recipient(), elsewhere), letter.content().ek())), 422, "wrong-ttp");
        // resolve after the deadline
        Letter late = MailClient.letter(sender, letter.recipient(), "late".getBytes(StandardCharsets.UTF_8),
                Optional.of(Instant.now().minusSeconds(5)));
        problem(resolve(resolveRequest(late)), 422, "deadline-passed");
        // another protocol's request
        problem(abort(ExchangeRequests.abort(sender.signer(), ContractMessages.me1(sender.signer(),
                letter.recipient().certificate(), MailClient.ttp(), ContractTerms.text("text/plain", "a contract"),
                Hashes.random32(), Optional.empty())).toJson()), 400, "wrong-protocol");
        // an oversized body
        problem(given().contentType("application/json").body("{\"x\":\"" + "a".repeat(70_000) + "\"}")
                .post("/api/v1/mail/resolve"), 413, "payload-too-large");
        // nothing was decided by any of them
        assertThat(given().get("/api/v1/mail/exchanges/" + letter.id()).jsonPath().getString("state")).isEqualTo("none");
    }

    @Test
    void certificatesMustBeTrustedValidAndNotRevoked() {
        MailParty recipient = MailParty.create("Recipient");
        try (InProcessCa stranger = InProcessCa.start("Unknown CA")) {
            InProcessCa.Party outsider = stranger.issue("Outsider");
            MailParty foreign = new MailParty("Outsider", outsider,
                    org.semper.evidence.statement.StatementSigner.of(outsider.keys().getPrivate(), outsider.chain()));
            problem(abort(abortRequest(foreign, MailClient.letter(foreign, recipient, "x"))), 422, "certificate-untrusted");
        }
        Instant now = Instant.now();
        InProcessCa.Party old = MailTestEnvironment.ca().issue("Expired", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        MailParty expired = new MailParty("Expired", old,
                org.semper.evidence.statement.StatementSigner.of(old.keys().getPrivate(), old.chain()));
        problem(abort(abortRequest(expired, MailClient.letter(expired, recipient, "x"))), 422, "certificate-expired");
        MailParty revoked = MailParty.create("Revoked");
        MailTestEnvironment.ca().revoke(revoked.certificate(), now.minusSeconds(600));
        problem(abort(abortRequest(revoked, MailClient.letter(revoked, recipient, "x"))), 422, "certificate-revoked");
    }

    @Test
    void statusOfAnyExchangeIdIsSignedAndLogged() throws Exception {
        String unknown = Hashes.h("never seen".getBytes(StandardCharsets.UTF_8));
        Response status = given().get("/api/v1/mail/exchanges/" + unknown);
        status.then().statusCode(200);
        assertThat(status.jsonPath().getString("state")).isEqualTo("none");
        String json = SignedStatementJson.of(status.asString(), "status");
        SignedStatement statement = TtpEvidence.verify(json);
        assertThat(statement.type()).isEqualTo("semper-cm/1/status");
        assertThat(statement.payload().get("exchange").asText()).isEqualTo(unknown);
        assertThat(statement.payload().get("state").asText()).isEqualTo("none");
        org.semper.mail.testing.Checks.assertInLog(json);
        problem(given().get("/api/v1/mail/exchanges/not-an-id"), 400, "malformed");
    }

    @Test
    void tokensAreTimeStampedAfterwardsWithTheSameId() throws Exception {
        Letter letter = letter("stamp me");
        SignedStatement con = TtpEvidence.verify(resolve(resolveRequest(letter)).asString());
        assertThat(con.signatureTimeStamps()).isEmpty();
        long until = System.currentTimeMillis() + 30_000;
        SignedStatement served = con;
        while (served.signatureTimeStamps().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(250);
            served = SignedStatement.parse(resolve(resolveRequest(letter)).asString());
        }
        assertThat(served.signatureTimeStamps()).as("the CON gets its signature time-stamp (B-T)").hasSize(1);
        assertThat(served.id()).isEqualTo(con.id());
        assertThat(TtpEvidence.validate(served.toJson()).timeSource()).hasValue(TimeSource.TIMESTAMPED);
    }
}
