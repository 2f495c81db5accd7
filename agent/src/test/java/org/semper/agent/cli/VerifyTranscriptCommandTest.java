package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Cli;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.InMemoryMerkleTree;
import org.semper.evidence.tlog.MerkleProofs;
import org.semper.evidence.tlog.NoteSigner;
import org.semper.evidence.tlog.TlogProof;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.evidence.verdict.CaseFile;
import org.semper.evidence.verdict.Claim;
import org.semper.evidence.verdict.ClaimType;
import org.semper.evidence.verdict.Decision;
import org.semper.evidence.verdict.TranscriptCheck;
import org.semper.evidence.verdict.Trust;
import org.semper.evidence.verdict.VerdictEngine;

/**
 * {@code semper verify transcript}: an arbiter's transcript (signed, time-stamped, logged) over a real case bundle
 * (a complete semper-cs/1 exchange, made with the exchange library), re-verified offline; and what it says when the
 * bundle, the verdict or the log proof is not the transcript's.
 */
class VerifyTranscriptCommandTest {
    private static final CasePki PKI = new CasePki("Transcript CLI");
    private static final CasePki.Party ORIGINATOR = PKI.party("Originator", new CasePki.Cover("EUR", 1, 3));
    private static final CasePki.Party RESPONDER = PKI.party("Responder", new CasePki.Cover("EUR", 1, 3));
    private static final CasePki.Party ARBITER = PKI.party("Arbiter", null);
    private static final NoteSigner LOG = NoteSigner.generate("arbiter.test/log");

    @TempDir
    Path dir;

    private final Instant signed = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    private final Instant decided = Instant.now().minus(2, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    /** A case bundle of an honest contract and a claim that it binds the responder. */
    private EvidenceBundle caseBundle(String contract) {
        byte[] nonceO = Hashes.random32();
        byte[] nonceR = Hashes.random32();
        TtpIdentity ttp = TtpIdentity.of("https://notary.example", PKI.party("Notary", null).certificate());
        SignedStatement me1 = ContractMessages.me1(ORIGINATOR.signer(signed), RESPONDER.certificate(), ttp,
                ContractTerms.text("text/plain", contract), nonceO, Optional.empty());
        SignedStatement me2 = ContractMessages.me2(RESPONDER.signer(signed), me1, nonceR);
        SignedStatement me3 = ContractMessages.me3(ORIGINATOR.signer(signed), me1, nonceO, Hashes.h(nonceR));
        SignedStatement me4 = ContractMessages.me4(RESPONDER.signer(signed), me1, nonceR, Hashes.h(nonceO));
        SignedStatement claim = ORIGINATOR.sign(Claim.TYPE, Claim.payload(ClaimType.CONTRACT_BINDING,
                RESPONDER.fingerprint(), "100", "EUR", me1.id(), null, null, "bound"), signed);
        return EvidenceBundle.builder().add(ItemRole.CLAIM, claim, "").add(ItemRole.ME1, me1, "")
                .add(ItemRole.ME2, me2, "").add(ItemRole.ME3, me3, "").add(ItemRole.ME4, me4, "")
                .add(ItemRole.CRL, "application/pkix-crl", CasePki.der(PKI.crl(decided.minusSeconds(60))), "")
                .sign(ARBITER.signer(decided));
    }

    /** The arbiter's transcript of {@code decision} on {@code bundle}, time-stamped. */
    private SignedStatement transcript(EvidenceBundle bundle, Map<String, Object> decision) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", TranscriptCheck.FORMAT);
        payload.put("verdict", decision.get("verdict"));
        payload.put("bundles", Map.of("case", bundle.id()));
        payload.put("decision", decision);
        return PKI.timeStamped(ARBITER.sign(TranscriptCheck.TYPE, payload, decided), decided.plusSeconds(2));
    }

