package org.semper.ca.enrollment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.semper.ca.cover.Cover;
import org.semper.ca.cover.QcStatements;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.Race;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;

/**
 * Enrollment by officer approval: a request without a token waits; an officer approves (the CA issues) or rejects
 * it; the requester polls it by id.
 */
@QuarkusTest
class EnrollmentRequestTest {

    private static String submitPending(KeyPair keys, String subject, String profile) {
        return CaClient.submit(CaClient.pem(CaClient.csr(keys, subject)), profile, Map.of())
                .then().statusCode(202).body("status", equalTo("pending")).extract().path("id");
    }

    @Test
    void requestWaitsForAnOfficerWhoApprovesWithARaisedCoverAndTheRequesterFetchesTheCertificate() throws Exception {
        KeyPair keys = CaClient.ec("secp256r1");
        Response submitted = CaClient.submit(CaClient.pem(CaClient.csr(keys, "CN=Corner Shop,O=Corner Shop GmbH")), "merchant",
                Map.of("contact", "owner@corner-shop.example", "details", "Commercial register HRB 12345"));
        submitted.then().statusCode(202).contentType("application/json")
                .body("status", equalTo("pending")).body("subject", equalTo("CN=Corner Shop,O=Corner Shop GmbH"))
                .body("profile", equalTo("merchant")).body("certificate", nullValue());
        String id = submitted.path("id");
        assertThat(submitted.header("Location")).endsWith("/api/v1/enrollment-requests/" + id);
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
        assertThat((String) submitted.path("publicKeySha256")).isEqualTo(fingerprint);

        // the requester polls: still pending, nothing issued
        given().when().get("/api/v1/enrollment-requests/" + id).then().statusCode(200)
                .body("status", equalTo("pending")).body("serial", nullValue());
        // the officer sees it in the queue, with what the requester offered for vetting
        given().auth().oauth2(CaClient.officerBearer()).when().get("/api/v1/enrollment-requests").then().statusCode(200)
                .body("find { it.id == '" + id + "' }.contact", equalTo("owner@corner-shop.example"))
                .body("find { it.id == '" + id + "' }.details", equalTo("Commercial register HRB 12345"))
                .body("find { it.id == '" + id + "' }.publicKeySha256", equalTo(fingerprint));

        String serial = CaClient.decide(id, Map.of("decision", "approve", "coverAmount", 50, "coverExponent", 3))
                .then().statusCode(200).body("status", equalTo("issued")).extract().path("serial");

        Response polled = given().when().get("/api/v1/enrollment-requests/" + id);
        polled.then().statusCode(200).body("status", equalTo("issued")).body("serial", equalTo(serial))
                .body("decidedAt", org.hamcrest.Matchers.notNullValue());
        X509Certificate cert = CaClient.certificates(polled.path("certificate")).get(0);
        assertThat(cert.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(cert.getSerialNumber().toString(16)).isEqualTo(serial);
        byte[] qc = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.qCStatements.getId())).getOctets();
        assertThat(QcStatements.coverOf(qc)).contains(new Cover("EUR", 50, 3));
        List<X509Certificate> chain = CaClient.certificates(polled.path("chain"));
        assertThat(chain).hasSize(2);
        cert.verify(chain.get(0).getPublicKey());

