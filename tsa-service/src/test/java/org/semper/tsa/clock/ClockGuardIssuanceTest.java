package org.semper.tsa.clock;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The clock guard end to end: with a clock source the test controls, the running service issues while the clock is
 * good, and while it is not it refuses on both APIs, reports not ready, and says so in its metrics; it recovers
 * when the clock is good again.
 */
@QuarkusTest
@TestProfile(ClockGuardIssuanceTest.ControllableClock.class)
class ClockGuardIssuanceTest {

    /** Replaces the configured clock source with {@link ControllableClockSource}. */
    public static class ControllableClock implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControllableClockSource.class);
        }
    }

    private static final byte[] DIGEST = TsaHttp.digest(ImprintAlgorithm.SHA_256,
            "clock guard end to end".getBytes(StandardCharsets.UTF_8));

    @Inject
    ClockGuard guard;

    @BeforeEach
    @AfterEach
    void clockGood() {
        ControllableClockSource.good();
        guard.refreshNow();
    }

    @Test
    void theGuardJudgesTheTestSource() {
        assertThat(guard.lastReading().source()).as("the alternative replaced the configured source")
                .isEqualTo(ControllableClockSource.SOURCE);
    }

    @Test
    void offsetBeyondTheStatedAccuracyStopsIssuanceUntilTheClockIsGoodAgain() {
        assertIssuing();

        ControllableClockSource.offset(Duration.ofSeconds(5));
        guard.refreshNow();
        assertRefusing("offset 5.000 s exceeds the allowed 1.000 s against " + ControllableClockSource.SOURCE);

        ControllableClockSource.good();
        guard.refreshNow();
        assertIssuing();
    }

    @Test
    void unsynchronisedClockStopsIssuanceUntilTheClockIsGoodAgain() {
        assertIssuing();

        ControllableClockSource.unsynchronised();
        guard.refreshNow();
        assertRefusing("clock not synchronised according to " + ControllableClockSource.SOURCE);

        ControllableClockSource.good();
        guard.refreshNow();
        assertIssuing();
    }

    @Test
    void anOffsetWithinTheStatedAccuracyIsStillIssued() {
        ControllableClockSource.offset(Duration.ofMillis(-900));
        guard.refreshNow();
        assertIssuing();
    }

    private static void assertIssuing() {
        TimeStampRequest request = TsaHttp.request(ImprintAlgorithm.SHA_256, DIGEST, BigInteger.valueOf(31), true, null);
        TimeStampResponse response = TsaHttp.post(request);
        assertThat(response.getStatus()).as(String.valueOf(response.getStatusString())).isEqualTo(PKIStatus.GRANTED);
        assertThat(response.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest()).isEqualTo(DIGEST);

        given().contentType("application/json").body(jsonRequest())
                .when().post("/api/v1/timestamp")
                .then().statusCode(200).body("hash", equalTo(HexFormat.of().formatHex(DIGEST)));

        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'clock' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'clock' }.data.source", equalTo(ControllableClockSource.SOURCE));

        assertThat(metrics()).containsPattern("(?m)^semper_tsa_clock_trusted(\\{[^}]*\\})? 1\\.0$");
    }

    private static void assertRefusing(String reason) {
        TimeStampRequest request = TsaHttp.request(ImprintAlgorithm.SHA_256, DIGEST, BigInteger.valueOf(32), true, null);
        TimeStampResponse response = TsaHttp.post(request);
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo()).isNotNull();
        assertThat(response.getFailInfo().intValue()).isEqualTo(PKIFailureInfo.timeNotAvailable);
        assertThat(response.getTimeStampToken()).isNull();
        assertThat(response.getStatusString()).contains(reason);

        given().contentType("application/json").body(jsonRequest())
                .when().post("/api/v1/timestamp")
                .then().statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("time-not-available")).body("status", equalTo(503))
                .body("detail", containsString(reason));

        given().when().get("/q/health/ready")
                .then().statusCode(503).body("status", equalTo("DOWN"))
                .body("checks.name", hasItem("clock"))
                .body("checks.find { it.name == 'clock' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'clock' }.data.reason", containsString(reason))
                .body("checks.findAll { it.name != 'clock' }.status", everyItem(equalTo("UP")))
                .body("checks.findAll { it.name != 'clock' }.status", not(hasItem("DOWN")));

        String metrics = metrics();
        assertThat(metrics).contains("semper_tsa_clock_trusted 0.0");
        assertThat(metrics).doesNotContainPattern("(?m)^semper_tsa_clock_trusted(\\{[^}]*\\})? 1\\.0$");
    }

    private static Map<String, String> jsonRequest() {
        return Map.of("hashAlgorithm", "SHA-256", "hash", HexFormat.of().formatHex(DIGEST));
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