    private Decision decide(EvidenceBundle bundle) throws Exception {
        return VerdictEngine.standard().decide(CaseFile.of(bundle, Trust.of(PKI.anchors()), ValidationPolicy.defaults(),
                decided));
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private Path write(String name, String content) throws Exception {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private String proofOf(SignedStatement transcript) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        tree.append("an earlier entry".getBytes(StandardCharsets.UTF_8));
        long index = tree.append(TranscriptCheck.loggedBytes(transcript));
        String note = LOG.sign(new Checkpoint(LOG.keyName(), tree.size(), tree.root()).body());
        return TlogProof.of(index, MerkleProofs.inclusion(tree, index, tree.size()), note).encode();
    }

    private Object[] args(Path transcript, Path bundle, Path proof) throws Exception {
        Path anchors = write("anchors.pem", "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64,
                "\n".getBytes()).encodeToString(PKI.root().certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path crl = write("ca.crl", CasePki.der(PKI.crl(Instant.now().minusSeconds(5))));
        return new Object[] {"verify", "transcript", transcript, bundle, "--anchors", anchors, "--crl", crl, "--log-key",
            LOG.verifierKey(), "--proof", proof, "--json"};
    }

    @Test
    void aGenuineTranscriptVerifiesAndItsVerdictIsRecomputed() throws Exception {
        EvidenceBundle bundle = caseBundle("R buys the bicycle.");
        Decision decision = decide(bundle);
        assertThat(decision.verdict().code()).isEqualTo("upheld");
        SignedStatement transcript = transcript(bundle, decision.payload());
        Cli.Run run = Cli.semper(args(write("t.json", transcript.toJson()), write("b.json", bundle.toJson()),
                write("t.proof", proofOf(transcript))));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().path("verdictMatches").asBoolean()).isTrue();
        assertThat(run.json().path("signature").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(run.json().path("timeSource").asText()).isEqualTo("TIMESTAMPED");
        assertThat(run.json().path("logged").asBoolean()).isTrue();
        assertThat(run.json().path("recomputedVerdict").asText()).isEqualTo("upheld");

        Cli.Run text = Cli.semper(List.of(args(write("t.json", transcript.toJson()), write("b.json", bundle.toJson()),
                write("t.proof", proofOf(transcript)))).subList(0, 12).toArray());
        assertThat(text.out()).contains("the verdict MATCHES").contains(transcript.id()).contains("VERIFIED");
    }

    @Test
    void aTranscriptWhoseVerdictIsNotTheEnginesFails() throws Exception {
        EvidenceBundle bundle = caseBundle("R buys the bicycle.");
        Map<String, Object> altered = new LinkedHashMap<>(decide(bundle).payload());
        altered.put("verdict", "dismissed");
        altered.put("liability", null);
        altered.remove("liability");
        SignedStatement transcript = transcript(bundle, altered);
        Cli.Run run = Cli.semper(args(write("t.json", transcript.toJson()), write("b.json", bundle.toJson()),
                write("t.proof", proofOf(transcript))));
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.json().path("verdictMatches").asBoolean()).isFalse();
        assertThat(run.json().path("bundleMatches").asBoolean()).isTrue();
        assertThat(run.json().path("recomputedVerdict").asText()).isEqualTo("upheld");
    }

    @Test
    void anotherBundleOrAnotherLogEntryFails() throws Exception {
        EvidenceBundle bundle = caseBundle("R buys the bicycle.");
        SignedStatement transcript = transcript(bundle, decide(bundle).payload());
        Cli.Run otherBundle = Cli.semper(args(write("t.json", transcript.toJson()),
                write("b.json", caseBundle("R buys the car.").toJson()), write("t.proof", proofOf(transcript))));
        assertThat(otherBundle.exitCode()).as(otherBundle.toString()).isEqualTo(1);
        assertThat(otherBundle.json().path("bundleMatches").asBoolean()).isFalse();

        SignedStatement other = transcript(bundle, decide(bundle).payload());
        Cli.Run wrongProof = Cli.semper(args(write("t.json", transcript.toJson()), write("b.json", bundle.toJson()),
                write("t.proof", proofOf(other))));
        assertThat(wrongProof.exitCode()).as(wrongProof.toString()).isEqualTo(1);
        assertThat(wrongProof.json().path("logged").asBoolean()).isFalse();
        assertThat(wrongProof.json().path("verdictMatches").asBoolean()).isTrue();
    }

    @Test
    void aFileThatIsNoStatementIsAnInputError() throws Exception {
        EvidenceBundle bundle = caseBundle("R buys the bicycle.");
        Cli.Run run = Cli.semper(args(write("t.json", "{\"not\":\"a statement\"}"), write("b.json", bundle.toJson()),
                write("t.proof", "x")));
        assertThat(run.exitCode()).isEqualTo(2);
    }
}
