package org.semper.ca.revocation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.CaClient.Enrolled;

import io.quarkus.test.junit.QuarkusTest;

/** A subject revokes its own certificate with a statement signed by the certified key. */
@QuarkusTest
class SubjectRevocationTest {

    private static io.restassured.response.ValidatableResponse send(String statement) {
        return given().contentType("application/json").body(statement).when().post("/api/v1/revocations").then();
    }

    @Test
    void subjectRevokesWithItsOwnKeyOnce() {
        Enrolled me = CaClient.enroll("CN=Self Revoker", "buyer");
        String request = CaClient.signed(me, "semper-ca-revocation-request", Map.of("serial", me.serial(), "reason", "keyCompromise"));
        send(request).statusCode(200).body("status", equalTo("revoked")).body("reason", equalTo("keyCompromise"));
        given().when().get("/api/v1/certificates/" + me.serial()).then().body("status", equalTo("revoked"));
        send(request).statusCode(409).contentType("application/problem+json").body("code", equalTo("already-revoked"));
    }

    @Test
    void anotherKeyCannotRevokeMyCertificate() {
        Enrolled victim = CaClient.enroll("CN=Victim", "buyer");
        Enrolled attacker = CaClient.enroll("CN=Attacker", "buyer");
        send(CaClient.signed(attacker, "semper-ca-revocation-request", Map.of("serial", victim.serial(), "reason", "keyCompromise")))
                .statusCode(403).contentType("application/problem+json").body("code", equalTo("revocation-signature-invalid"));
        given().when().get("/api/v1/certificates/" + victim.serial()).then().body("status", equalTo("good"));
    }

    @Test
    void wrongStatementTypeOrGarbageIsRefused() {
        Enrolled me = CaClient.enroll("CN=Typo Revoker", "buyer");
        send(CaClient.signed(me, "semper-ca-claim", Map.of("serial", me.serial()))).statusCode(400)
                .body("code", equalTo("malformed-request"));
        send("{\"not\":\"a statement\"}").statusCode(400).body("code", equalTo("malformed-request"));
        given().when().get("/api/v1/certificates/" + me.serial()).then().body("status", equalTo("good"));
    }
}
