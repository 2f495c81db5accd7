package org.semper.ca.revocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.CaClient.Enrolled;
import org.semper.ca.testing.Ocsp;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** Officer revocation, the CRL and the OCSP responder, checked with Bouncy Castle and the JDK. */
@QuarkusTest
class RevocationTest {

    private static void revoke(String serial, String reason, int status) {
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json").body("{\"reason\":\"" + reason + "\"}")
                .when().post("/api/v1/certificates/" + serial + "/revocation").then().statusCode(status);
    }

    private static X509CRL crl() throws Exception {
        byte[] der = given().when().get("/crl/issuing.crl").then().statusCode(200).contentType("application/pkix-crl")
                .extract().asByteArray();
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(der));
    }

    private static BigInteger crlNumber(X509CRL crl) {
        return ASN1Integer.getInstance(ASN1OctetString.getInstance(crl.getExtensionValue("2.5.29.20")).getOctets()).getValue();
    }

    /** The freshness gauge operators alert on (deploy/k8s PrometheusRule SemperCaCrlExpiring) tracks the served CRL. */
    @Test
    void metricsTellHowLongTheServedCrlStaysValid() throws Exception {
        X509CRL served = crl();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        double seconds = metrics.lines().filter(l -> l.startsWith("semper_ca_crl_next_update_seconds"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no semper_ca_crl_next_update_seconds in /q/metrics"));
        double expected = (served.getNextUpdate().getTime() - System.currentTimeMillis()) / 1000.0;
        assertThat(seconds).isPositive().isCloseTo(expected, org.assertj.core.data.Offset.offset(5.0));
    }

    @Test
    void officerRevokesOnceThenGets409AndTheRevocationIsLogged() throws Exception {
        Enrolled e = CaClient.enroll("CN=Revoke Me", "buyer");
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json").body("{\"reason\":\"keyCompromise\"}")
                .when().post("/api/v1/certificates/" + e.serial() + "/revocation").then().statusCode(200)
                .body("status", equalTo("revoked")).body("reason", equalTo("keyCompromise"));
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json").body("{\"reason\":\"superseded\"}")
                .when().post("/api/v1/certificates/" + e.serial() + "/revocation").then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("already-revoked"));
        given().when().get("/api/v1/certificates/" + e.serial()).then().statusCode(200)
                .body("status", equalTo("revoked")).body("revocationReason", equalTo(1));
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement("SELECT entry FROM log_entry WHERE kind = 'ca-revocation' AND ref = ?")) {
            q.setString(1, e.serial());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).contains("\"reason\":\"keyCompromise\"")
                        .contains("officer:rita");
                assertThat(rs.next()).as("one log entry: the refused second revocation logged nothing").isFalse();
            }
        }
    }

    @Test
    void revocationRefusals() {
        revoke("0abcdef123", "keyCompromise", 404);
        Enrolled e = CaClient.enroll("CN=Revoke Refusals", "buyer");
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json").body("{\"reason\":\"certificateHold\"}")
                .when().post("/api/v1/certificates/" + e.serial() + "/revocation").then().statusCode(400)
                .body("code", equalTo("unsupported-reason"));
        given().contentType("application/json").body("{}").when().post("/api/v1/certificates/" + e.serial() + "/revocation")
                .then().statusCode(401).body("code", equalTo("unauthorized"));
        given().auth().oauth2(OidcWiremockTestResource.getAccessToken("olivia", Set.of("operator")))
                .contentType("application/json").body("{}").when().post("/api/v1/certificates/" + e.serial() + "/revocation")
                .then().statusCode(403).body("code", equalTo("forbidden"));
        given().when().get("/api/v1/certificates/" + e.serial()).then().body("status", equalTo("good"));
    }

    @Test
    void crlIsSignedByTheIssuingCaAndListsRevocationsWithANewNumber() throws Exception {
        X509Certificate issuing = CaClient.certificates(given().get("/ca/certs").asString()).get(0);
        Enrolled e = CaClient.enroll("CN=On The CRL", "buyer");
        X509CRL before = crl();
        before.verify(issuing.getPublicKey());
        assertThat(before.getRevokedCertificate(e.certificate())).isNull();
        assertThat(before.getNextUpdate()).isAfter(before.getThisUpdate());

        revoke(e.serial(), "cessationOfOperation", 200);
        X509CRL after = crl();
        after.verify(issuing.getPublicKey());
        X509CRLEntry entry = after.getRevokedCertificate(e.certificate());
        assertThat(entry).isNotNull();
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.CESSATION_OF_OPERATION);
        assertThat(crlNumber(after)).isGreaterThan(crlNumber(before));
        assertThat(after.getIssuerX500Principal()).isEqualTo(issuing.getSubjectX500Principal());
    }

    @Test
    void ocspSaysGoodThenRevokedUnknownForStrangersAndEchoesTheNonce() throws Exception {
        X509Certificate issuing = CaClient.certificates(given().get("/ca/certs").asString()).get(0);
        Enrolled e = CaClient.enroll("CN=Ocsp Subject", "buyer");
        BigInteger serial = e.certificate().getSerialNumber();

        OCSPResp good = Ocsp.post(Ocsp.request(issuing, serial, null).getEncoded());
        assertThat(good.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) good.getResponseObject();
        assertThat(basic.getResponses()[0].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        // signed by the delegated responder, certified by the issuing CA for OCSPSigning
        X509CertificateHolder responder = basic.getCerts()[0];
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))).isTrue();
        assertThat(responder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuing.getPublicKey()))).isTrue();
        assertThat(org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                .hasKeyPurposeId(org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_OCSPSigning)).isTrue();
        // the same request again is served from the cache: byte-identical
        assertThat(Ocsp.post(Ocsp.request(issuing, serial, null).getEncoded()).getEncoded()).isEqualTo(good.getEncoded());

        byte[] nonce = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        BasicOCSPResp withNonce = (BasicOCSPResp) Ocsp.post(Ocsp.request(issuing, serial, nonce).getEncoded()).getResponseObject();
        assertThat(withNonce.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce).getExtnValue().getOctets()).isEqualTo(nonce);

        revoke(e.serial(), "keyCompromise", 200);
        BasicOCSPResp revoked = (BasicOCSPResp) Ocsp.post(Ocsp.request(issuing, serial, null).getEncoded()).getResponseObject();
        assertThat(revoked.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);
        assertThat(((RevokedStatus) revoked.getResponses()[0].getCertStatus()).getRevocationReason()).isEqualTo(1);

        // GET binding (RFC 6960 A.1): URL-encoded base64
        String b64 = URLEncoder.encode(Base64.getEncoder().encodeToString(Ocsp.request(issuing, serial, null).getEncoded()),
                StandardCharsets.US_ASCII);
        byte[] viaGet = given().urlEncodingEnabled(false).when().get("/ocsp/" + b64).then().statusCode(200).extract().asByteArray();
        assertThat(((BasicOCSPResp) new OCSPResp(viaGet).getResponseObject()).getResponses()[0].getCertStatus())
                .isInstanceOf(RevokedStatus.class);
    }

    @Test
    void ocspUnknownForNeverIssuedSerialsAndForeignIssuers() throws Exception {
        X509Certificate issuing = CaClient.certificates(given().get("/ca/certs").asString()).get(0);
        BasicOCSPResp never = (BasicOCSPResp) Ocsp.post(Ocsp.request(issuing, BigInteger.valueOf(424242), null).getEncoded())
                .getResponseObject();
        assertThat(never.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
        Enrolled e = CaClient.enroll("CN=Foreign Issuer Check", "buyer");
        // asking about our serial as if another CA (the root) had issued it
        X509Certificate root = CaClient.certificates(given().get("/ca/certs").asString()).get(1);
        BasicOCSPResp foreign = (BasicOCSPResp) Ocsp.post(Ocsp.request(root, e.certificate().getSerialNumber(), null).getEncoded())
                .getResponseObject();
        assertThat(foreign.getResponses()[0].getCertStatus()).isInstanceOf(UnknownStatus.class);
    }

    @Test
    void garbageIsMalformedRequest() throws Exception {
        assertThat(Ocsp.post("this is not DER".getBytes(StandardCharsets.US_ASCII)).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        assertThat(Ocsp.post(new byte[0]).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
        byte[] viaGet = given().urlEncodingEnabled(false).when().get("/ocsp/not*base64").then().statusCode(200).extract().asByteArray();
        assertThat(new OCSPResp(viaGet).getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }
}
