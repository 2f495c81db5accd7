package org.semper.tsa.record;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.tsa.testing.TsaHttp;
import org.semper.tsa.token.IssuedToken;
import org.semper.tsa.token.TokenLedger;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** When the durable record cannot be written, no token leaves the TSA: the answer is systemFailure. */
@QuarkusTest
@TestProfile(UnrecordableTokenTest.BrokenLedgerProfile.class)
class UnrecordableTokenTest {

    /** A ledger whose database is gone. Enabled only by the profile (a {@code @Priority} would enable it for every test). */
    @Alternative
    @ApplicationScoped
    public static class BrokenLedger implements TokenLedger {
        @Override
        public CompletionStage<Void> append(IssuedToken token) {
            return CompletableFuture.failedFuture(new java.sql.SQLException("connection refused"));
        }
    }

    public static class BrokenLedgerProfile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(BrokenLedger.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    @Test
    void rfc3161RequestGetsSystemFailureAndNoToken() {
        TimeStampResponse response = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], null, true, null));
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.systemFailure);
        assertThat(response.getTimeStampToken()).isNull();
    }

    @Test
    void jsonRequestGets503Problem() {
        given().contentType("application/json").body(Map.of("hashAlgorithm", "SHA-256", "hash", "00".repeat(32)))
                .when().post("/api/v1/timestamp")
                .then().statusCode(503).contentType("application/problem+json").body("code", equalTo("system-failure"));
    }
}
