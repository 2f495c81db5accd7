package org.semper.arbiter.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.semper.arbiter.testing.ArbiterTestEnvironment;
import org.semper.arbiter.testing.Cases;
import org.semper.arbiter.testing.Court;
import org.semper.arbiter.testing.StandInRelay;
import org.semper.arbiter.testing.Tokens;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.TlogProof;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TimeSource;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.evidence.verdict.CaseFile;
import org.semper.evidence.verdict.ClaimType;
import org.semper.evidence.verdict.TranscriptCheck;
import org.semper.evidence.verdict.VerdictEngine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A dispute from filing to transcript, against the running arbiter: notice through the certified-mail relay (retried
 * while it is down), the respondent's answer, the TTP's view, the decision by the scheduled job, the signed, logged,
 * time-stamped transcript, its HTML and PDF renderings, and the court's recomputation of the verdict from the case
 * bundle with the same engine.
 */
@QuarkusTest
class DisputeLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDisputeIsNoticedAnsweredDecidedTranscribedAndRecomputable() throws Exception {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        Cases.Contract c = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
        EvidenceBundle bundle = Cases.bundle(p, p.originator(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2(),
                ItemRole.ME3, c.me3(), ItemRole.ME4, c.me4());
        SignedStatement claim = Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "100.00",
                c.exchange(), bundle);
        String id = given().contentType("application/json").body(Cases.filing(claim, bundle))
                .when().post("/api/v1/disputes")
                .then().statusCode(201).body("state", equalTo("filed")).body("claimId", equalTo(claim.id()))
                .extract().path("id");

        JsonPath noticed = Court.awaitEvent(id, "notice-submitted");
        assertThat(noticed.getString("respondBy")).isNotNull();
        StandInRelay relay = ArbiterTestEnvironment.relay();
        String eoo = relay.submitted().entrySet().stream()
                .filter(e -> e.getValue().payload().path("subject").asText().equals("Notice of dispute " + id))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        relay.handOver(eoo);
        Court.awaitEvent(id, "notice-delivered");

        EvidenceBundle answer = Cases.bundle(p, p.responder(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2());
        given().contentType("application/json").body(answer.toJson()).when().post("/api/v1/disputes/" + id + "/responses")
                .then().statusCode(201);

        JsonPath decided = Court.awaitDecision(id);
        assertThat(decided.getString("verdict")).isEqualTo("upheld");
        assertThat(decided.getList("events.kind", String.class)).containsSubsequence("filed", "notice-submitted",
                "notice-delivered", "response-filed", "ttp-view-fetched", "decided");
        String transcriptId = decided.getString("transcriptId");

        // The transcript: a valid JAdES statement of the arbiter, time-stamped once the TSA answered.
        SignedStatement transcript = awaitTimeStamped(id);
        assertThat(transcript.id()).isEqualTo(transcriptId);
        StatementValidation validation = new StatementValidator(ArbiterTestEnvironment.trust().signers(),
                ValidationPolicy.defaults()).validate(transcript, RevocationData.empty());
        assertThat(validation.timeSource()).contains(TimeSource.TIMESTAMPED);
        assertThat(validation.subIndication()).as(validation.message()).isEqualTo(SubIndication.TRY_LATER);
        JsonNode payload = transcript.payload();
        assertThat(payload.path("verdict").asText()).isEqualTo("upheld");
        assertThat(payload.path("parties").path("claimant").path("certificate").asText()).isEqualTo(p.originator().fingerprint());
        JsonNode liability = payload.path("decision").path("liability");
        assertThat(liability.path("party").asText()).isEqualTo(p.responder().fingerprint());
        assertThat(liability.path("amount").asText()).isEqualTo("100.00");
        assertThat(liability.path("cover").path("value").asText()).isEqualTo("200");
        assertThat(liability.path("coveredAmount").asText()).isEqualTo("100.00");
        assertThat(payload.path("decision").path("reasons").get(0).path("code").asText()).isEqualTo("contract-binds");

        // The court recomputes the verdict from the case bundle with the same engine: byte-identical.
        byte[] caseBundle = given().auth().oauth2(Court.token()).when().get("/api/v1/disputes/" + id + "/bundle")
                .then().statusCode(200).extract().asByteArray();
        EvidenceBundle read = new EvidenceBundleReader().read(caseBundle);
        assertThat(read.id()).isEqualTo(payload.path("bundles").path("case").asText());
        byte[] recomputed = VerdictEngine.standard().decide(CaseFile.of(read, ArbiterTestEnvironment.trust(),
                ValidationPolicy.defaults(), Instant.parse(payload.path("decision").path("decidedAt").asText())))
                .canonicalJson();
        assertThat(new String(recomputed, StandardCharsets.UTF_8))
                .isEqualTo(new String(CanonicalJson.serialize(payload.path("decision")), StandardCharsets.UTF_8));
        TranscriptCheck.Result check = TranscriptCheck.check(transcript, read, ArbiterTestEnvironment.trust(),
                RevocationData.empty());
        assertThat(check.verdictMatches()).as(check.problem().orElse("")).isTrue();

        // In the arbiter's transparency log, as logged at the decision (the B-B statement).
        byte[] leaf = MerkleHash.leaf(TranscriptCheck.loggedBytes(transcript));
        String verifierKey = given().when().get("/log/key").then().statusCode(200).extract().path("verifierKey");
        String proof = awaitProof(Base64.getEncoder().encodeToString(leaf));
        NoteVerifier key = NoteVerifier.fromVerifierKey(verifierKey);
        assertThat(TlogProof.parse(proof).verify(leaf, key.keyName(), key).treeSize()).isPositive();

        // Renderings carry the same verdict and statement id.
        String html = given().auth().oauth2(Court.token()).when().get("/api/v1/disputes/" + id + "/transcript.html")
                .then().statusCode(200).contentType("text/html").extract().asString();
        assertThat(html).contains(transcriptId).contains("Verdict: upheld").contains("contract-binds");
        byte[] pdf = given().auth().oauth2(Court.token()).when().get("/api/v1/disputes/" + id + "/transcript.pdf")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Verdict: UPHELD").contains(transcriptId.substring(0, 20));
            assertThat(document.getDocumentInformation().getKeywords()).contains(transcriptId);
        }

