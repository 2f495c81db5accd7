package org.semper.ca.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPair;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;
import org.semper.ca.cover.Cover;
import org.semper.ca.cover.QcStatements;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.Race;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Who may enroll: one-time tokens from registration officers, bound to subject and profile. */
@QuarkusTest
class EnrollmentTokenTest {

    private static String csr(String subject) {
        return CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), subject));
    }

    @Test
    void emptyOrUnknownTokenIs401() {
        // (no token at all queues the request for an officer: EnrollmentRequestTest)
        CaClient.post(csr("CN=Anon"), "buyer", "").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("enrollment-token-required"));
        CaClient.post(csr("CN=Anon"), "buyer", "made-up-token").then().statusCode(401)
                .body("code", equalTo("enrollment-token-invalid"));
    }

    @Test
    void reusedTokenIs409() {
        String token = CaClient.token("CN=Once", "buyer");
        CaClient.post(csr("CN=Once"), "buyer", token).then().statusCode(201);
        CaClient.post(csr("CN=Once"), "buyer", token).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("enrollment-token-used"));
    }

    @Test
    void concurrentUsesOfOneTokenIssueExactlyOneCertificate() throws Exception {
        String token = CaClient.token("CN=Racer", "buyer");
        int racers = 4;
        java.util.List<java.util.concurrent.Callable<Integer>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String body = csr("CN=Racer");
            calls.add(() -> CaClient.post(body, "buyer", token).then().extract().statusCode());
        }
        java.util.List<Integer> statuses = Race.statuses(calls);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(racers - 1);
    }

    @Test
    void tokenForAnotherSubjectOrProfileIs403() {
        String token = CaClient.token("CN=Alice", "buyer");
        CaClient.post(csr("CN=Mallory"), "buyer", token).then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("subject-not-allowed"));
        CaClient.post(csr("CN=Alice,O=Alice Corp"), "merchant", token).then().statusCode(403)
                .body("code", equalTo("profile-not-allowed"));
        // the refusals did not use the token up
        CaClient.post(csr("CN=Alice"), "buyer", token).then().statusCode(201);
    }

    @Test
    void officerRaisesTheCoverForOneSubject() throws Exception {
        KeyPair keys = CaClient.ec("secp256r1");
        String token = CaClient.token("CN=Big Shop,O=Big Shop AG", "merchant", 250, 3);
        var cert = CaClient.enroll(keys, "CN=Big Shop,O=Big Shop AG", "merchant", token).certificate();
        byte[] qc = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.qCStatements.getId())).getOctets();
        assertThat(QcStatements.coverOf(qc)).contains(new Cover("EUR", 250, 3));

        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json")
                .body("{\"subject\":\"CN=Small,O=S\",\"profile\":\"merchant\",\"coverAmount\":5,\"coverExponent\":0}")
                .when().post("/api/v1/enrollment-tokens").then().statusCode(400).body("code", equalTo("cover-below-profile"));
    }

    @Test
    void tokenEndpointNeedsTheOfficerRole() {
        String body = "{\"subject\":\"CN=X\",\"profile\":\"buyer\"}";
        given().contentType("application/json").body(body).when().post("/api/v1/enrollment-tokens")
                .then().statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator")))
                .contentType("application/json").body(body).when().post("/api/v1/enrollment-tokens")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("forbidden"));
    }
}
