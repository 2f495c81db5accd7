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
