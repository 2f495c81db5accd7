package org.semper.tsa.record;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.util.Base64;
import java.util.Set;

import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Lookup by serial is for the OIDC role {@code operator}, with real signed bearer tokens from a test OIDC server. */
@QuarkusTest
class TokenLookupResourceTest {

    @Test
    void operatorFindsAnIssuedTokenBySerialDecimalOrHex() throws Exception {
        TimeStampToken token = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], BigInteger.ONE, true, null))
                .getTimeStampToken();
        BigInteger serial = token.getTimeStampInfo().getSerialNumber();
        String expected = Base64.getEncoder().encodeToString(token.getEncoded("DER"));
        String bearer = OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator"));
        given().auth().oauth2(bearer).when().get("/api/v1/tokens/" + serial)
                .then().statusCode(200).body("token", equalTo(expected)).body("hashAlgorithm", equalTo("SHA-256"))
                .body("nonce", equalTo("1"));
        given().auth().oauth2(bearer).when().get("/api/v1/tokens/0x" + serial.toString(16))
                .then().statusCode(200).body("serialNumber", equalTo(serial.toString()));
    }

    @Test
    void unknownSerialIsA404Problem() {
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator")))
                .when().get("/api/v1/tokens/7")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("not-found"));
    }

    @Test
    void malformedSerialIsA400Problem() {
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator")))
                .when().get("/api/v1/tokens/-5")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-request"));
    }

    @Test
    void withoutTokenIs401() {
        given().when().get("/api/v1/tokens/1").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
    }

    @Test
    void withoutOperatorRoleIs403() {
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("bob", Set.of("court")))
                .when().get("/api/v1/tokens/1").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
    }

    @Test
    void forgedTokenIs401() {
        String bearer = OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator"));
        String forged = bearer.substring(0, bearer.lastIndexOf('.') + 1) + "AAAA" + bearer.substring(bearer.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).when().get("/api/v1/tokens/1").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
    }
}
