package org.semper.tsa.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ObservabilityTest {

    @Test
    void readinessReportsTheSigningKeyAndTheClock() {
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("signing-key", "clock"))
                .body("checks.find { it.name == 'signing-key' }.data.signs", equalTo(true));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountIssuedAndRejectedTokensAndRecordBatches() {
        TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], null, false, null));
        TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_1, new byte[20], null, false, null));
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("semper_tsa_tokens_issued_total{hash=\"SHA-256\""))
                .body(containsString("semper_tsa_requests_rejected_total{reason=\"bad-alg\""))
                .body(containsString("semper_tsa_record_batch_size_count"))
                .body(containsString("semper_tsa_issuance_seconds"))
                .body(containsString("semper_tsa_clock_trusted 1.0"));
    }

    @Test
    void servesTheOpenApiDocument() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths.'/tsa'.post", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/timestamp'.post", org.hamcrest.Matchers.notNullValue());
    }
}
