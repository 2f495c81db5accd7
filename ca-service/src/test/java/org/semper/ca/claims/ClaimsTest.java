package org.semper.ca.claims;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.Race;
import org.semper.ca.testing.CaClient.Enrolled;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/** The claims ledger: signed claims, officer decisions, and a cover the database never lets payouts exceed. */
@QuarkusTest
class ClaimsTest {

    private static Response file(Enrolled claimant, String serial, String amount, String currency) {
        String statement = CaClient.signed(claimant, "semper-ca-claim", Map.of("certificateSerial", serial, "amount", amount,
                "currency", currency, "grounds", "The certified merchant was an impostor",
                "evidence", List.of("arbitration:transcript:42")));
        return given().contentType("application/json").body(statement).when().post("/api/v1/claims");
    }

    private static Response decide(String id, String decision) {
        return given().auth().oauth2(CaClient.officerBearer()).contentType("application/json")
                .body("{\"decision\":\"" + decision + "\",\"note\":\"vetted\"}").when().post("/api/v1/claims/" + id + "/decision");
    }

    @Test
    void claimIsFiledAcceptedAndPaidFromTheCover() {
        Enrolled merchant = CaClient.enroll("CN=Claimed Shop,O=Claimed Shop GmbH", "merchant"); // 10 000 EUR
        Enrolled buyer = CaClient.enroll("CN=Wronged Buyer", "buyer");
        String id = file(buyer, merchant.serial(), "2500.50", "EUR").then().statusCode(201)
                .body("status", equalTo("pending")).body("evidence[0]", equalTo("arbitration:transcript:42"))
                .extract().path("id");
        given().when().get("/api/v1/claims/" + id).then().statusCode(200).body("status", equalTo("pending"))
                .body("claimantSubject", equalTo("CN=Wronged Buyer"));
        decide(id, "accept").then().statusCode(200).body("status", equalTo("accepted"))
                .body("remainingCover", equalTo(7499.5f));
        decide(id, "reject").then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("claim-already-decided"));
        given().when().get("/api/v1/claims/" + id).then().body("status", equalTo("accepted"));
    }

    @Test
    void claimAboveTheRemainingCoverIsRefused() {
        Enrolled buyerTarget = CaClient.enroll("CN=Small Cover Buyer", "buyer"); // 1 000 EUR
        Enrolled claimant = CaClient.enroll("CN=Greedy Claimant", "buyer");
        file(claimant, buyerTarget.serial(), "1000.01", "EUR").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("claim-exceeds-cover"))
                .body("remainingCover", equalTo("1000"));
        file(claimant, buyerTarget.serial(), "10", "USD").then().statusCode(400).body("code", equalTo("currency-mismatch"));
        String first = file(claimant, buyerTarget.serial(), "800", "EUR").then().statusCode(201).extract().path("id");
        decide(first, "accept").then().statusCode(200);
        file(claimant, buyerTarget.serial(), "300", "EUR").then().statusCode(409).body("code", equalTo("claim-exceeds-cover"))
                .body("remainingCover", equalTo("200"));
    }

    @Test
    void claimSignedWithARevokedCertificateIsRefused() {
        Enrolled target = CaClient.enroll("CN=Some Target", "buyer");
        Enrolled claimant = CaClient.enroll("CN=Revoked Claimant", "buyer");
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json").body("{\"reason\":\"keyCompromise\"}")
                .when().post("/api/v1/certificates/" + claimant.serial() + "/revocation").then().statusCode(200);
        file(claimant, target.serial(), "10", "EUR").then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("claim-statement-invalid"));
    }

    @Test
    void concurrentAcceptancesNeverExceedTheCover() throws Exception {
        Enrolled target = CaClient.enroll("CN=Raced Buyer", "buyer"); // 1 000 EUR
        Enrolled claimant = CaClient.enroll("CN=Racing Claimant", "buyer");
        int claims = 6;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < claims; i++) {
            ids.add(file(claimant, target.serial(), "300", "EUR").then().statusCode(201).extract().path("id"));
        }
        String bearer = CaClient.officerBearer();
        List<Integer> statuses = Race.statuses(ids.stream().<java.util.concurrent.Callable<Integer>>map(id -> () -> given()
                .auth().oauth2(bearer).contentType("application/json").body("{\"decision\":\"accept\"}")
                .when().post("/api/v1/claims/" + id + "/decision").then().extract().statusCode()).toList());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(3);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(3);
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement("SELECT a.remaining_cover, (SELECT sum(amount) FROM claim k "
                        + "WHERE k.certificate_serial = a.serial AND k.status = 'accepted') FROM cover_account a WHERE a.serial = ?")) {
            q.setString(1, target.serial());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(new BigDecimal("100"));
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(new BigDecimal("900"));
            }
            // the database itself refuses an overdraft, whoever writes
            try (PreparedStatement overdraw = c.prepareStatement(
                    "UPDATE cover_account SET remaining_cover = remaining_cover - 101 WHERE serial = ?")) {
                overdraw.setString(1, target.serial());
                org.assertj.core.api.Assertions.assertThatThrownBy(overdraw::executeUpdate)
                        .isInstanceOfSatisfying(java.sql.SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23514"));
            }
        }
    }

    @Test
    void exposureReportIsForOperators() {
        Enrolled target = CaClient.enroll("CN=Exposed Buyer", "buyer");
        Enrolled claimant = CaClient.enroll("CN=Exposure Claimant", "buyer");
        file(claimant, target.serial(), "123", "EUR").then().statusCode(201);
        List<Map<String, Object>> report = given().auth().oauth2(OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator")))
                .when().get("/api/v1/reports/exposure").then().statusCode(200).extract().path("");
        Map<String, Object> eur = report.stream().filter(r -> "EUR".equals(r.get("currency"))).findFirst().orElseThrow();
        assertThat(new BigDecimal(eur.get("pending").toString())).isGreaterThanOrEqualTo(new BigDecimal("123"));
        assertThat(((Number) eur.get("pendingClaims")).intValue()).isGreaterThanOrEqualTo(1);
        assertThat(new BigDecimal(eur.get("coverOutstanding").toString())).isGreaterThan(BigDecimal.ZERO);
        given().auth().oauth2(CaClient.officerBearer()).when().get("/api/v1/reports/exposure").then().statusCode(403)
                .body("code", equalTo("forbidden"));
        given().when().get("/api/v1/reports/exposure").then().statusCode(401);
        decide("not-a-uuid", "accept").then().statusCode(404);
    }
}