        // issued through the one issuance path: recorded with its profile and cover, and in the transparency log
        given().when().get("/api/v1/certificates/" + serial).then().statusCode(200)
                .body("profile", equalTo("merchant")).body("status", equalTo("good")).body("cover.amount", equalTo(50));
        assertThat(loggedCertificates(serial)).isEqualTo(1);
        // no longer in the queue
        given().auth().oauth2(CaClient.officerBearer()).when().get("/api/v1/enrollment-requests").then().statusCode(200)
                .body("find { it.id == '" + id + "' }", nullValue());
    }

    @Test
    void approvingTwiceIs409() {
        String id = submitPending(CaClient.ec("secp256r1"), "CN=Twice", "buyer");
        CaClient.decide(id, Map.of("decision", "approve")).then().statusCode(200).body("status", equalTo("issued"));
        CaClient.decide(id, Map.of("decision", "approve")).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("enrollment-request-decided")).body("status", equalTo("issued"));
        CaClient.decide(id, Map.of("decision", "reject", "reason", "changed my mind")).then().statusCode(409)
                .body("code", equalTo("enrollment-request-decided"));
        assertThat(issuedFor("CN=Twice")).isEqualTo(1);
    }

    @Test
    void rejectedRequestShowsTheReasonAndCannotBeApproved() {
        String id = submitPending(CaClient.ec("secp256r1"), "CN=Dubious", "buyer");
        CaClient.decide(id, Map.of("decision", "reject")).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed-request")).body("detail", containsString("reason"));
        CaClient.decide(id, Map.of("decision", "reject", "reason", "Identity documents did not match"))
                .then().statusCode(200).body("status", equalTo("rejected"));
        given().when().get("/api/v1/enrollment-requests/" + id).then().statusCode(200)
                .body("status", equalTo("rejected")).body("rejectionReason", equalTo("Identity documents did not match"))
                .body("certificate", nullValue());

        CaClient.decide(id, Map.of("decision", "approve")).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("enrollment-request-decided")).body("status", equalTo("rejected"));
        assertThat(issuedFor("CN=Dubious")).isZero();
    }

    @Test
    void unknownRequestIs404() {
        String unknown = UUID.randomUUID().toString();
        CaClient.decide(unknown, Map.of("decision", "approve")).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("not-found"));
        CaClient.decide(unknown, Map.of("decision", "reject", "reason", "no")).then().statusCode(404).body("code", equalTo("not-found"));
        CaClient.decide("not-a-uuid", Map.of("decision", "approve")).then().statusCode(404).body("code", equalTo("not-found"));
        given().when().get("/api/v1/enrollment-requests/" + unknown).then().statusCode(404).body("code", equalTo("not-found"));
    }

    @Test
    void unknownDecisionOrBadQueryIsABadRequest() {
        String id = submitPending(CaClient.ec("secp256r1"), "CN=Undecided", "buyer");
        CaClient.decide(id, Map.of("decision", "maybe")).then().statusCode(400).body("code", equalTo("malformed-request"));
        CaClient.decide(id, Map.of("decision", "approve", "coverAmount", 5)).then().statusCode(400)
                .body("code", equalTo("malformed-request"));
        CaClient.decide(id, Map.of("decision", "approve", "coverAmount", 5, "coverExponent", 0)).then().statusCode(400)
                .body("code", equalTo("cover-below-profile"));
        given().auth().oauth2(CaClient.officerBearer()).queryParam("status", "lost").when().get("/api/v1/enrollment-requests")
                .then().statusCode(400).body("code", equalTo("malformed-request"));
        given().auth().oauth2(CaClient.officerBearer()).queryParam("limit", "lots").when().get("/api/v1/enrollment-requests")
                .then().statusCode(400).body("code", equalTo("malformed-request"));
        // the refusals left it pending
        given().when().get("/api/v1/enrollment-requests/" + id).then().body("status", equalTo("pending"));
        CaClient.decide(id, Map.of("decision", "reject", "reason", "test clean-up")).then().statusCode(200);
    }

    @Test
    void concurrentApprovalsIssueExactlyOneCertificate() throws Exception {
        String id = submitPending(CaClient.ec("secp256r1"), "CN=Raced Approval", "buyer");
        int officers = 4;
        List<Integer> statuses = Race.statuses(officers,
                () -> CaClient.decide(id, Map.of("decision", "approve")).then().extract().statusCode());
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(officers - 1);
        assertThat(issuedFor("CN=Raced Approval")).isEqualTo(1);
    }

    @Test
    void submissionChecksProofOfPossessionAndTheProfileRulesBeforeStoringAnything() throws Exception {
        PKCS10CertificationRequest csr = CaClient.csr(CaClient.ec("secp256r1"), "CN=Forged Request");
        byte[] der = csr.getEncoded();
        der[der.length - 5] ^= 0x01; // inside the signature value
        CaClient.submit(java.util.Base64.getEncoder().encodeToString(der), "buyer", Map.of()).then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("csr-signature-invalid"));
        CaClient.submit("not a csr", "buyer", Map.of()).then().statusCode(400).body("code", equalTo("malformed-csr"));
        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=No Org")), "merchant", Map.of())
                .then().statusCode(400).body("code", equalTo("subject-rejected"));
        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.rsa(1024), "CN=Weak Request")), "buyer", Map.of())
                .then().statusCode(400).body("code", equalTo("weak-key"));
        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.rsa(3072), "CN=Escrow,O=RSA Co")), "ttp-escrow", Map.of())
                .then().statusCode(400).body("code", equalTo("unsupported-key")).body("detail", containsString("EC key-agreement"));
        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=Responder")), "ocsp", Map.of())
                .then().statusCode(403).body("code", equalTo("profile-not-allowed"));
        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=Chatty")), "buyer", Map.of("details", "x".repeat(2001)))
                .then().statusCode(400).body("code", equalTo("malformed-request")).body("detail", containsString("details"));
        CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=Chatty")), "buyer", Map.of("contact", "x".repeat(257)))
                .then().statusCode(400).body("code", equalTo("malformed-request")).body("detail", containsString("contact"));
        assertThat(storedRequests("CN=Forged Request")).isZero();
        assertThat(storedRequests("CN=Chatty")).isZero();
    }

    @Test
    void aReplayedSubmissionDoesNotQueueTwice() {
        KeyPair keys = CaClient.ec("secp256r1");
        String csr = CaClient.pem(CaClient.csr(keys, "CN=Replayed"));
        String id = CaClient.submit(csr, "buyer", Map.of()).then().statusCode(202).extract().path("id");
        CaClient.submit(csr, "buyer", Map.of()).then().statusCode(409).contentType("application/problem+json")
                .body("code", equalTo("enrollment-request-pending"));
        assertThat(storedRequests("CN=Replayed")).isEqualTo(1);
        // once decided, the key may ask again
        CaClient.decide(id, Map.of("decision", "reject", "reason", "wrong profile")).then().statusCode(200);
        String again = CaClient.submit(csr, "buyer", Map.of()).then().statusCode(202).extract().path("id");
        assertThat(again).isNotEqualTo(id);
        CaClient.decide(again, Map.of("decision", "reject", "reason", "test clean-up")).then().statusCode(200);
    }

    @Test
    void aFullQueueRefusesNewRequestsWith503() {
        // %test.semper.ca.enrollment-requests.max-pending is small; fill what is left of the queue
        List<String> mine = new ArrayList<>();
        Response last = null;
        for (int i = 0; i < 40; i++) {
            last = CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=Filler " + i)), "buyer", Map.of());
            if (last.statusCode() != 202) {
                break;
            }
            mine.add(last.path("id"));
        }
        try {
            last.then().statusCode(503).contentType("application/problem+json").body("code", equalTo("enrollment-queue-full"));
        } finally {
            mine.forEach(id -> CaClient.decide(id, Map.of("decision", "reject", "reason", "test clean-up")).then().statusCode(200));
        }
        String after = CaClient.submit(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=After The Rush")), "buyer", Map.of())
                .then().statusCode(202).extract().path("id");
        CaClient.decide(after, Map.of("decision", "reject", "reason", "test clean-up")).then().statusCode(200);
    }

    @Test
    void officerEndpointsNeedTheOfficerRole() {
        String operator = OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator"));
        String id = submitPending(CaClient.ec("secp256r1"), "CN=Role Check", "buyer");
        given().when().get("/api/v1/enrollment-requests").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().auth().oauth2(operator).when().get("/api/v1/enrollment-requests").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().contentType("application/json").body("{\"decision\":\"approve\"}")
                .when().post("/api/v1/enrollment-requests/" + id + "/decision").then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("unauthorized"));
        given().auth().oauth2(operator).contentType("application/json").body("{\"decision\":\"approve\"}")
                .when().post("/api/v1/enrollment-requests/" + id + "/decision").then().statusCode(403)
                .contentType("application/problem+json").body("code", equalTo("forbidden"));
        given().when().get("/api/v1/enrollment-requests/" + id).then().statusCode(200).body("status", equalTo("pending"))
                .body("id", equalTo(id));
        CaClient.decide(id, Map.of("decision", "reject", "reason", "test clean-up")).then().statusCode(200);
    }

    private static long issuedFor(String subject) {
        return count("SELECT count(*) FROM certificate WHERE subject = ?", subject);
    }

    private static long storedRequests(String subject) {
        return count("SELECT count(*) FROM enrollment_request WHERE subject = ?", subject);
    }

    private static long loggedCertificates(String serial) {
        return count("SELECT count(*) FROM log_entry WHERE kind = 'ca-certificate' AND ref = ?", serial);
    }

    private static long count(String sql, String parameter) {
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
