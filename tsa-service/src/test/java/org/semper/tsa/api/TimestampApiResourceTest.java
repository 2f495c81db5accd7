package org.semper.tsa.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TimestampApiResourceTest {

    @Test
    void timestampsAHexHashAndReturnsTheDecodedToken() throws Exception {
        byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA3_256, "invoice 17".getBytes());
        String token = given().contentType("application/json")
                .body(Map.of("hashAlgorithm", "SHA3-256", "hash", HexFormat.of().formatHex(digest), "nonce", "99"))
                .when().post("/api/v1/timestamp")
                .then().statusCode(200)
                .body("hashAlgorithm", equalTo("SHA3-256"))
                .body("hash", equalTo(HexFormat.of().formatHex(digest)))
                .body("nonce", equalTo("99"))
                .body("serialNumber", notNullValue())
                .body("genTime", notNullValue())
                .body("accuracy", equalTo("PT1S"))
                .extract().path("token");
        TimeStampToken parsed = new TimeStampToken(new CMSSignedData(Base64.getDecoder().decode(token)));
        assertThat(parsed.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(parsed.getTimeStampInfo().getMessageImprintAlgOID()).isEqualTo(ImprintAlgorithm.SHA3_256.oid());
    }

    @Test
    void acceptsBase64Hashes() {
        byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA_384, "x".getBytes());
        given().contentType("application/json")
                .body(Map.of("hashAlgorithm", "sha384", "hash", Base64.getEncoder().encodeToString(digest)))
                .when().post("/api/v1/timestamp")
                .then().statusCode(200).body("hashAlgorithm", equalTo("SHA-384"));
    }

    @Test
    void refusesSha1AsBadAlgProblem() {
        given().contentType("application/json").body(Map.of("hashAlgorithm", "SHA-1", "hash", "00".repeat(20)))
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("bad-alg")).body("status", equalTo(400)).body("type", equalTo("urn:semper:problem:bad-alg"));
    }

    @Test
    void refusesUnknownAlgorithmAsBadAlgProblem() {
        given().contentType("application/json").body(Map.of("hashAlgorithm", "WHIRLPOOL", "hash", "00"))
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("bad-alg"));
    }

    @Test
    void refusesWrongLengthAsBadDataFormatProblem() {
        given().contentType("application/json").body(Map.of("hashAlgorithm", "SHA-256", "hash", "abcd"))
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("bad-data-format"));
    }

    @Test
    void refusesUnknownPolicyAsProblem() {
        given().contentType("application/json")
                .body(Map.of("hashAlgorithm", "SHA-256", "hash", "00".repeat(32), "policy", "1.2.3.4"))
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("unaccepted-policy"));
    }

    @Test
    void refusesOversizedBodies() {
        String huge = "{\"hashAlgorithm\":\"SHA-256\",\"hash\":\"" + "a".repeat(100_000) + "\"}";
        given().contentType("application/json").body(huge)
                .when().post("/api/v1/timestamp")
                .then().statusCode(413).contentType("application/problem+json").body("code", equalTo("payload-too-large"));
        given().contentType("application/timestamp-query").body(new byte[100_000])
                .when().post("/tsa")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void refusesMalformedJsonAndMissingFields() {
        given().contentType("application/json").body("{\"hashAlgorithm\": ")
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
        given().contentType("application/json").body("{}")
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
        given().contentType("application/json").body(Map.of("hashAlgorithm", "SHA-256", "hash", "!!not-base64!!"))
                .when().post("/api/v1/timestamp")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
    }
}
