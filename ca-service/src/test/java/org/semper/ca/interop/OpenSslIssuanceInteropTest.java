package org.semper.ca.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.ca.testing.CaTestEnvironment;
import org.semper.ca.testing.CaClient;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.testing.ExternalCommand.Result;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Issuance with real OpenSSL on the client side: OpenSSL makes the key and the CSR, and OpenSSL verifies the
 * certificate against the root and shows the liability cover in its QC statement.
 */
@QuarkusTest
class OpenSslIssuanceInteropTest {

    private static final Pattern QC_OCTETS = Pattern.compile(
            "(?m)OBJECT\\s+:qcStatements\\s*\\n\\s*(\\d+):d=\\d+\\s+hl=\\d+\\s+l=\\s*\\d+\\s+prim: OCTET STRING");

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        ExternalCommand.requireTool("openssl", "apt-get install openssl");
    }

    @Test
    void openSslCsrIsCertifiedAndOpenSslVerifiesTheChainAndReadsTheCover() throws Exception {
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem").assertSuccess();
        run("openssl", "req", "-new", "-key", "key.pem", "-subj", "/CN=OpenSSL Shop/O=OpenSSL Shop Ltd", "-out", "req.pem")
                .assertSuccess();
        String token = CaClient.token("CN=OpenSSL Shop,O=OpenSSL Shop Ltd", "merchant");
        Response response = CaClient.post(Files.readString(dir.resolve("req.pem")), "merchant", token);
        response.then().statusCode(201);
        Files.writeString(dir.resolve("cert.pem"), (String) response.path("certificate"));
        Files.writeString(dir.resolve("issuing.pem"),
                CertificatePem.encode(List.of(CaClient.certificates(response.path("chain")).get(0))));
        Files.copy(LocalEnvironmentTestResource.trustAnchorPem(), dir.resolve("root.pem"));

        Result verify = run("openssl", "verify", "-CAfile", "root.pem", "-untrusted", "issuing.pem", "cert.pem");
        verify.assertSuccess();
        assertThat(verify.stdout()).contains("cert.pem: OK");
        Result wrongAnchor = run("openssl", "verify", "-CAfile", "issuing.pem", "cert.pem");
        assertThat(wrongAnchor.exitCode()).as("the issuing CA alone is not a trust anchor").isNotZero();

        String text = run("openssl", "x509", "-in", "cert.pem", "-noout", "-text").assertSuccess().stdout();
        assertThat(text).contains("Digital Signature, Non Repudiation")
                .contains("OCSP - URI:" + CaTestEnvironment.baseUrl() + "/ocsp")
                .contains("CA Issuers - URI:" + CaTestEnvironment.baseUrl() + "/ca/issuing.crt")
                .contains("URI:" + CaTestEnvironment.baseUrl() + "/crl/issuing.crl")
                .contains("CA:FALSE");

        String outer = run("openssl", "asn1parse", "-in", "cert.pem").assertSuccess().stdout();
        Matcher m = QC_OCTETS.matcher(outer);
        assertThat(m.find()).as("qcStatements extension in\n" + outer).isTrue();
        String qc = run("openssl", "asn1parse", "-in", "cert.pem", "-strparse", m.group(1)).assertSuccess().stdout();
        // QcEuLimitValue: MonetaryValue { currency EUR, amount 10, exponent 3 } = 10 000 EUR (profile merchant)
        assertThat(qc).containsPattern(":0\\.4\\.0\\.1862\\.1\\.2\\s*\\n[^\\n]*SEQUENCE\\s*\\n[^\\n]*PRINTABLESTRING\\s+:EUR\\s*\\n"
                + "[^\\n]*INTEGER\\s+:0A\\s*\\n[^\\n]*INTEGER\\s+:03");
        assertThat(qc).contains(":0.4.0.1862.1.5").containsPattern("IA5STRING\\s+:" + java.util.regex.Pattern.quote(CaTestEnvironment.baseUrl() + "/pds/en.html"));
    }

    private Result run(String... command) {
        return ExternalCommand.run(dir, command);
    }
}