        // The cover is stated, but no claims ledger is configured in the tests: the event says so.
        assertThat(Court.awaitEvent(id, "ledger-claim-failed").getList("events.detail", String.class))
                .anySatisfy(d -> assertThat(d).contains("no claims ledger is configured"));
    }

    @Test
    void aNoticeTheRelayCannotTakeIsRecordedAndRetried() throws Exception {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        StandInRelay relay = ArbiterTestEnvironment.relay();
        Cases.Contract c = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
        EvidenceBundle bundle = Cases.bundle(p, p.originator(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2());
        relay.up(false);
        try {
            String id = given().contentType("application/json").body(Cases.filing(Cases.claim(p.originator(),
                    ClaimType.CONTRACT_BINDING, p.responder(), "1", c.exchange(), bundle), bundle))
                    .when().post("/api/v1/disputes").then().statusCode(201).extract().path("id");
            JsonPath failed = Court.awaitEvent(id, "notice-failed");
            assertThat(failed.getString("respondBy")).isNull();
            relay.up(true);
            JsonPath submitted = Court.awaitEvent(id, "notice-submitted");
            assertThat(submitted.getString("respondBy")).isNotNull();
            assertThat(submitted.getList("events.kind", String.class)).containsSubsequence("filed", "notice-failed",
                    "notice-submitted");
        } finally {
            relay.up(true);
        }
    }

    @Test
    void anUnreachableTtpLeavesTheVerdictIndeterminateNamingItsStatus() throws Exception {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        Cases.Contract c = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
        SignedStatement at = Tokens.aborted(p, ArbiterTestEnvironment.ttp(), c);
        RevocationData ttpRevocation = Tokens.ttpRevocation(ArbiterTestEnvironment.ttp(), ArbiterTestEnvironment.ttpCaRoot());
        EvidenceBundle.Builder builder = EvidenceBundle.builder().add(ItemRole.ME1, c.me1(), "")
                .add(ItemRole.ABORT_TOKEN, at, "").add(ItemRole.CRL, "application/pkix-crl", Cases.crl(p), "");
        for (var crl : ttpRevocation.crls()) {
            builder.add(ItemRole.CRL, "application/pkix-crl", crl.getEncoded(), "the TTP's CA");
        }
        for (var ocsp : ttpRevocation.ocspResponses()) {
            builder.add(ItemRole.OCSP, "application/ocsp-response", new org.bouncycastle.cert.ocsp.OCSPRespBuilder()
                    .build(org.bouncycastle.cert.ocsp.OCSPRespBuilder.SUCCESSFUL, ocsp).getEncoded(), "the TTP's CA");
        }
        builder.add(ItemRole.CERTIFICATE, "application/pkix-cert", p.responder().certificate().getEncoded(), "R");
        EvidenceBundle bundle = builder.sign(p.originator().signer(Instant.now().minusSeconds(20)));
        ArbiterTestEnvironment.ttp().up(false);
        try {
            String id = given().contentType("application/json").body(Cases.filing(Cases.claim(p.originator(),
                    ClaimType.CONTRACT_NOT_BINDING, p.responder(), "0", c.exchange(), bundle), bundle))
                    .when().post("/api/v1/disputes").then().statusCode(201).extract().path("id");
            Court.awaitEvent(id, "notice-submitted");
            EvidenceBundle answer = Cases.bundle(p, p.responder(), ItemRole.ME1, c.me1());
            given().contentType("application/json").body(answer.toJson())
                    .when().post("/api/v1/disputes/" + id + "/responses").then().statusCode(201);
            JsonPath decided = Court.awaitDecision(id);
            assertThat(decided.getString("verdict")).isEqualTo("indeterminate");
            assertThat(decided.getList("events.kind", String.class)).contains("ttp-view-missing");
            JsonNode decision = awaitTimeStamped(id).payload().path("decision");
            assertThat(decision.path("missing").findValuesAsText("code")).contains("ttp-status");
            assertThat(decision.path("reasons").findValuesAsText("code")).contains("no-contract");
        } finally {
            ArbiterTestEnvironment.ttp().up(true);
        }
    }

    static SignedStatement awaitTimeStamped(String id) throws Exception {
        for (int i = 0; i < 120; i++) {
            byte[] served = given().auth().oauth2(Court.token()).when().get("/api/v1/disputes/" + id + "/transcript")
                    .then().statusCode(200).contentType("application/jose+json").extract().asByteArray();
            SignedStatement transcript = SignedStatement.parse(new String(served, StandardCharsets.UTF_8), Integer.MAX_VALUE);
            if (!transcript.signatureTimeStamps().isEmpty()) {
                return transcript;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("transcript of " + id + " never time-stamped");
    }

    private static String awaitProof(String leafHash) throws InterruptedException {
        for (int i = 0; i < 40; i++) {
            var response = given().queryParam("hash", leafHash).when().get("/log/bundle");
            if (response.statusCode() == 200) {
                return response.asString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no log proof for " + leafHash);
    }

    static Map<String, Object> json(String text) throws Exception {
        return JSON.readValue(text, Map.class);
    }
}
