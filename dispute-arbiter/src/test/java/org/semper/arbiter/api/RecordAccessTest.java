package org.semper.arbiter.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.arbiter.testing.ArbiterTestEnvironment;
import org.semper.arbiter.testing.Cases;
import org.semper.arbiter.testing.Court;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.verdict.ClaimType;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Who may read the record: courts with OIDC role court; each party its own dispute, by a signed request. */
@QuarkusTest
class RecordAccessTest {
    private static String decided;

    /** One decided dispute for all tests (RestAssured knows the port only per test, so not in {@code @BeforeAll}). */
    @BeforeEach
    void decideOne() {
        if (decided == null) {
            decided = Court.decidedContractDispute("5");
        }
    }

    @Test
    void courtsListAndFetch() {
        given().auth().oauth2(Court.token()).when().get("/api/v1/disputes").then().statusCode(200)
                .body("find { it.id == '" + decided + "' }.state", equalTo("decided"));
        given().auth().oauth2(Court.token()).when().get("/api/v1/disputes/" + decided + "/transcript").then()
                .statusCode(200).contentType("application/jose+json");
    }

    @Test
    void withoutATokenIs401() {
        given().when().get("/api/v1/disputes").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().when().get("/api/v1/disputes/" + decided + "/bundle").then().statusCode(401);
    }

    @Test
    void withoutTheCourtRoleIs403() {
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("clerk", Set.of("operator")))
                .when().get("/api/v1/disputes/" + decided + "/transcript").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void anUndecidedDisputeHasNoTranscript() {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        Cases.Contract c = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
        EvidenceBundle bundle = Cases.bundle(p, p.originator(), ItemRole.ME1, c.me1(), ItemRole.ME2, c.me2());
        String open = given().contentType("application/json").body(Cases.filing(Cases.claim(p.originator(),
                ClaimType.CONTRACT_BINDING, p.responder(), "5", c.exchange(), bundle), bundle))
                .when().post("/api/v1/disputes").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Court.token()).when().get("/api/v1/disputes/" + open + "/transcript").then()
                .statusCode(409).body("code", equalTo("not-decided"));
    }

    @Test
    void eachPartyFetchesItsOwnRecordOncePerRequest() {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        String request = access(p.responder(), "transcript");
        byte[] transcript = given().contentType("application/json").body(request)
                .when().post("/api/v1/disputes/" + decided + "/record").then().statusCode(200)
                .contentType("application/jose+json").extract().asByteArray();
        try {
            assertThat(org.semper.evidence.statement.SignedStatement.parse(new String(transcript,
                    java.nio.charset.StandardCharsets.UTF_8), Integer.MAX_VALUE).type()).isEqualTo("semper-transcript+json");
        } catch (org.semper.evidence.statement.MalformedStatementException e) {
            throw new AssertionError(e);
        }
        given().contentType("application/json").body(request).when().post("/api/v1/disputes/" + decided + "/record")
                .then().statusCode(409).body("code", equalTo("access-request-replayed"));
        given().contentType("application/json").body(access(p.originator(), "pdf"))
                .when().post("/api/v1/disputes/" + decided + "/record").then().statusCode(200)
                .contentType("application/pdf");
    }

    @Test
    void nonPartiesStaleAndUnsignedRequestsAreRefused() {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        for (String request : new String[] {access(p.stranger(), "transcript"),
            p.originator().sign(org.semper.arbiter.api.PartyAccess.TYPE, Map.of("dispute", decided, "what", "transcript",
                    "nonce", Hashes.b64u(Hashes.random32())), Instant.now().minusSeconds(3600)).toJson(),
            "{\"dispute\":\"" + decided + "\"}"}) {
            given().contentType("application/json").body(request).when().post("/api/v1/disputes/" + decided + "/record")
                    .then().statusCode(403).contentType("application/problem+json")
                    .body("code", equalTo("access-request-invalid"));
        }
    }

    private String access(CasePki.Party party, String what) {
        return party.sign(org.semper.arbiter.api.PartyAccess.TYPE, Map.of("dispute", decided, "what", what, "nonce",
                Hashes.b64u(Hashes.random32())), Instant.now()).toJson();
    }
}
