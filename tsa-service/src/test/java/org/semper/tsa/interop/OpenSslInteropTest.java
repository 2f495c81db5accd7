package org.semper.tsa.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semper.tsa.TsaConfig;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.testing.ExternalCommand.Result;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Interoperability with real clients: requests made by {@code openssl ts -query}, sent with {@code curl}, replies
 * read and verified by {@code openssl ts -reply} and {@code openssl ts -verify} against the test trust anchor.
 * Nothing on the client side is Java.
 */
@QuarkusTest
class OpenSslInteropTest {

    private static final String DOCUMENT = "Semper interop document: OpenSSL asks, Semper stamps.\n";
    private static final Pattern NONCE = Pattern.compile("(?m)^Nonce: (\\S+)$");

    @TestHTTPResource("/tsa")
    URL tsaUrl;

    @TestHTTPResource("/tsa/certs")
    URL certsUrl;

    @ConfigProperty(name = "semper.local.trust-anchor")
    String trustAnchor;

    @TempDir
    Path dir;

    private Path data;
    private Path rootPem;
    private Path tsaPem;

    @BeforeEach
    void prepare() throws IOException {
        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        ExternalCommand.requireTool("curl", "apt-get install curl");
        data = Files.writeString(dir.resolve("document.txt"), DOCUMENT);
        rootPem = Files.copy(Path.of(trustAnchor), dir.resolve("root.pem"));

        Path chainPem = dir.resolve("chain.pem");
        Result fetched = run("curl", "-sS", "-o", chainPem.toString(), "-w", "%{http_code}", certsUrl.toString());
        fetched.assertSuccess();
        assertThat(fetched.stdout()).as("GET /tsa/certs status").isEqualTo("200");
        List<String> chain = pemBlocks(Files.readString(chainPem));
        assertThat(chain).as("TSA certificate and root").hasSize(2);
        tsaPem = Files.writeString(dir.resolve("tsa.pem"), chain.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sha256", "sha384", "sha512", "sha3-256", "sha3-384", "sha3-512" })
    void openSslRequestIsGrantedAndTheTokenVerifies(String digest) throws IOException {
        Path query = query("req.tsq", "-" + digest, "-cert");
        String nonce = nonceOf(query);
        assertThat(nonce).as("OpenSSL puts a random nonce in the request by default").startsWith("0x");

        Path reply = post(query, "resp.tsr");
        String text = replyText(reply);

        assertThat(text).contains("Status: Granted.");
        assertThat(text).contains("Hash Algorithm: " + digest);
        assertThat(text).containsPattern("(?m)^Nonce: " + Pattern.quote(nonce) + "$");
        assertThat(text).containsPattern("(?m)^Policy OID: " + Pattern.quote(TsaConfig.SEMPER_DEFAULT_POLICY) + "$");
        assertThat(text).containsPattern("(?m)^Accuracy: 0x01 seconds, unspecified millis, unspecified micros$");
        assertThat(text).containsPattern("(?m)^TSA: DirName:.*CN ?= ?Semper Local TSA");
        assertThat(text).containsPattern("(?m)^Time stamp: .+ GMT$");

        Result verify = verify(data, reply, rootPem, tsaPem);
        assertThat(verify.exitCode()).as(verify.describe("openssl ts -verify")).isZero();
        assertThat(verify.stdout()).contains("Verification: OK");
        assertThat(certificatesInToken(reply)).as("certReq set: the chain is in the token").isEqualTo(2);
    }

    @Test
    void tokenVerifiesWithTheCertificatesItCarriesAndTheRootAlone() throws IOException {
        Path reply = post(query("req.tsq", "-sha256", "-cert"), "resp.tsr");
        Result verify = verify(data, reply, rootPem, null);
        assertThat(verify.exitCode()).as(verify.describe("openssl ts -verify without -untrusted")).isZero();
        assertThat(verify.stdout()).contains("Verification: OK");
    }

    @Test
    void tamperedDataFailsVerificationWithImprintMismatch() throws IOException {
        Path reply = post(query("req.tsq", "-sha256", "-cert"), "resp.tsr");
        byte[] bytes = Files.readAllBytes(data);
        bytes[7] ^= 0x01;
        Path tampered = Files.write(dir.resolve("tampered.txt"), bytes);

        Result verify = verify(tampered, reply, rootPem, tsaPem);

        assertThat(verify.exitCode()).as(verify.describe("verification of tampered data")).isNotZero();
        assertThat(verify.stdout()).contains("Verification: FAILED").doesNotContain("Verification: OK");
        assertThat(verify.output()).contains("message imprint mismatch");
        assertThat(verify(data, reply, rootPem, tsaPem).exitCode()).as("the untampered data still verifies").isZero();
    }

    @Test
    void sha1IsRejectedAsUnsupportedAlgorithm() throws IOException {
        String text = replyText(post(query("req.tsq", "-sha1", "-cert"), "resp.tsr"));

        // OpenSSL 3.0 prints:
        //   Status: Rejected.
        //   Status description: hash algorithm 1.3.14.3.2.26 is not accepted (use SHA-256/384/512 or SHA3-256/384/512)
        //   Failure info: unrecognized or unsupported algorithm identifier
        //   TST info:
        //   Not included.
        assertThat(text).containsPattern("(?m)^Status: Rejected\\.$");
        assertThat(text).containsPattern("(?m)^Status description: .*1\\.3\\.14\\.3\\.2\\.26.*$");
        assertThat(text).containsPattern("(?m)^Failure info: unrecognized or unsupported algorithm identifier$");
        assertThat(text).containsPattern("(?m)^TST info:\\nNot included\\.$");
    }

    @Test
    void unknownPolicyIsRejectedAsUnacceptedPolicy() throws IOException {
        String text = replyText(post(query("req.tsq", "-sha256", "-tspolicy", "1.2.3.4.5"), "resp.tsr"));

        // OpenSSL 3.0 prints:
        //   Status: Rejected.
        //   Status description: policy 1.2.3.4.5 is not supported
        //   Failure info: the requested TSA policy is not supported by the TSA
        //   TST info:
        //   Not included.
        assertThat(text).containsPattern("(?m)^Status: Rejected\\.$");
        assertThat(text).containsPattern("(?m)^Status description: .*1\\.2\\.3\\.4\\.5.*$");
        assertThat(text).containsPattern("(?m)^Failure info: the requested TSA policy is not supported by the TSA$");
        assertThat(text).containsPattern("(?m)^TST info:\\nNot included\\.$");
    }

    @Test
    void requestWithoutNonceIsGranted() throws IOException {
        Path query = query("req.tsq", "-sha256", "-cert", "-no_nonce");
        assertThat(nonceOf(query)).isEqualTo("unspecified");
        Path reply = post(query, "resp.tsr");

        String text = replyText(reply);
        assertThat(text).contains("Status: Granted.");
        assertThat(text).containsPattern("(?m)^Nonce: unspecified$");
        Result verify = verify(data, reply, rootPem, tsaPem);
        assertThat(verify.exitCode()).as(verify.describe("openssl ts -verify")).isZero();
        assertThat(verify.stdout()).contains("Verification: OK");
    }

    @Test
    void withoutCertReqTheTokenCarriesNoCertificatesAndNeedsTheTsaCertificate() throws IOException {
        Path reply = post(query("req.tsq", "-sha256"), "resp.tsr");
        assertThat(replyText(reply)).contains("Status: Granted.");

        assertThat(certificatesInToken(reply)).as("certReq absent: no certificate in the token").isZero();

        Result withoutTsaCert = verify(data, reply, rootPem, null);
        assertThat(withoutTsaCert.exitCode()).as(withoutTsaCert.describe("verification without the TSA certificate"))
                .isNotZero();
        assertThat(withoutTsaCert.stdout()).contains("Verification: FAILED");
        assertThat(withoutTsaCert.stderr()).contains("signer certificate not found");

        Result withTsaCert = verify(data, reply, rootPem, tsaPem);
        assertThat(withTsaCert.exitCode()).as(withTsaCert.describe("verification with -untrusted tsa.pem")).isZero();
        assertThat(withTsaCert.stdout()).contains("Verification: OK");
    }

    @Test
    void verificationAgainstAnUnrelatedRootFails() throws IOException {
        Path otherRoot = dir.resolve("other-root.pem");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", dir.resolve("other-root.key").toString(), "-out", otherRoot.toString(),
                "-subj", "/CN=Not The Semper Root", "-days", "2",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
                .assertSuccess();
        Path reply = post(query("req.tsq", "-sha256", "-cert"), "resp.tsr");

        Result wrongRoot = verify(data, reply, otherRoot, tsaPem);

        assertThat(wrongRoot.exitCode()).as(wrongRoot.describe("verification against an unrelated root")).isNotZero();
        assertThat(wrongRoot.stdout()).contains("Verification: FAILED").doesNotContain("Verification: OK");
        // the token carries the Semper root, which the unrelated CAfile does not anchor
        assertThat(wrongRoot.stderr()).contains("certificate verify error");
        assertThat(verify(data, reply, rootPem, tsaPem).exitCode()).as("the right root still verifies").isZero();
    }

    @Test
    void wrongContentTypeIs415Problem() throws IOException {
        Path query = query("req.tsq", "-sha256", "-cert");
        Path body = dir.resolve("problem.json");
        Result result = run("curl", "-sS", "-o", body.toString(), "-w", "%{http_code} %{content_type}",
                "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + query, tsaUrl.toString());
        result.assertSuccess();

        assertThat(result.stdout()).startsWith("415 application/problem+json");
        assertThat(Files.readString(body)).contains("\"code\":\"unsupported-media-type\"").contains("\"status\":415");
    }

    @Test
    void bodyOver16KiBIs413Problem() throws IOException {
        Path big = Files.write(dir.resolve("big.tsq"), new byte[16 * 1024 + 1]);
        Path body = dir.resolve("problem.json");
        Result result = run("curl", "-sS", "-o", body.toString(), "-w", "%{http_code} %{content_type}",
                "-H", "Content-Type: application/timestamp-query", "--data-binary", "@" + big, tsaUrl.toString());
        result.assertSuccess();

        assertThat(result.stdout()).startsWith("413 application/problem+json");
        assertThat(Files.readString(body)).contains("\"code\":\"payload-too-large\"").contains("\"status\":413");
    }

    // ---- helpers ----

    private Result run(String... command) {
        return ExternalCommand.run(dir, command);
    }

    /** {@code openssl ts -query -data document.txt OPTIONS -out NAME}. */
    private Path query(String name, String... options) {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of("openssl", "ts", "-query", "-data", data.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-out", out.toString()));
        run(command.toArray(String[]::new)).assertSuccess();
        return out;
    }

    private String nonceOf(Path query) {
        String text = run("openssl", "ts", "-query", "-in", query.toString(), "-text").assertSuccess().stdout();
        Matcher m = NONCE.matcher(text);
        assertThat(m.find()).as("nonce line in\n" + text).isTrue();
        return m.group(1);
    }

    /** Sends the request with curl as RFC 3161 §3.4 says and returns the saved reply. */
    private Path post(Path query, String replyName) {
        Path reply = dir.resolve(replyName);
        Result result = run("curl", "-sS", "-o", reply.toString(), "-w", "%{http_code} %{content_type}",
                "-H", "Content-Type: application/timestamp-query", "--data-binary", "@" + query, tsaUrl.toString());
        result.assertSuccess();
        assertThat(result.stdout()).as("HTTP status and content type of POST /tsa")
                .isEqualTo("200 application/timestamp-reply");
        return reply;
    }

    private String replyText(Path reply) {
        return run("openssl", "ts", "-reply", "-in", reply.toString(), "-text").assertSuccess().stdout();
    }

    private Result verify(Path document, Path reply, Path caFile, Path untrusted) {
        List<String> command = new ArrayList<>(List.of("openssl", "ts", "-verify", "-data", document.toString(),
                "-in", reply.toString(), "-CAfile", caFile.toString()));
        if (untrusted != null) {
            command.addAll(List.of("-untrusted", untrusted.toString()));
        }
        return run(command.toArray(String[]::new));
    }

    /** Counts the certificates in the reply's token with {@code openssl pkcs7 -print_certs}. */
    private int certificatesInToken(Path reply) throws IOException {
        Path token = dir.resolve(reply.getFileName() + ".token.der");
        run("openssl", "ts", "-reply", "-in", reply.toString(), "-token_out", "-out", token.toString()).assertSuccess();
        String certs = run("openssl", "pkcs7", "-inform", "DER", "-in", token.toString(), "-print_certs")
                .assertSuccess().stdout();
        return pemBlocks(certs).size();
    }

    private static List<String> pemBlocks(String pem) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\\r?\\n?").matcher(pem);
        while (m.find()) {
            blocks.add(m.group());
        }
        return blocks;
    }
}
