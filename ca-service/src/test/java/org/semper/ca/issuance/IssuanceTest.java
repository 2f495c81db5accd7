package org.semper.ca.issuance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.semper.ca.testing.CaTestEnvironment;
import org.semper.ca.cover.Cover;
import org.semper.ca.cover.QcStatements;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.CaClient.Enrolled;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.junit.QuarkusTest;

/** Issuance through the HTTP API: profiles, extensions, cover, chain, and every refusal as problem+json. */
@QuarkusTest
class IssuanceTest {

    @Test
    void merchantCertificateCarriesCoverPdsCdpAiaAndVerifiesToTheRoot() throws Exception {
        Enrolled e = CaClient.enroll("CN=Shop One,O=Shop One Ltd,C=DE", "merchant");
        X509Certificate cert = e.certificate();

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("C=DE,O=Shop One Ltd,CN=Shop One");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        boolean[] ku = cert.getKeyUsage();
        assertThat(ku[0]).as("digitalSignature").isTrue();
        assertThat(ku[1]).as("nonRepudiation").isTrue();
        assertThat(ku[5]).as("keyCertSign").isFalse();

        byte[] qc = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.qCStatements.getId())).getOctets();
        assertThat(QcStatements.coverOf(qc)).contains(new Cover("EUR", 10, 3));
        assertThat(new String(qc, java.nio.charset.StandardCharsets.ISO_8859_1)).contains(CaTestEnvironment.baseUrl() + "/pds/en.html");

        CRLDistPoint cdp = CRLDistPoint.getInstance(
                ASN1OctetString.getInstance(cert.getExtensionValue(Extension.cRLDistributionPoints.getId())).getOctets());
        assertThat(cdp.getDistributionPoints()[0].getDistributionPoint().toString()).contains(CaTestEnvironment.baseUrl() + "/crl/issuing.crl");
        AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                ASN1OctetString.getInstance(cert.getExtensionValue(Extension.authorityInfoAccess.getId())).getOctets());
        assertThat(Arrays.stream(aia.getAccessDescriptions()).map(a -> a.getAccessLocation().getName().toString()))
                .containsExactly(CaTestEnvironment.baseUrl() + "/ocsp", CaTestEnvironment.baseUrl() + "/ca/issuing.crt");
        assertThat(aia.getAccessDescriptions()[0].getAccessLocation().getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);

        assertThat(e.chain()).hasSize(2);
        X509Certificate root = CaClient.certificates(java.nio.file.Files.readString(LocalEnvironmentTestResource.trustAnchorPem())).get(0);
        assertThat(e.chain().get(1)).isEqualTo(root);
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(cert, e.chain().get(0))), params);
    }

    @Test
    void tsaProfileHasTheSoleCriticalTimeStampingEku() throws Exception {
        X509Certificate cert = CaClient.enroll("CN=Some TSA,O=Some TTP", "ttp-tsa").certificate();
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.37");
        byte[] qc = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.qCStatements.getId())).getOctets();
        assertThat(QcStatements.coverOf(qc)).contains(new Cover("EUR", 1, 6));
    }

    @Test
    void escrowProfileCertifiesAnEcKeyForKeyAgreementOnly() throws Exception {
        X509Certificate cert = CaClient.enroll(CaClient.ec("secp384r1"), "CN=Escrow TTP,O=Some TTP", "ttp-escrow",
                CaClient.token("CN=Escrow TTP,O=Some TTP", "ttp-escrow")).certificate();
        boolean[] ku = cert.getKeyUsage();
        assertThat(ku[4]).as("keyAgreement").isTrue();
        assertThat(ku[0] || ku[1]).as("no signing usage").isFalse();
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.15");
        assertThat(cert.getExtendedKeyUsage()).isNull();
        CaClient.post(CaClient.pem(CaClient.csr(CaClient.rsa(3072), "CN=Escrow TTP,O=Some TTP")), "ttp-escrow",
                CaClient.token("CN=Escrow TTP,O=Some TTP", "ttp-escrow"))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("unsupported-key"));
    }

    @Test
    void configuredProfileOverrideSetsCoverAndValidity() throws Exception {
        X509Certificate cert = CaClient.enroll("CN=Mail TTP,O=Mail Co", "ttp-mail").certificate();
        byte[] qc = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.qCStatements.getId())).getOctets();
        assertThat(QcStatements.coverOf(qc)).contains(new Cover("EUR", 2, 5));
        long days = java.time.Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()).toDays();
        assertThat(days).isEqualTo(400);
    }

    @Test
    void negativeRaisedCoverIsABadRequest() {
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json")
                .body("{\"subject\":\"CN=Neg\",\"profile\":\"buyer\",\"coverAmount\":-5,\"coverExponent\":0}")
                .when().post("/api/v1/enrollment-tokens").then().statusCode(400).body("code", equalTo("malformed-request"));
    }

    @Test
    void buyerHasNoEkuAndP384AndRsa3072AreAccepted() throws Exception {
        X509Certificate p384 = CaClient.enroll(CaClient.ec("secp384r1"), "CN=Buyer P384", "buyer",
                CaClient.token("CN=Buyer P384", "buyer")).certificate();
        assertThat(p384.getExtendedKeyUsage()).isNull();
        X509Certificate rsa = CaClient.enroll(CaClient.rsa(3072), "CN=Buyer RSA", "buyer",
                CaClient.token("CN=Buyer RSA", "buyer")).certificate();
        assertThat(rsa.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void issuanceIsRecordedAndLoggedInTheSameTransaction() throws Exception {
        Enrolled e = CaClient.enroll("CN=Logged Buyer", "buyer");
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement(
                        "SELECT c.der, l.entry FROM certificate c JOIN log_entry l ON l.ref = c.serial AND l.kind = 'ca-certificate' WHERE c.serial = ?")) {
            q.setString(1, e.serial());
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBytes(1)).isEqualTo(e.certificate().getEncoded());
                assertThat(rs.getBytes(2)).isEqualTo(e.certificate().getEncoded());
            }
        }
        given().when().get("/api/v1/certificates/" + e.serial()).then().statusCode(200)
                .body("serial", equalTo(e.serial())).body("profile", equalTo("buyer")).body("status", equalTo("good"))
                .body("cover.amount", equalTo(1000)).body("cover.currency", equalTo("EUR"));
    }

    @Test
    void malformedCsrIsRefused() {
        CaClient.post("-----BEGIN CERTIFICATE REQUEST-----\nMIIBdGhpcyBpcyBub3QgYSBDU1I=\n-----END CERTIFICATE REQUEST-----",
                "buyer", CaClient.token("CN=Malformed", "buyer"))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-csr"));
        CaClient.post("%%% not base64 %%%", "buyer", CaClient.token("CN=Malformed", "buyer"))
                .then().statusCode(400).body("code", equalTo("malformed-csr"));
    }

    @Test
    void csrWhoseSignatureFailsIsRefused() throws Exception {
        PKCS10CertificationRequest csr = CaClient.csr(CaClient.ec("secp256r1"), "CN=Forger");
        byte[] der = csr.getEncoded();
        der[der.length - 5] ^= 0x01; // inside the signature value
        String token = CaClient.token("CN=Forger", "buyer");
        CaClient.post(java.util.Base64.getEncoder().encodeToString(der), "buyer", token)
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("csr-signature-invalid"));
        // a CSR whose key differs from the one that signed it: no proof of possession
        KeyPair signer = CaClient.ec("secp256r1");
        KeyPair other = CaClient.ec("secp256r1");
        PKCS10CertificationRequest mixed = CaClient.csr(signer, "CN=Forger");
        byte[] swapped = new PKCS10CertificationRequest(new org.bouncycastle.asn1.pkcs.CertificationRequest(
                new org.bouncycastle.asn1.pkcs.CertificationRequestInfo(mixed.getSubject(),
                        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(other.getPublic().getEncoded()),
                        new org.bouncycastle.asn1.DERSet()),
                mixed.getSignatureAlgorithm(), new org.bouncycastle.asn1.DERBitString(mixed.getSignature()))).getEncoded();
        CaClient.post(java.util.Base64.getEncoder().encodeToString(swapped), "buyer", token)
                .then().statusCode(400).body("code", equalTo("csr-signature-invalid"));
    }

    @Test
    void rsa1024IsWeak() {
        CaClient.post(CaClient.pem(CaClient.csr(CaClient.rsa(1024), "CN=Weak")), "buyer", CaClient.token("CN=Weak", "buyer"))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("weak-key"))
                .body("detail", containsString("1024"));
    }

    @Test
    void unknownCurveIsUnsupported() {
        CaClient.post(CaClient.pem(CaClient.csr(CaClient.ec("secp256k1"), "CN=Koblitz")), "buyer", CaClient.token("CN=Koblitz", "buyer"))
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("unsupported-key"));
    }

    @Test
    void unknownProfileIsRefused() {
        CaClient.post(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=X")), "emperor", "whatever")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("unknown-profile"));
    }

    @Test
    void ocspProfileIsNotForEnrollment() {
        CaClient.post(CaClient.pem(CaClient.csr(CaClient.ec("secp256r1"), "CN=X")), "ocsp", "whatever")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("profile-not-allowed"));
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json")
                .body("{\"subject\":\"CN=X\",\"profile\":\"ocsp\"}").when().post("/api/v1/enrollment-tokens")
                .then().statusCode(403).body("code", equalTo("profile-not-allowed"));
    }

    @Test
    void merchantSubjectWithoutOrganisationIsRefused() {
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json")
                .body("{\"subject\":\"CN=No Org\",\"profile\":\"merchant\"}").when().post("/api/v1/enrollment-tokens")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("subject-rejected"));
    }

    @Test
    void unknownSerialIs404AndGarbageSerialIs400() {
        given().when().get("/api/v1/certificates/0badc0ffee").then().statusCode(404).body("code", equalTo("not-found"));
        given().when().get("/api/v1/certificates/not-hex").then().statusCode(400).body("code", equalTo("malformed-request"));
    }

    @Test
    void caServesItsChainAndDisclosureStatement() {
        String pem = given().when().get("/ca/certs").then().statusCode(200).extract().asString();
        List<X509Certificate> chain = CaClient.certificates(pem);
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getBasicConstraints()).isEqualTo(0);
        assertThat(chain.get(1).getSubjectX500Principal()).isEqualTo(chain.get(1).getIssuerX500Principal());
        byte[] issuing = given().when().get("/ca/issuing.crt").then().statusCode(200).extract().asByteArray();
        assertThat(issuing).isEqualTo(encoded(chain.get(0)));
        given().when().get("/pds/en.html").then().statusCode(200).body(containsString("QcEuLimitValue"));
    }

    @Test
    void readinessReportsTheIssuingCaKey() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'issuing-ca' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'issuing-ca' }.data.signs", equalTo(true));
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
