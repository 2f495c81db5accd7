package org.semper.notary.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.ContentCipher;
import org.semper.evidence.exchange.escrow.EscrowLabel;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignatureTimeStamps;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.notary.testing.Exchanges;
import org.semper.notary.testing.Exchanges.Contract;
import org.semper.notary.testing.Exchanges.Party;
import org.semper.notary.testing.Exchanges.Purchase;
import org.semper.notary.testing.NotaryTestEnvironment;
import org.semper.runtime.testing.InProcessTsa;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * The notary over HTTP: decisions, retries, races, every refusal of issue 5's list with its stable code, escrow,
 * status statements, the log, and the post-hoc time-stamp. The protocol checks are the evidence library's; these
 * tests prove the service answers them as specified.
 */
@QuarkusTest
class NotaryResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ABORT = "/api/v1/exchanges/abort";
    private static final String RESOLVE = "/api/v1/exchanges/resolve";

    private Exchanges exchanges;
    private Party alice;
    private Party bob;

    @BeforeEach
    void parties() {
        exchanges = Exchanges.fromNotary();
        alice = Exchanges.party("Alice");
        bob = Exchanges.party("Bob");
    }

    // ----- decisions and retries ---------------------------------------------------------------------------------

    @Test
    void abortThenResolveBothGetTheStoredAbortToken() throws Exception {
        Contract contract = exchanges.contract(alice, bob);

        byte[] aborted = token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");
        byte[] resolved = token(RESOLVE, Exchanges.resolve(bob, contract), contract.id(), "aborted");

        assertThat(resolved).isEqualTo(aborted);
        JsonNode payload = statement(aborted).payload();
        assertThat(payload.get("msg").asText()).isEqualTo("aborted");
        assertThat(payload.get("exchange").asText()).isEqualTo(contract.id());
        assertThat(statement(aborted).signerCertificate()).isEqualTo(exchanges.signingCertificate);
    }

    @Test
    void resolveThenAbortBothGetTheStoredReplacementContract() throws Exception {
        Contract contract = exchanges.contract(alice, bob);

        byte[] resolved = token(RESOLVE, Exchanges.resolve(bob, contract), contract.id(), "resolved");
        byte[] aborted = token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "resolved");

        assertThat(aborted).isEqualTo(resolved);
        JsonNode payload = statement(resolved).payload();
        assertThat(payload.get("msg").asText()).isEqualTo("resolved");
        assertThat(SignedStatement.parse(payload.get("me1").toString()).id()).isEqualTo(contract.me1().id());
        assertThat(SignedStatement.parse(payload.get("me2").toString()).id()).isEqualTo(contract.me2().id());
    }

    @Test
    void retriesAreByteIdentical() throws Exception {
        Contract contract = exchanges.contract(alice, bob);
        String request = Exchanges.abort(alice, contract.me1());

        byte[] first = token(ABORT, request, contract.id(), "aborted");
        byte[] again = token(ABORT, request, contract.id(), "aborted");
        byte[] fresh = token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");

        // The TSA is off in this test: the stored B-B token is served each time, byte for byte.
        assertThat(again).isEqualTo(first);
        assertThat(fresh).isEqualTo(first);
    }

    @Test
    void eitherPartyMayResolveAndBothGetTheSameContract() throws Exception {
        Contract contract = exchanges.contract(alice, bob);
        byte[] byResponder = token(RESOLVE, Exchanges.resolve(bob, contract), contract.id(), "resolved");
        byte[] byOriginator = token(RESOLVE, Exchanges.resolve(alice, contract), contract.id(), "resolved");
        assertThat(byOriginator).isEqualTo(byResponder);
    }

    @Test
    void concurrentAbortsAndResolvesOnOneExchangeYieldOneOutcome() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 6; round++) {
                Contract contract = exchanges.contract(alice, bob);
                List<String[]> requests = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    requests.add(t % 2 == 0 ? new String[] { ABORT, Exchanges.abort(alice, contract.me1()) }
                            : new String[] { RESOLVE, Exchanges.resolve(t % 4 == 1 ? bob : alice, contract) });
                }
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<HttpResponse<byte[]>>> replies = new ArrayList<>();
                for (String[] request : requests) {
                    replies.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return http.send(HttpRequest.newBuilder(url(request[0])).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(request[1])).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                    }));
                }
                Set<String> bodies = new HashSet<>();
                for (Future<HttpResponse<byte[]>> reply : replies) {
                    HttpResponse<byte[]> response = reply.get(60, TimeUnit.SECONDS);
                    assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
                    bodies.add(new String(response.body(), StandardCharsets.UTF_8));
                }
                assertThat(bodies).as("every reply of round %d is the one stored token", round).hasSize(1);
                String stored = statusToken(contract.id());
                assertThat(statement(bodies.iterator().next().getBytes(StandardCharsets.UTF_8)).id())
                        .isEqualTo(SignedStatement.parse(stored).id());
                assertThat(logEntries(contract.id(), "exchange-token")).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ----- purchase: escrow ----------------------------------------------------------------------------------------

    @Test
    void aPurchaseResolvedWithAValidEscrowReleasesTheKey() throws Exception {
        Purchase purchase = exchanges.purchase(alice, bob);

        byte[] rc = token(RESOLVE, Exchanges.resolve(bob, purchase), purchase.id(), "resolved");

        JsonNode payload = statement(rc).payload();
        assertThat(payload.get("msg").asText()).isEqualTo("resolved");
        byte[] key = Hashes.unb64u(payload.get("key").asText());
        assertThat(key).isEqualTo(purchase.goods().key());
        assertThat(ContentCipher.decrypt(key, purchase.goods().ciphertext())).contains(Exchanges.GOODS);
        assertThat(SignedStatement.parse(payload.get("payment").toString()).id()).isEqualTo(purchase.px2().id());
        // The merchant, holding px2, fetches the same token.
        assertThat(token(ABORT, Exchanges.abort(alice, purchase.px1()), purchase.id(), "resolved")).isEqualTo(rc);
    }

    @Test
    void anEscrowThatDoesNotOpenGivesAnAffidavit() throws Exception {
        // The merchant seals K to a key that is not the notary's, but commits to that ek in px1.
        SealedContent bogus = org.semper.evidence.exchange.px.PurchaseMessages.seal(Exchanges.GOODS,
                NotaryTestEnvironment.untrustedCa().root().getPublicKey(), alice.certificate(), bob.certificate());
        Purchase purchase = exchanges.purchase(alice, bob, bogus);

        byte[] af = token(RESOLVE, Exchanges.resolve(bob, purchase), purchase.id(), "affidavit");

        JsonNode payload = statement(af).payload();
        assertThat(payload.get("msg").asText()).isEqualTo("affidavit");
        assertThat(payload.get("finding").asText()).isEqualTo("escrow-invalid");
        assertThat(payload.get("detail").asText()).isEqualTo("escrow-does-not-open");
        assertThat(token(ABORT, Exchanges.abort(alice, purchase.px1()), purchase.id(), "affidavit")).isEqualTo(af);
        assertThat(status(purchase.id(), null).getString("state")).isEqualTo("affidavit");
    }

    @Test
    void anEscrowHoldingAnotherKeyThanCommittedGivesAnAffidavit() throws Exception {
        SealedContent honest = org.semper.evidence.exchange.px.PurchaseMessages.seal(Exchanges.GOODS, exchanges.escrowKey,
                alice.certificate(), bob.certificate());
        byte[] label = EscrowLabel.of(ExchangeProtocol.PURCHASE.id(), honest.hashCipher(), Hashes.fingerprint(bob.certificate()),
                Hashes.fingerprint(alice.certificate()));
        byte[] otherEk = EscrowOpening.seal(exchanges.escrowKey, Hashes.random32(), label);
        SealedContent swapped = new SealedContent(honest.key(), honest.ciphertext(), otherEk, honest.hashPlain(),
                honest.hashCipher(), honest.keyCommit());
        Purchase purchase = exchanges.purchase(alice, bob, swapped);

        byte[] af = token(RESOLVE, Exchanges.resolve(bob, purchase), purchase.id(), "affidavit");

        assertThat(statement(af).payload().get("detail").asText()).isEqualTo("key-commit-mismatch");
    }

    @Test
    void anEscrowOtherThanTheCommittedOneIsRefused() throws Exception {
        Purchase purchase = exchanges.purchase(alice, bob);
        String request = ExchangeRequests.resolve(bob.signer(), purchase.px1(), purchase.px2(),
                Optional.of(Hashes.random32())).toJson();
        problem(RESOLVE, request, 422, "escrow-mismatch");
        assertThat(status(purchase.id(), "semper-px/1").getString("state")).isEqualTo("none");
    }

    // ----- refusals: every bad input of issue 5, answered with the library's stable code ---------------------------

    @Test
    void malformedJsonIsRefused() {
        problem(ABORT, "{\"protocol\":", 400, "malformed");
        problem(RESOLVE, "[]", 400, "malformed");
        problem(ABORT, "", 400, "malformed");
    }

    @Test
    void aStatementThatIsNotAJwsIsRefused() throws Exception {
        Contract contract = exchanges.contract(alice, bob);
        ObjectNode envelope = (ObjectNode) JSON.readTree(Exchanges.abort(alice, contract.me1()));
        ((ObjectNode) envelope.get("request")).put("signature", "not base64url!");
        problem(ABORT, envelope.toString(), 400, "malformed");
        ((ObjectNode) envelope.get("me1")).remove("protected");
        problem(ABORT, envelope.toString(), 400, "malformed");
    }

    @Test
    void anUnknownProtocolOrCertifiedMailIsTheWrongProtocol() throws Exception {
        Contract contract = exchanges.contract(alice, bob);
        String abort = Exchanges.abort(alice, contract.me1()).replace("\"protocol\":\"semper-cs/1\"",
                "\"protocol\":\"semper-xx/9\"");
        problem(ABORT, abort, 400, "wrong-protocol");

        SealedContent mail = CertifiedMailMessages.seal("notice".getBytes(StandardCharsets.UTF_8), exchanges.escrowKey,
                alice.certificate(), bob.certificate());
        SignedStatement eoo = CertifiedMailMessages.eoo(alice.signer(), bob.certificate(), exchanges.notary, "notice", mail,
                Optional.empty());
        problem(ABORT, ExchangeRequests.abort(alice.signer(), eoo).toJson(), 400, "wrong-protocol");
    }

    @Test
    void aMessageInTheWrongPlaceHasTheWrongLabel() {
        Contract contract = exchanges.contract(alice, bob);
        // me2 sent as the first message of an abort
        problem(ABORT, Exchanges.abort(alice, contract.me2()), 422, "wrong-label");
        // a resolve request sent as an abort request
        ResolveRequest resolve = ExchangeRequests.resolve(alice.signer(), contract.me1(), contract.me2(), Optional.empty());
        String asAbort = new org.semper.evidence.exchange.AbortRequest(ExchangeProtocol.CONTRACT_SIGNING, contract.me1(),
                resolve.request()).toJson();
        problem(ABORT, asAbort, 422, "wrong-label");
    }

    @Test
    void aMe1ReplayedFromAnotherExchangeIsNotBound() {
        Contract contract = exchanges.contract(alice, bob);
        Contract other = exchanges.contract(alice, bob);
        // the me1 of this exchange with the me2 (and request) of another
        String replayed = new ResolveRequest(ExchangeProtocol.CONTRACT_SIGNING, contract.me1(), other.me2(), Optional.empty(),
                ExchangeRequests.resolve(bob.signer(), other.me1(), other.me2(), Optional.empty()).request()).toJson();
        problem(RESOLVE, replayed, 422, "not-bound");
    }

    @Test
    void aMe2NotBoundToTheMe1IsRefused() {
        Contract contract = exchanges.contract(alice, bob);
        Contract other = exchanges.contract(alice, bob);
        problem(RESOLVE, Exchanges.resolve(bob, new Contract(contract.me1(), other.me2())), 422, "not-bound");
    }

    @Test
    void aSignerWhoIsNotAPartyIsRefused() {
        Contract contract = exchanges.contract(alice, bob);
        Party carol = Exchanges.party("Carol");
        problem(ABORT, Exchanges.abort(carol, contract.me1()), 422, "signer-not-party");
        problem(RESOLVE, Exchanges.resolve(carol, contract), 422, "signer-not-party");
    }

    @Test
    void aRequestNamingAnotherTtpIsRefused() {
        TtpIdentity other = new TtpIdentity("https://other-notary.example", exchanges.notary.certSha256());
        Contract contract = exchanges.contract(alice, bob, other, Optional.empty());
        problem(ABORT, Exchanges.abort(alice, contract.me1()), 422, "wrong-ttp");
        TtpIdentity otherKey = new TtpIdentity(exchanges.notary.url(), Hashes.h("another key".getBytes(StandardCharsets.UTF_8)));
        problem(RESOLVE, Exchanges.resolve(bob, exchanges.contract(alice, bob, otherKey, Optional.empty())), 422, "wrong-ttp");
    }

    @Test
    void aResolveAfterTheDeadlineIsRefused() {
        Contract contract = exchanges.contract(alice, bob, exchanges.notary, Optional.of(Instant.now().minusSeconds(5)));
        problem(RESOLVE, Exchanges.resolve(bob, contract), 422, "deadline-passed");
        // an abort is not subject to the deadline
        token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");
    }

    @Test
    void theResponderMayNotAbort() {
        Contract contract = exchanges.contract(alice, bob);
        problem(ABORT, Exchanges.abort(bob, contract.me1()), 403, "abort-by-responder");
    }

    @Test
    void aForgedSignatureIsRefused() throws Exception {
        Contract contract = exchanges.contract(alice, bob);
        ObjectNode envelope = (ObjectNode) JSON.readTree(Exchanges.abort(alice, contract.me1()));
        // a well-formed signature value, but of another statement by the same key
        ((ObjectNode) envelope.get("request")).put("signature", contract.me1().encodedSignature());
        problem(ABORT, envelope.toString(), 422, "bad-signature");
    }

    @Test
    void aPartyOfAnUntrustedCaIsRefused() {
        Party mallory = Exchanges.party(NotaryTestEnvironment.untrustedCa().issue("Mallory"));
        Contract contract = exchanges.contract(mallory, bob);
        problem(ABORT, Exchanges.abort(mallory, contract.me1()), 422, "certificate-untrusted");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        Party expired = Exchanges.party(NotaryTestEnvironment.partiesCa().issue("Old Alice",
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))));
        Contract contract = exchanges.contract(expired, bob);
        problem(ABORT, Exchanges.abort(expired, contract.me1()), 422, "certificate-expired");
    }

    @Test
    void aRevokedCertificateIsRefused() {
        Party revoked = Exchanges.party("Compromised Alice");
        NotaryTestEnvironment.partiesCa().revoke(revoked.certificate(), Instant.now().minusSeconds(3600));
        Contract contract = exchanges.contract(revoked, bob);
        problem(ABORT, Exchanges.abort(revoked, contract.me1()), 422, "certificate-revoked");
    }

    @Test
    void anUnknownRevocationStatusIsRefusedForNow() {
        Party dave = Exchanges.party("Dave");
        Contract contract = exchanges.contract(dave, bob);
        NotaryTestEnvironment.partiesCa().available(false);
        try {
            problem(ABORT, Exchanges.abort(dave, contract.me1()), 503, "revocation-unknown");
        } finally {
            NotaryTestEnvironment.partiesCa().available(true);
        }
        token(ABORT, Exchanges.abort(dave, contract.me1()), contract.id(), "aborted");
    }

    @Test
    void oversizedBodiesAreRefusedWith413() {
        byte[] body = new byte[2 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        given().contentType("application/json").body(body).when().post(ABORT)
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("payload-too-large"));
    }

    @Test
    void anotherContentTypeIsRefused() {
        given().contentType("text/plain").body("x").when().post(ABORT)
                .then().statusCode(415).contentType("application/problem+json").body("code", equalTo("unsupported-media-type"));
    }

    // ----- status statements and the log ---------------------------------------------------------------------------

    @Test
    void theStatusOfAnExchangeIsASignedLoggedStatement() throws Exception {
        Contract contract = exchanges.contract(alice, bob);

        io.restassured.path.json.JsonPath none = status(contract.id(), "semper-cs/1");
        assertThat(none.getString("state")).isEqualTo("none");
        assertThat(none.getString("token")).isNull();
        SignedStatement noneStatement = SignedStatement.parse(JSON.writeValueAsString(none.getMap("status")));
        assertThat(noneStatement.payload().get("state").asText()).isEqualTo("none");
        assertThat(noneStatement.payload().get("exchange").asText()).isEqualTo(contract.id());
        assertThat(noneStatement.payload().has("token")).isFalse();
        assertThat(noneStatement.signerCertificate()).isEqualTo(exchanges.signingCertificate);

        byte[] aborted = token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");
        Response response = given().get("/api/v1/exchanges/" + contract.id());
        response.then().statusCode(200).contentType("application/json");
        String body = response.asString();
        assertThat(body).contains(new String(aborted, StandardCharsets.UTF_8)); // the stored token, byte for byte
        io.restassured.path.json.JsonPath decided = response.jsonPath();
        assertThat(decided.getString("state")).isEqualTo("aborted");
        SignedStatement status = SignedStatement.parse(JSON.writeValueAsString(decided.getMap("status")));
        assertThat(status.payload().get("state").asText()).isEqualTo("aborted");
        assertThat(status.payload().get("token").asText()).isEqualTo(statement(aborted).id());

        assertThat(logEntries(contract.id(), "exchange-status")).containsExactly(noneStatement.toJson(), status.toJson());
    }

    @Test
    void statusQueriesAreCheckedToo() {
        given().get("/api/v1/exchanges/not-an-id").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed"));
        // 43 base64url characters, but not the canonical form of 32 bytes
        given().get("/api/v1/exchanges/" + "x".repeat(43) + "?protocol=semper-cs/1").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("malformed"));
        String undecided = Hashes.h("nothing".getBytes(StandardCharsets.UTF_8));
        given().get("/api/v1/exchanges/" + undecided).then().statusCode(400).body("code", equalTo("malformed"))
                .body("detail", containsString("protocol"));
        given().get("/api/v1/exchanges/" + undecided + "?protocol=semper-xx/1").then().statusCode(400)
                .body("code", equalTo("wrong-protocol"));
        Contract contract = exchanges.contract(alice, bob);
        token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");
        given().get("/api/v1/exchanges/" + contract.id() + "?protocol=semper-px/1").then().statusCode(400)
                .body("code", equalTo("wrong-protocol"));
    }

    @Test
    void everyTokenIsALogEntryWithAnInclusionProof() throws Exception {
        Contract contract = exchanges.contract(alice, bob);
        byte[] token = token(RESOLVE, Exchanges.resolve(bob, contract), contract.id(), "resolved");

        assertThat(logEntries(contract.id(), "exchange-token")).containsExactly(new String(token, StandardCharsets.UTF_8));
        String leaf = Base64.getUrlEncoder().withoutPadding().encodeToString(leafHash(token));
        long deadline = System.currentTimeMillis() + 15_000;
        int code;
        do {
            code = given().queryParam("hash", leaf).get("/log/proof/inclusion").statusCode();
            if (code != 200) {
                Thread.sleep(200);
            }
        } while (code != 200 && System.currentTimeMillis() < deadline);
        assertThat(code).as("the sequencer puts the token into a signed checkpoint").isEqualTo(200);
        given().queryParam("hash", leaf).get("/log/bundle").then().statusCode(200).body(startsWith("c2sp.org/tlog-proof@v1"));
    }

    // ----- post-hoc time-stamps -------------------------------------------------------------------------------------

    @Test
    void tokensAreTimeStampedLaterAndKeepTheirId() throws Exception {
        InProcessTsa tsa = NotaryTestEnvironment.tsa();
        Contract contract = exchanges.contract(alice, bob);
        byte[] issued = token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");
        assertThat(statement(issued).signatureTimeStamps()).as("the decision did not wait for the TSA").isEmpty();

        tsa.mode(InProcessTsa.Mode.GRANT);
        String stamped;
        try {
            long deadline = System.currentTimeMillis() + 20_000;
            do {
                Thread.sleep(200);
                stamped = statusToken(contract.id());
            } while (!stamped.contains("etsiU") && System.currentTimeMillis() < deadline);
        } finally {
            tsa.mode(InProcessTsa.Mode.DOWN);
        }
        SignedStatement bt = SignedStatement.parse(stamped);
        SignedStatement bb = statement(issued);
        assertThat(bt.signatureTimeStamps()).hasSize(1);
        assertThat(bt.id()).isEqualTo(bb.id());
        assertThat(bt.compact()).isEqualTo(bb.compact());
        TimeStampTokenVerifier verifier = new TimeStampTokenVerifier(TrustAnchors.fromPem(
                LocalEnvironmentTestResource.trustAnchorPem()));
        assertThat(SignatureTimeStamps.verify(verifier, bt, bt.signatureTimeStamps().get(0)).passed()).isTrue();
        // Every retry now gets the time-stamped token, byte for byte.
        byte[] retry = token(ABORT, Exchanges.abort(alice, contract.me1()), contract.id(), "aborted");
        assertThat(new String(retry, StandardCharsets.UTF_8)).isEqualTo(stamped);
        assertThat(logEntries(contract.id(), "exchange-token-stamped")).containsExactly(stamped);
        given().get("/q/metrics").then().statusCode(200).body(containsString("semper_exchange_timestamps_pending"));
    }

    // ----- the notary's own documents, health, operator -------------------------------------------------------------

    @Test
    void theNotaryPublishesItsIdentityCertificatesAndEscrowKey() throws Exception {
        io.restassured.path.json.JsonPath info = given().get("/api/v1/notary").then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("ttp.url")).isEqualTo("https://notary.test.example");
        assertThat(info.getString("ttp.certSha256")).isEqualTo(Hashes.fingerprint(exchanges.signingCertificate));
        assertThat(info.getList("protocols")).containsExactly("semper-cs/1", "semper-px/1");
        java.security.cert.X509Certificate escrow = Exchanges.firstCertificate(
                given().get("/api/v1/notary/escrow-key").then().statusCode(200)
                        .contentType("application/pem-certificate-chain").extract().asString());
        assertThat(escrow.getKeyUsage()[4]).as("keyAgreement").isTrue();
        assertThat(escrow.getKeyUsage()[0]).as("no digitalSignature").isFalse();
        assertThat(info.getString("escrow.certSha256")).isEqualTo(Hashes.fingerprint(escrow));
        assertThat(info.getString("log.verifierKey")).startsWith(info.getString("log.origin") + "+");
    }

    @Test
    void healthMetricsAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body(containsString("notary-keys"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("semper_log_size"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/exchanges/abort"));
    }

    @Test
    void onlyOperatorsMayClearTheRevocationCache() {
        given().post("/api/v1/operator/revocation-cache/clear").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("bob", Set.of("court")))
                .post("/api/v1/operator/revocation-cache/clear").then().statusCode(403).body("code", equalTo("forbidden"));
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator")))
                .post("/api/v1/operator/revocation-cache/clear").then().statusCode(204);
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    /** Posts a request that must be answered with a token for {@code exchangeId}; returns its exact bytes. */
    private static byte[] token(String path, String body, String exchangeId, String outcome) {
        Response response = given().contentType("application/json").body(body).when().post(path);
        response.then().statusCode(200).contentType("application/jose+json")
                .header("Semper-Exchange-Id", exchangeId)
                .header("Semper-Exchange-Outcome", outcome);
        byte[] token = response.asByteArray();
        assertThat(response.header("Semper-Token-Id")).isEqualTo(statement(token).id());
        return token;
    }

    private static void problem(String path, String body, int status, String code) {
        given().contentType("application/json").body(body).when().post(path)
                .then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code))
                .body("type", equalTo("urn:semper:problem:" + code))
                .body("status", equalTo(status));
    }

    private static io.restassured.path.json.JsonPath status(String exchangeId, String protocol) {
        var request = given();
        if (protocol != null) {
            request = request.queryParam("protocol", protocol);
        }
        return request.get("/api/v1/exchanges/" + exchangeId).then().statusCode(200).extract().jsonPath();
    }

    /** The stored token in a status answer, as JSON text (canonical: Jackson writes it back unchanged). */
    private static String statusToken(String exchangeId) {
        try {
            JsonNode token = JSON.readTree(given().get("/api/v1/exchanges/" + exchangeId).then().statusCode(200).extract()
                    .asString()).get("token");
            return token == null ? null : JSON.writeValueAsString(token);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static SignedStatement statement(byte[] token) {
        try {
            return SignedStatement.parse(new String(token, StandardCharsets.UTF_8));
        } catch (MalformedStatementException e) {
            throw new AssertionError("not a statement: " + new String(token, StandardCharsets.UTF_8), e);
        }
    }

    private static URI url(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }

    private static byte[] leafHash(byte[] entry) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((byte) 0);
        return sha256.digest(entry);
    }

    static List<String> logEntries(String ref, String kind) {
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement("SELECT entry FROM log_entry WHERE ref = ? AND kind = ? ORDER BY seq")) {
            q.setString(1, ref);
            q.setString(2, kind);
            List<String> entries = new ArrayList<>();
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    entries.add(new String(r.getBytes(1), StandardCharsets.UTF_8));
                }
            }
            return entries;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
