package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.agent.testing.Cli.semper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Cli.Run;
import org.semper.agent.testing.Pki;

import com.fasterxml.jackson.databind.JsonNode;

class VerifyTokenCommandTest {
    static final byte[] ORDER = "Purchase order 2026-0001\nItem: 1 x book, EUR 49.00\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static Pki.Entity root;
    static Pki.Entity tsa;
    static Path data;
    static Path reply;
    static Path anchors;

    @BeforeAll
    static void issue() throws Exception {
        root = Pki.rootCa("Token Root");
        tsa = root.issue("Test TSA", Pki.Usage.TIME_STAMPING);
        data = Files.write(dir.resolve("order.txt"), ORDER);
        reply = Files.write(dir.resolve("order.tsr"), Pki.reply(tsa, ORDER, Pki.NOW.minus(Duration.ofHours(1))));
        anchors = Pki.pem(dir.resolve("root.pem"), root.certificate());
    }

    @Test
    void aTsaReplyOverTheDataVerifies() {
        Run run = semper("verify", "token", "--data", data, "--token", reply, "--anchors", anchors);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Time-stamp token: TOTAL_PASSED")
                .contains("genTime", Pki.NOW.minus(Duration.ofHours(1)).toString())
                .contains("policy", Pki.POLICY)
                .contains("SHA-256 " + HexFormat.of().formatHex(Pki.sha256(ORDER)))
                .contains("CN=Test TSA,O=Semper Agent Test  ->  CN=Token Root,O=Semper Agent Test (trust anchor)")
                .contains("a TimeStampResp (status GRANTED)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aBareTokenVerifiesAgainstADigest() throws Exception {
        Path token = Files.write(dir.resolve("bare.tst"), Pki.token(tsa, ORDER, Pki.NOW.minus(Duration.ofMinutes(5))));

        Run run = semper("verify", "token", "--digest", HexFormat.of().formatHex(Pki.sha256(ORDER)), "--alg", "sha256",
                "--token", token, "--anchors", anchors);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("TOTAL_PASSED", "a bare TimeStampToken");
    }

    @Test
    void aBase64TokenIsAcceptedAsWell() throws Exception {
        Path token = Files.writeString(dir.resolve("token.b64"),
                Base64.getMimeEncoder().encodeToString(Pki.token(tsa, ORDER, Pki.NOW.minus(Duration.ofMinutes(5)))));

        Run run = semper("verify", "token", "--data", data, "--token", token, "--anchors", anchors);

        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void tamperedDataFailsWithHashFailure() throws Exception {
        Path tampered = Files.writeString(dir.resolve("tampered.txt"),
                new String(ORDER, StandardCharsets.UTF_8).replace("49.00", "4.90"));

        Run run = semper("verify", "token", "--data", tampered, "--token", reply, "--anchors", anchors);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("Time-stamp token: TOTAL_FAILED / HASH_FAILURE")
                .contains("imprint does not match", "next: ", "As the token claims (not proved)");
    }

    @Test
    void anotherTrustAnchorFailsWithNoChainFound() throws Exception {
        Path otherRoot = Pki.pem(dir.resolve("other-root.pem"), Pki.rootCa("Other Root").certificate());

        Run run = semper("verify", "token", "--data", data, "--token", reply, "--anchors", otherRoot);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND", "--untrusted");
    }

    @Test
    void jsonOutputCarriesTheIndication() throws Exception {
        Run passed = semper("verify", "token", "--data", data, "--token", reply, "--anchors", anchors, "--json");
        Path tampered = Files.write(dir.resolve("other.txt"), "other".getBytes(StandardCharsets.UTF_8));
        Run failed = semper("verify", "token", "--data", tampered, "--token", reply, "--anchors", anchors, "--json");

        assertThat(passed.exitCode()).as(passed.toString()).isZero();
        JsonNode ok = passed.json();
        assertThat(ok.get("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(ok.get("passed").asBoolean()).isTrue();
        assertThat(ok.get("exitCode").asInt()).isZero();
        assertThat(ok.get("tokenForm").asText()).isEqualTo("TimeStampResp");
        assertThat(ok.get("certificateChain")).hasSize(2);
        assertThat(ok.get("tsaCertificate").get("subject").asText()).startsWith("CN=Test TSA");

        assertThat(failed.exitCode()).isEqualTo(1);
        JsonNode bad = failed.json();
        assertThat(bad.get("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(bad.get("subIndication").asText()).isEqualTo("HASH_FAILURE");
        assertThat(bad.get("certificateChain")).isEmpty();
    }

    @Test
    void aMissingTokenFileIsAnInputError() {
        Run run = semper("verify", "token", "--data", data, "--token", dir.resolve("nope.tsr"), "--anchors", anchors);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--token", "nope.tsr: no such file", "next: check the path");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFileThatIsNoTokenIsAnInputError() throws Exception {
        Path notAToken = Files.writeString(dir.resolve("notes.txt"), "this is not DER at all!\n");

        Run run = semper("verify", "token", "--data", data, "--token", notAToken, "--anchors", anchors, "--json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("neither a TimeStampResp", "nor a TimeStampToken", "next: give the .tsr file");
        assertThat(run.json().get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.json().get("error").asText()).contains("neither a TimeStampResp");
    }

    @Test
    void aRefusalHasNoTokenToVerify() throws Exception {
        Path refusal = Files.write(dir.resolve("refusal.tsr"), Pki.rejection());

        Run run = semper("verify", "token", "--data", data, "--token", refusal, "--anchors", anchors);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("refuses the request", "REJECTION", "only SHA-2 and SHA-3");
    }

    @Test
    void anchorsThatAreNotPemAreAnInputError() {
        Run run = semper("verify", "token", "--data", data, "--token", reply, "--anchors", data);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--anchors", "holds no usable certificate", "PEM");
    }

    @Test
    void dataAndDigestTogetherIsAUsageError() {
        Run both = semper("verify", "token", "--data", data, "--digest", "00", "--token", reply, "--anchors", anchors);
        Run neither = semper("verify", "token", "--token", reply, "--anchors", anchors);
        Run shortDigest = semper("verify", "token", "--digest", "abcd", "--token", reply, "--anchors", anchors);
        Run unknownAlgorithm = semper("verify", "token", "--digest", "abcd", "--alg", "whirlpool", "--token", reply,
                "--anchors", anchors);

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --data FILE or --digest HEX", "Run 'semper verify token --help'");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(shortDigest.exitCode()).isEqualTo(2);
        assertThat(shortDigest.err()).contains("--digest has 2 bytes; a SHA-256 digest has 32");
        assertThat(unknownAlgorithm.exitCode()).isEqualTo(2);
        assertThat(unknownAlgorithm.err()).contains("not a known hash algorithm", "SHA3-512");
    }

    @Test
    void helpAndUsage() {
        Run help = semper("verify", "token", "--help");
        Run nothing = semper();
        Run typo = semper("verify", "tokn");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--data=FILE", "--anchors=ROOTS.pem", "Exit codes:");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("say what to do", "--help");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("Did you mean", "verify token");
    }
}
