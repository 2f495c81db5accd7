package org.semper.tsa.ratelimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The per-client rate limit end to end, with 1 request per second sustained and a burst of 3: the burst is granted,
 * the next request is refused with 429 problem+json and a {@code Retry-After} that is honest, and the certificate
 * endpoint is never limited.
 */
@QuarkusTest
@TestProfile(RateLimitTest.TightRateLimit.class)
class RateLimitTest {

    static final long REQUESTS_PER_SECOND = 1;
    static final int BURST = 3;

    /** Rate limit on: 1 request per second, burst 3. */
    public static class TightRateLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("semper.tsa.rate-limit.enabled", "true",
                    "semper.tsa.rate-limit.requests-per-second", String.valueOf(REQUESTS_PER_SECOND),
                    "semper.tsa.rate-limit.burst", String.valueOf(BURST));
        }
    }

    private static final byte[] DIGEST = TsaHttp.digest(ImprintAlgorithm.SHA_256,
            "rate limited".getBytes(StandardCharsets.UTF_8));
    private static final byte[] REQUEST;

    static {
        try {
            REQUEST = TsaHttp.request(ImprintAlgorithm.SHA_256, DIGEST, BigInteger.ONE, false, null).getEncoded();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static boolean warm;

    /**
     * Makes sure the bucket is full: the tests share one client (this host) and one bucket. The first request after
     * startup may be slow (first database commit), so one is sent and then the bucket is left to refill.
     */
    @BeforeEach
    void fullBucket() throws InterruptedException {
        if (!warm) {
            post();
            warm = true;
        }
        Thread.sleep(BURST * 1000L / REQUESTS_PER_SECOND + 500);
    }

    @Test
    void burstIsGrantedThenTooManyRequestsWithRetryAfter() throws Exception {
        long started = System.nanoTime();
        int granted = 0;
        Response refused = null;
        for (int i = 0; i < BURST + 10 && refused == null; i++) {
            Response response = post();
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertGranted(response);
                granted++;
            }
        }
        double elapsedSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(refused).as("a request beyond the burst is refused").isNotNull();
        assertThat(granted).as("the whole burst is granted").isGreaterThanOrEqualTo(BURST);
        // greedy refill adds one request per second: more than that in the elapsed time means no limit applies
        assertThat(granted).as("granted within %.2f s", elapsedSeconds)
                .isLessThanOrEqualTo(BURST + (int) Math.floor(elapsedSeconds * REQUESTS_PER_SECOND));

        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.jsonPath().getString("code")).isEqualTo("too-many-requests");
        assertThat(refused.jsonPath().getInt("status")).isEqualTo(429);
        String retryAfter = refused.header("Retry-After");
        assertThat(retryAfter).as("Retry-After header").isNotNull().matches("\\d+");
        long seconds = Long.parseLong(retryAfter);
        assertThat(seconds).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo((long) Math.ceil(1.0 / REQUESTS_PER_SECOND));

        Thread.sleep(seconds * 1000 + 100);
        assertGranted(post());
    }

    @Test
    void jsonApiIsLimitedButTheCertificateChainIsNot() throws Exception {
        Response refused = null;
        for (int i = 0; i < BURST + 10 && refused == null; i++) {
            Response response = post();
            refused = response.statusCode() == 429 ? response : null;
        }
        assertThat(refused).as("the bucket is exhausted").isNotNull();

        given().contentType("application/json")
                .body(Map.of("hashAlgorithm", "SHA-256", "hash", HexFormat.of().formatHex(DIGEST)))
                .when().post("/api/v1/timestamp")
                .then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("too-many-requests"));

        // far more than the burst, in far less time than the refill of that many: a limit would show
        for (int i = 0; i < 3 * BURST + 1; i++) {
            given().when().get("/tsa/certs")
                    .then().statusCode(200).contentType(containsString("application/pem-certificate-chain"));
        }
    }

    private static Response post() {
        return given().contentType("application/timestamp-query").body(REQUEST).when().post("/tsa");
    }

    private static void assertGranted(Response response) throws IOException, TSPException {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/timestamp-reply");
        TimeStampResponse reply = new TimeStampResponse(response.asByteArray());
        assertThat(reply.getStatus()).as(String.valueOf(reply.getStatusString())).isEqualTo(PKIStatus.GRANTED);
    }
}
