package org.semper.arbiter.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/** A court's view of the arbiter (OIDC role {@code court}), and waiting for what the background jobs do. */
public final class Court {
    private Court() {
    }

    public static String token() {
        return OidcWiremockTestResource.getAccessToken("judge", Set.of("court"));
    }

    public static JsonPath dispute(String id) {
        return given().auth().oauth2(token()).when().get("/api/v1/disputes/" + id).then().statusCode(200).extract()
                .jsonPath();
    }

    public static List<String> eventKinds(String id) {
        return dispute(id).getList("events.kind", String.class);
    }

    /** Waits (up to 60 s) until the dispute has an event of {@code kind}. */
    public static JsonPath awaitEvent(String id, String kind) {
        Instant end = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(end)) {
            JsonPath dispute = dispute(id);
            if (dispute.getList("events.kind", String.class).contains(kind)) {
                return dispute;
            }
            sleep();
        }
        throw new AssertionError("dispute " + id + " never had a " + kind + " event: " + eventKinds(id));
    }

    /**
     * Files an honest semper-cs/1 dispute (me1..me4) of the originator against the responder, lets the notice go out,
     * answers for the respondent and waits for the decision; returns the dispute id.
     */
    public static String decidedContractDispute(String amount) {
        ArbiterTestEnvironment.Parties p = ArbiterTestEnvironment.parties();
        Cases.Contract c = Cases.contract(p, ArbiterTestEnvironment.ttp().identity());
        org.semper.evidence.bundle.EvidenceBundle bundle = Cases.bundle(p, p.originator(),
                org.semper.evidence.bundle.ItemRole.ME1, c.me1(), org.semper.evidence.bundle.ItemRole.ME2, c.me2(),
                org.semper.evidence.bundle.ItemRole.ME3, c.me3(), org.semper.evidence.bundle.ItemRole.ME4, c.me4());
        String id = given().contentType("application/json").body(Cases.filing(Cases.claim(p.originator(),
                org.semper.evidence.verdict.ClaimType.CONTRACT_BINDING, p.responder(), amount, c.exchange(), bundle),
                bundle)).when().post("/api/v1/disputes").then().statusCode(201).extract().path("id");
        awaitEvent(id, "notice-submitted");
        given().contentType("application/json").body(Cases.bundle(p, p.responder(),
                org.semper.evidence.bundle.ItemRole.ME1, c.me1()).toJson())
                .when().post("/api/v1/disputes/" + id + "/responses").then().statusCode(201);
        awaitDecision(id);
        return id;
    }

    public static JsonPath awaitDecision(String id) {
        JsonPath dispute = awaitEvent(id, "decided");
        Instant end = Instant.now().plus(Duration.ofSeconds(30));
        while (!"decided".equals(dispute.getString("state")) && Instant.now().isBefore(end)) {
            sleep();
            dispute = dispute(id);
        }
        return dispute;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
