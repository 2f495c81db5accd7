package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.agent.testing.Cli.semper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Cli.Run;
import org.semper.agent.testing.Pki;
import org.semper.evidence.statement.SignatureTimeStamps;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class VerifyStatementCommandTest {
    static final Instant SIGNED_AT = Pki.NOW.minus(Duration.ofHours(1));
    static final Instant TIME_STAMPED_AT = Pki.NOW.minus(Duration.ofMinutes(30));

    @TempDir
    static Path dir;
    static Pki.Entity root;
    static Pki.Entity signer;
    static Pki.Entity tsaRoot;
    static SignedStatement statement;
    static Path file;
    static Path anchors;
    static Path tsaAnchors;
    static Path crl;

    @BeforeAll
    static void sign() throws Exception {
        root = Pki.rootCa("Statement Root");
        signer = root.issue("Bob Books", Pki.Usage.SIGNING);
        tsaRoot = Pki.rootCa("TSA Root");
        statement = StatementSigner.builder(signer.key().getPrivate(), List.of(signer.certificate()))
                .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).build()
                .sign("semper-cs/me1", Map.of("protocol", "semper-cs/1", "msg", "me1", "order", "2026-0001"));
        file = Files.writeString(dir.resolve("me1.json"), statement.toJson());
        anchors = Pki.pem(dir.resolve("roots.pem"), root.certificate());
        tsaAnchors = Pki.pem(dir.resolve("tsa-root.pem"), tsaRoot.certificate());
        crl = Files.write(dir.resolve("root.crl"), Pki.crl(root, Pki.NOW.minus(Duration.ofMinutes(1)), Map.of()).getEncoded());
    }

    @Test
    void aSignedStatementWithAFreshCrlPasses() {
        Run run = semper("verify", "statement", file, "--anchors", anchors, "--crl", crl);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Signed statement: TOTAL_PASSED")
                .contains("H(s) = " + statement.id())
                .contains("type", "semper-cs/me1")
                .contains("signer", "CN=Bob Books,O=Semper Agent Test")
                .contains("CN=Bob Books,O=Semper Agent Test  ->  CN=Statement Root,O=Semper Agent Test (trust anchor)")
                .contains("time used", SIGNED_AT + "  CLAIMED")
                .contains("revocation", "CN=Bob Books,O=Semper Agent Test: GOOD via CRL")
                .contains("none (JAdES B-B");
    }

    @Test
    void aTimeStampedStatementIsJudgedAtTheTimeStamp() throws Exception {
        Pki.Entity tsa = tsaRoot.issue("Statement TSA", Pki.Usage.TIME_STAMPING);
        SignedStatement bt = statement.withSignatureTimeStamp(
                Pki.token(tsa, SignatureTimeStamps.imprintInput(statement), TIME_STAMPED_AT));
        Path btFile = Files.writeString(dir.resolve("me1-bt.json"), bt.toJson());

        Run run = semper("verify", "statement", btFile, "--anchors", anchors, "--tsa-anchors", tsaAnchors, "--crl", crl);
        Run wrongTsaRoot = semper("verify", "statement", btFile, "--anchors", anchors, "--crl", crl);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("time used", TIME_STAMPED_AT + "  TIMESTAMPED")
                .contains("#0 TOTAL_PASSED, genTime " + TIME_STAMPED_AT + ", by CN=Statement TSA");
        assertThat(wrongTsaRoot.exitCode()).as(wrongTsaRoot.toString()).isEqualTo(1);
        assertThat(wrongTsaRoot.out()).contains("INDETERMINATE / NO_POE", "--tsa-anchors");
    }

    @Test
    void anOcspResponseServesAsWellAsACrl() throws Exception {
        Path ocsp = Files.write(dir.resolve("bob.ocsp"),
                Pki.goodOcsp(root, signer.certificate(), Pki.NOW.minus(Duration.ofMinutes(1))));

        Run run = semper("verify", "statement", file, "--anchors", anchors, "--ocsp", ocsp, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("revocation").get(0).get("source").asText()).isEqualTo("OCSP");
    }

    @Test
    void withoutRevocationDataTheResultIsTryLater() {
        Run run = semper("verify", "statement", file, "--anchors", anchors);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("Signed statement: INDETERMINATE / TRY_LATER").contains("--crl");
    }

    @Test
    void aCertificateRevokedBeforeSigningFails() throws Exception {
        Path revoking = Files.write(dir.resolve("revoking.crl"), Pki.crl(root, Pki.NOW.minus(Duration.ofMinutes(1)),
                Map.of(signer.certificate(), SIGNED_AT.minus(Duration.ofHours(1)))).getEncoded());

        Run run = semper("verify", "statement", file, "--anchors", anchors, "--crl", revoking);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("Signed statement: TOTAL_FAILED / REVOKED")
                .contains("REVOKED via CRL", "KEY_COMPROMISE");
    }

    @Test
    void aTamperedPayloadFailsTheSignature() throws Exception {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(statement.toJson());
        json.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"msg\":\"me1\",\"order\":\"2026-0002\",\"protocol\":\"semper-cs/1\"}".getBytes(StandardCharsets.UTF_8)));
        Path tampered = Files.writeString(dir.resolve("tampered.json"), json.toString());

        Run run = semper("verify", "statement", tampered, "--anchors", anchors, "--crl", crl);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("Signed statement: TOTAL_FAILED / SIG_CRYPTO_FAILURE")
                .contains("altered after signing");
    }

    @Test
    void anotherTrustAnchorFindsNoChain() throws Exception {
        Run run = semper("verify", "statement", file, "--anchors", tsaAnchors, "--crl", crl, "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = run.json();
        assertThat(json.get("indication").asText()).isEqualTo("INDETERMINATE");
        assertThat(json.get("subIndication").asText()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
    }

    @Test
    void jsonOutputHasTheWholeResult() {
        Run run = semper("verify", "statement", file, "--anchors", anchors, "--crl", crl, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(json.get("subIndication").isNull()).isTrue();
        assertThat(json.get("statementId").asText()).isEqualTo(statement.id());
        assertThat(json.get("type").asText()).isEqualTo("semper-cs/me1");
        assertThat(json.get("timeSource").asText()).isEqualTo("CLAIMED");
        assertThat(json.get("validationTime").asText()).isEqualTo(SIGNED_AT.toString());
        assertThat(json.get("certificateChain")).hasSize(2);
        assertThat(json.get("revocation").get(0).get("status").asText()).isEqualTo("GOOD");
        assertThat(json.get("findings")).isEmpty();
    }

    @Test
    void jsonThatIsNoStatementFailsWithFormatFailure() throws Exception {
        Path notAStatement = Files.writeString(dir.resolve("object.json"), "{\"hello\": \"world\"}");

        Run run = semper("verify", "statement", notAStatement, "--anchors", anchors);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("Signed statement: TOTAL_FAILED / FORMAT_FAILURE");
    }

    @Test
    void aFileThatIsNotJsonIsAnInputError() throws Exception {
        Path notJson = Files.writeString(dir.resolve("order.txt"), "Purchase order 2026-0001\n");

        Run run = semper("verify", "statement", notJson, "--anchors", anchors);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("order.txt is not JSON", "next: give the statement as JWS JSON");
    }

    @Test
    void missingOrMalformedRevocationFilesAreInputErrors() throws Exception {
        Run missing = semper("verify", "statement", dir.resolve("absent.json"), "--anchors", anchors);
        Run badCrl = semper("verify", "statement", file, "--anchors", anchors, "--crl", file);
        Run badOcsp = semper("verify", "statement", file, "--anchors", anchors, "--ocsp", crl);
        Run noAnchors = semper("verify", "statement", file);

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("absent.json: no such file");
        assertThat(badCrl.exitCode()).isEqualTo(2);
        assertThat(badCrl.err()).contains("--crl", "is not a CRL");
        assertThat(badOcsp.exitCode()).isEqualTo(2);
        assertThat(badOcsp.err()).contains("--ocsp", "neither an OCSPResponse nor a BasicOCSPResponse");
        assertThat(noAnchors.exitCode()).isEqualTo(2);
        assertThat(noAnchors.err()).contains("Missing required option: '--anchors=ROOTS.pem'");
    }
}
