package org.semper.ca.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.ca.testing.CaClient;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.testing.ExternalCommand.Result;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** EST (RFC 7030) with curl and OpenSSL only: cacerts, simpleenroll with the enrollment token as Basic password. */
@QuarkusTest
class EstInteropTest {

    @TestHTTPResource("/.well-known/est")
    URL est;

    @TempDir
    Path dir;

    @BeforeEach
    void tools() {
        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        ExternalCommand.requireTool("curl", "apt-get install curl");
    }

    @Test
    void curlAndOpensslEnrollThroughEst() throws Exception {
        run("curl", "-sS", "-o", "cacerts.b64", est + "/cacerts").assertSuccess();
        run("openssl", "base64", "-d", "-in", "cacerts.b64", "-out", "cacerts.p7").assertSuccess();
        String cas = run("openssl", "pkcs7", "-inform", "DER", "-in", "cacerts.p7", "-print_certs").assertSuccess().stdout();
        assertThat(cas).contains("subject=CN = Semper Local Issuing CA").contains("Semper Local Development Root CA");
        Files.writeString(dir.resolve("cacerts.pem"), cas);

        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem").assertSuccess();
        run("openssl", "req", "-new", "-key", "key.pem", "-subj", "/CN=Est Shop/O=Est Shop Ltd", "-outform", "DER",
                "-out", "req.der").assertSuccess();
        run("openssl", "base64", "-in", "req.der", "-out", "req.b64").assertSuccess();
        String token = CaClient.token("CN=Est Shop,O=Est Shop Ltd", "merchant");

        Result noToken = run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/pkcs10",
                "--data-binary", "@req.b64", est + "/merchant/simpleenroll");
        assertThat(noToken.stdout()).isEqualTo("401");

        Result enrolled = run("curl", "-sS", "-o", "cert.b64", "-w", "%{http_code}", "--user", "est-client:" + token,
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@req.b64", est + "/merchant/simpleenroll");
        assertThat(enrolled.stdout()).as(Files.readString(dir.resolve("cert.b64"))).isEqualTo("200");
        run("openssl", "base64", "-d", "-in", "cert.b64", "-out", "cert.p7").assertSuccess();
        run("openssl", "pkcs7", "-inform", "DER", "-in", "cert.p7", "-print_certs", "-out", "cert.pem").assertSuccess();
        Files.copy(LocalEnvironmentTestResource.trustAnchorPem(), dir.resolve("root.pem"));
        Result verify = run("openssl", "verify", "-CAfile", "root.pem", "-untrusted", "cacerts.pem", "cert.pem");
        assertThat(verify.exitCode()).as(verify.describe("verify")).isZero();
        String text = run("openssl", "x509", "-in", "cert.pem", "-noout", "-subject", "-text").assertSuccess().stdout();
        assertThat(text).contains("CN = Est Shop").contains("Digital Signature, Non Repudiation");

        Result reused = run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--user", "est-client:" + token,
                "-H", "Content-Type: application/pkcs10", "--data-binary", "@req.b64", est + "/merchant/simpleenroll");
        assertThat(reused.stdout()).isEqualTo("409");
    }

    private Result run(String... command) {
        return ExternalCommand.run(dir, command);
    }
}
