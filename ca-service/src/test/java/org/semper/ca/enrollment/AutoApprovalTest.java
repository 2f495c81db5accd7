package org.semper.ca.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.semper.ca.testing.CaClient;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * {@code semper.ca.enrollment-requests.auto-approve} (the local profile's stand-in for an officer): a request that
 * passes the CA's checks is issued at once with the profile's cover; one that fails them is still refused.
 */
@QuarkusTest
@TestProfile(AutoApprovalTest.AutoApproval.class)
class AutoApprovalTest {

    public static final class AutoApproval implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("semper.ca.enrollment-requests.auto-approve", "true");
        }
    }

    @Test
    void aValidRequestIsIssuedAtOnceAndAnInvalidOneIsStillRefused() throws Exception {
        KeyPair keys = CaClient.ec("secp256r1");
        Response submitted = CaClient.submit(CaClient.pem(CaClient.csr(keys, "CN=Alice")), "buyer", Map.of());
        submitted.then().statusCode(202).body("status", equalTo("issued")).body("serial", notNullValue())
                .body("decidedAt", notNullValue());
        X509Certificate certificate = CaClient.certificates(submitted.path("certificate")).get(0);
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(CaClient.certificates(submitted.path("chain")).get(0).getSubjectX500Principal())
                .isEqualTo(certificate.getIssuerX500Principal());

        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "O=No Common Name")), "buyer", Map.of())
                .then().statusCode(400).body("code", equalTo("subject-rejected"));
    }
}
