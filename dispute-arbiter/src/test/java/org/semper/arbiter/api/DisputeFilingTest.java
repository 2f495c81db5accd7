package org.semper.arbiter.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.semper.arbiter.testing.ArbiterTestEnvironment;
import org.semper.arbiter.testing.Cases;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.verdict.Claim;
import org.semper.evidence.verdict.ClaimType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Every way a filing or a response is refused, each with its problem+json code; and the multipart form. */
@QuarkusTest
class DisputeFilingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
    private final Cases.Contract c = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
    private final EvidenceBundle bundle = Cases.bundle(p, p.originator(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2());
    private final SignedStatement claim = Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "100",
            c.exchange(), bundle);

    private static ValidatableResponse file(String body) {
        return given().contentType("application/json").body(body).when().post("/api/v1/disputes").then();
    }

    private static void refused(ValidatableResponse response, int status, String code) {
        response.statusCode(status).contentType("application/problem+json").body("code", equalTo(code));
    }

    @Test
    void aBodyThatIsNotJsonIsAMalformedBundle() {
        refused(file("{not json"), 400, "malformed-bundle");
    }

    @Test
    void aMissingClaimIsAnUnsignedClaim() {
        refused(file("{\"bundle\":" + new String(bundle.toJson(), StandardCharsets.UTF_8) + "}"), 400, "unsigned-claim");
    }

    @Test
    void aClaimThatIsNoSignedStatementIsAnUnsignedClaim() {
        refused(file(Cases.filing("{\"type\":\"payment-due\"}", bundle.toJson())), 400, "unsigned-claim");
    }

    @Test
    void anUnknownClaimTypeIsRefused() {
        Map<String, Object> payload = new LinkedHashMap<>(Claim.payload(ClaimType.CONTRACT_BINDING,
                p.responder().fingerprint(), "1", "EUR", c.exchange(), null, null, null));
        payload.put("type", "world-peace");
        refused(file(Cases.filing(p.originator().sign(Claim.TYPE, payload, Instant.now()), bundle)), 400,
                "unknown-claim-type");
    }

    @Test
    void aClaimWhoseSignatureDoesNotVerifyIsRefused() {
        String[] parts = claim.compact().split("\\.");
        String other = p.originator().sign(Claim.TYPE, Map.of("x", "y"), Instant.now()).encodedSignature();
        String forged = "{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1] + "\",\"signature\":\"" + other + "\"}";
        refused(file(Cases.filing(forged, bundle.toJson())), 400, "claim-signature-invalid");
    }

    @Test
    void aClaimantUnderAnUntrustedCaIsRefused() {
        CasePki.Party outsider = new CasePki("Untrusted").party("Outsider", null);
        refused(file(Cases.filing(Cases.claim(outsider, ClaimType.CONTRACT_BINDING, p.responder(), "1", c.exchange(),
                bundle), bundle)), 403, "claim-untrusted");
    }

    @Test
    void anItemWhoseBytesDoNotMatchTheManifestIsRefused() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(bundle.toJson());
        String me1 = document.path("items").path("me1-1").asText();
        byte[] altered = Base64.getUrlDecoder().decode(me1);
        altered[altered.length - 3] ^= 1;
        ((ObjectNode) document.path("items")).put("me1-1", Base64.getUrlEncoder().withoutPadding().encodeToString(altered));
        refused(file(Cases.filing(claim.toJson(), document.toString().getBytes(StandardCharsets.UTF_8))), 400,
                "item-hash-mismatch");
    }

    @Test
    void anItemWithAnUnknownRoleIsRefused() {
        byte[] content = "gossip".getBytes(StandardCharsets.UTF_8);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "x");
        item.put("role", "gossip");
        item.put("mediaType", "text/plain");
        item.put("size", content.length);
        item.put("sha256", org.semper.evidence.exchange.Hashes.h(content));
        SignedStatement manifest = p.originator().sign(EvidenceBundle.MANIFEST_TYPE, Map.of("format",
                EvidenceBundle.FORMAT, "items", List.of(item)), Instant.now());
        String document = "{\"manifest\":" + manifest.toJson() + ",\"items\":{\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(content) + "\"}}";
        refused(file(Cases.filing(claim.toJson(), document.getBytes(StandardCharsets.UTF_8))), 400, "unknown-role");
    }

    @Test
    void anOversizedBundleIsRefusedBeforeItsItemsAreRead() {
        EvidenceBundle big = EvidenceBundle.builder().add(ItemRole.ME1, c.me1(), "")
                .add(ItemRole.OTHER, "application/octet-stream", new byte[1_100_000], "padding")
                .sign(p.originator().signer(Instant.now()));
        refused(file(Cases.filing(claim.toJson(), big.toJson())), 413, "bundle-too-large");
    }

    @Test
    void aBundleSignedByAnotherPartyIsRefused() {
        EvidenceBundle responders = Cases.bundle(p, p.responder(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2());
        refused(file(Cases.filing(Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "1",
                c.exchange(), null), responders)), 403, "bundle-not-submitters");
    }

    @Test
    void aClaimNamingAnotherBundleIsRefused() {
        EvidenceBundle other = Cases.bundle(p, p.originator(), ItemRole.ME1, c.me1());
        refused(file(Cases.filing(claim, other)), 400, "bundle-mismatch");
    }

    @Test
    void aClaimByANonPartyIsRefused() {
        EvidenceBundle strangers = Cases.bundle(p, p.stranger(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2());
        refused(file(Cases.filing(Cases.claim(p.stranger(), ClaimType.CONTRACT_BINDING, p.responder(), "1",
                c.exchange(), strangers), strangers)), 403, "claimant-not-party");
    }

    @Test
    void aClaimAboutAnExchangeNotInTheBundleIsRefused() {
        Cases.Contract other = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
        refused(file(Cases.filing(Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "1",
                other.exchange(), bundle), bundle)), 422, "exchange-not-in-bundle");
    }

    @Test
    void theRespondentsCertificateMustBeInTheBundle() {
        EvidenceBundle onlyMe1 = EvidenceBundle.builder().add(ItemRole.ME1, c.me1(), "")
                .sign(p.originator().signer(Instant.now()));
        refused(file(Cases.filing(Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "1",
                c.exchange(), onlyMe1), onlyMe1)), 422, "respondent-unknown");
    }

    @Test
    void aClaimIsFiledOnce() {
        String body = Cases.filing(claim, bundle);
        file(body).statusCode(201);
        refused(file(body), 409, "duplicate-claim");
    }

    @Test
    void onlyTheRespondentAnswersAndOnlyOnce() {
        String id = file(Cases.filing(claim, bundle)).statusCode(201).extract().path("id");
        EvidenceBundle strangers = Cases.bundle(p, p.stranger(), ItemRole.ME1, c.me1());
        refused(given().contentType("application/json").body(strangers.toJson())
                .when().post("/api/v1/disputes/" + id + "/responses").then(), 403, "not-respondent");
        EvidenceBundle answer = Cases.bundle(p, p.responder(), ItemRole.ME1, c.me1());
        given().contentType("application/json").body(answer.toJson()).when().post("/api/v1/disputes/" + id + "/responses")
                .then().statusCode(201).body("id", equalTo(id));
        EvidenceBundle again = Cases.bundle(p, p.responder(), ItemRole.ME2, c.me2());
        ValidatableResponse second = given().contentType("application/json").body(again.toJson())
                .when().post("/api/v1/disputes/" + id + "/responses").then().statusCode(409)
                .contentType("application/problem+json");
        String code = second.extract().path("code");
        org.assertj.core.api.Assertions.assertThat(code).isIn("already-responded", "already-decided");
    }

    @Test
    void aResponseToAnUnknownDisputeIs404() {
        refused(given().contentType("application/json").body(bundle.toJson())
                .when().post("/api/v1/disputes/00000000-0000-0000-0000-000000000000/responses").then(), 404, "not-found");
    }

    @Test
    void aDisputeMayBeFiledAsMultipartWithDetachedItems() {
        EvidenceBundle detached = EvidenceBundle.builder().add(ItemRole.ME1, c.me1(), "").add(ItemRole.ME2, c.me2(), "")
                .add(ItemRole.CRL, "application/pkix-crl", Cases.crl(p), "").detach("me2-1")
                .sign(p.originator().signer(Instant.now()));
        SignedStatement multipartClaim = Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "2",
                c.exchange(), detached);
        given().multiPart("claim", multipartClaim.toJson()).multiPart("bundle", new String(detached.toJson(),
                StandardCharsets.UTF_8)).multiPart("me2-1", "me2.json", c.me2().toJson().getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/disputes").then().statusCode(201).body("claimId", equalTo(multipartClaim.id()));
        refused(given().multiPart("claim", Cases.claim(p.originator(), ClaimType.CONTRACT_BINDING, p.responder(), "3",
                c.exchange(), detached).toJson()).multiPart("bundle", new String(detached.toJson(), StandardCharsets.UTF_8))
                .when().post("/api/v1/disputes").then(), 400, "missing-item");
    }
}
