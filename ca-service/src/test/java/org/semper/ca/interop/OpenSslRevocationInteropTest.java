package org.semper.ca.interop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.CaClient.Enrolled;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.testing.ExternalCommand.Result;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Revocation status read by real clients: {@code openssl verify -crl_check}, {@code openssl ocsp} against the
 * running responder, and the JDK's PKIX validator with its OCSP revocation checker.
 */
@QuarkusTest
class OpenSslRevocationInteropTest {

    @TestHTTPResource("/ocsp")
    URL ocspUrl;

    @TestHTTPResource("/crl/issuing.crl")
    URL crlUrl;

    @TempDir
    Path dir;

    private X509Certificate issuing;
    private X509Certificate root;

    @BeforeEach
    void prepare() throws Exception {
        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        ExternalCommand.requireTool("curl", "apt-get install curl");
        List<X509Certificate> chain = CaClient.certificates(given().get("/ca/certs").asString());
        issuing = chain.get(0);
        root = chain.get(1);
        Files.writeString(dir.resolve("issuing.pem"), CertificatePem.encode(List.of(issuing)));
        Files.copy(LocalEnvironmentTestResource.trustAnchorPem(), dir.resolve("root.pem"));
        // openssl -crl_check also wants a CRL for... only the leaf (not -crl_check_all); the CA file holds the root
    }

    @Test
    void opensslVerifyWithCrlAcceptsAFreshCertificateAndRejectsARevokedOne() throws Exception {
        Enrolled e = CaClient.enroll("CN=Crl Interop", "buyer");
        Files.writeString(dir.resolve("cert.pem"), CertificatePem.encode(List.of(e.certificate())));

        fetchCrl("before.crl");
        Result ok = run("openssl", "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-CRLfile", "before.crl", "cert.pem");
        assertThat(ok.exitCode()).as(ok.describe("fresh certificate")).isZero();
        assertThat(ok.stdout()).contains("cert.pem: OK");

        revoke(e.serial(), "keyCompromise");
        fetchCrl("after.crl");
        Result revoked = run("openssl", "verify", "-crl_check", "-CAfile", "root.pem", "-untrusted", "issuing.pem",
                "-CRLfile", "after.crl", "cert.pem");
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output()).contains("certificate revoked");

        String crlText = run("openssl", "crl", "-inform", "DER", "-in", "after.crl", "-noout", "-text").assertSuccess().stdout();
        assertThat(crlText).contains("Serial Number: " + e.certificate().getSerialNumber().toString(16).toUpperCase())
                .contains("Key Compromise").contains("X509v3 CRL Number");
    }

    @Test
    void opensslOcspSaysGoodThenRevoked() throws Exception {
        Enrolled e = CaClient.enroll("CN=Ocsp Interop", "buyer");
        Files.writeString(dir.resolve("cert.pem"), CertificatePem.encode(List.of(e.certificate())));

        Result good = ocsp();
        assertThat(good.exitCode()).as(good.describe("openssl ocsp")).isZero();
        assertThat(good.output()).contains("cert.pem: good").contains("Response verify OK")
                .contains("OCSP Response Status: successful (0x0)").contains("OCSP Nonce");

        revoke(e.serial(), "superseded");
        Result revoked = ocsp();
        assertThat(revoked.output()).contains("cert.pem: revoked").contains("Reason: superseded").contains("Response verify OK");
    }

    @Test
    void garbageOcspRequestIsAnsweredMalformedRequest() throws Exception {
        Files.writeString(dir.resolve("garbage.bin"), "definitely not an OCSP request");
        Result post = run("curl", "-sS", "-o", "resp.der", "-w", "%{http_code}", "-H", "Content-Type: application/ocsp-request",
                "--data-binary", "@garbage.bin", ocspUrl.toString());
        post.assertSuccess();
        assertThat(post.stdout()).isEqualTo("200");
        Result text = run("openssl", "ocsp", "-respin", "resp.der", "-resp_text", "-noverify");
        assertThat(text.output()).containsIgnoringCase("malformedrequest (1)");
    }

    @Test
    void jdkPkixValidatorWithOcspAgrees() throws Exception {
        Enrolled e = CaClient.enroll("CN=Jdk Pkix", "buyer");
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(e.certificate(), issuing));
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");

        validator.validate(path, pkix(validator));

        revoke(e.serial(), "keyCompromise");
        assertThatThrownBy(() -> validator.validate(path, pkix(validator)))
                .isInstanceOfSatisfying(CertPathValidatorException.class,
                        ex -> assertThat(ex.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    private PKIXParameters pkix(CertPathValidator validator) throws Exception {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOcspResponder(URI.create(ocspUrl.toString())); // the one the certificates name (the test CA)
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        params.addCertPathChecker(checker);
        params.setRevocationEnabled(false); // the explicit checker above does it
        return params;
    }

    private Result ocsp() {
        return run("openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "cert.pem", "-url", ocspUrl.toString(),
                "-CAfile", "root.pem", "-resp_text");
    }

    private void fetchCrl(String file) {
        Result r = run("curl", "-sS", "-o", file, "-w", "%{http_code}", crlUrl.toString());
        r.assertSuccess();
        assertThat(r.stdout()).isEqualTo("200");
    }

    private static void revoke(String serial, String reason) {
        given().auth().oauth2(CaClient.officerBearer()).contentType("application/json").body("{\"reason\":\"" + reason + "\"}")
                .when().post("/api/v1/certificates/" + serial + "/revocation").then().statusCode(200);
    }

    private Result run(String... command) {
        return ExternalCommand.run(dir, command);
    }
}
