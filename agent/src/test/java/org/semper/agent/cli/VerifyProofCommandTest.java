package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.agent.testing.Cli.semper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Cli.Run;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.InMemoryMerkleTree;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleProofs;
import org.semper.evidence.tlog.NoteSigner;
import org.semper.evidence.tlog.TlogProof;

import com.fasterxml.jackson.databind.JsonNode;

class VerifyProofCommandTest {
    static final String ORIGIN = "semper/semper-tsa";
    static final int INDEX = 5;

    @TempDir
    static Path dir;
    static NoteSigner logKey;
    static InMemoryMerkleTree tree;
    static byte[] entry;
    static String bundleText;
    static Path bundle;
    static Path entryFile;

    @BeforeAll
    static void log() throws Exception {
        logKey = NoteSigner.generate(ORIGIN);
        tree = new InMemoryMerkleTree();
        for (int i = 0; i < 11; i++) {
            tree.append(("{\"statement\": " + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        entry = ("{\"statement\": " + INDEX + "}").getBytes(StandardCharsets.UTF_8);
        String note = logKey.sign(new Checkpoint(ORIGIN, tree.size(), tree.root()).body());
        bundleText = TlogProof.of(INDEX, MerkleProofs.inclusion(tree, INDEX, tree.size()), note).encode();
        bundle = Files.writeString(dir.resolve("statement.tlog-proof"), bundleText);
        entryFile = Files.write(dir.resolve("statement.json"), entry);
    }

    @Test
    void theEntryIsProvenInTheLog() {
        Run run = semper("verify", "proof", bundle, "--entry", entryFile, "--log-key", logKey.verifierKey());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("Inclusion proof: VERIFIED")
                .contains("entry at index 5 of log 'semper/semper-tsa' is included in the tree of size 11")
                .contains("tree size", "11")
                .contains("root hash", Base64.getEncoder().encodeToString(tree.root()))
                .contains("Signed checkpoint:", "    semper/semper-tsa", "    — semper/semper-tsa ");
    }

    @Test
    void aLeafHashServesAsWellAsTheEntry() {
        String leafHash = Base64.getUrlEncoder().encodeToString(MerkleHash.leaf(entry));

        Run run = semper("verify", "proof", bundle, "--leaf-hash", leafHash, "--log-key", logKey.verifierKey(),
                "--origin", ORIGIN, "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("verified").asBoolean()).isTrue();
        assertThat(json.get("reason").isNull()).isTrue();
        assertThat(json.get("index").asLong()).isEqualTo(INDEX);
        assertThat(json.get("treeSize").asLong()).isEqualTo(11);
        assertThat(json.get("leafHash").asText()).isEqualTo(Base64.getEncoder().encodeToString(MerkleHash.leaf(entry)));
    }

    @Test
    void anotherLogKeyIsNotTrusted() {
        Run run = semper("verify", "proof", bundle, "--entry", entryFile, "--log-key",
                NoteSigner.generate(ORIGIN).verifierKey(), "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.json().get("verified").asBoolean()).isFalse();
        assertThat(run.json().get("reason").asText()).isEqualTo("NO_TRUSTED_SIGNATURE");
    }

    @Test
    void anotherEntryIsNotProven() throws Exception {
        Path other = Files.writeString(dir.resolve("other.json"), "{\"statement\": 6}");

        Run run = semper("verify", "proof", bundle, "--entry", other, "--log-key", logKey.verifierKey());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("Inclusion proof: FAILED / INCLUSION_FAILED (ROOT_MISMATCH)")
                .contains("next: the entry is not the one logged", "(as given, not trusted)");
    }

    @Test
    void anAlteredProofHashFails() throws Exception {
        List<byte[]> proof = MerkleProofs.inclusion(tree, INDEX, tree.size());
        String first = Base64.getEncoder().encodeToString(proof.get(0));
        byte[] altered = proof.get(0).clone();
        altered[0] ^= 1;
        Path tampered = Files.writeString(dir.resolve("altered-hash.tlog-proof"),
                bundleText.replace(first, Base64.getEncoder().encodeToString(altered)));

        Run run = semper("verify", "proof", tampered, "--entry", entryFile, "--log-key", logKey.verifierKey());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED / INCLUSION_FAILED (ROOT_MISMATCH)");
    }

    @Test
    void anAlteredIndexOrCheckpointFails() throws Exception {
        Path otherIndex = Files.writeString(dir.resolve("altered-index.tlog-proof"),
                bundleText.replace("index 5\n", "index 4\n"));
        String root = Base64.getEncoder().encodeToString(tree.root());
        Path otherSize = Files.writeString(dir.resolve("altered-size.tlog-proof"),
                bundleText.replace("\n11\n" + root + "\n", "\n12\n" + root + "\n"));

        Run index = semper("verify", "proof", otherIndex, "--entry", entryFile, "--log-key", logKey.verifierKey());
        Run size = semper("verify", "proof", otherSize, "--entry", entryFile, "--log-key", logKey.verifierKey());

        assertThat(index.exitCode()).as(index.toString()).isEqualTo(1);
        assertThat(index.out()).contains("INCLUSION_FAILED");
        assertThat(size.exitCode()).as(size.toString()).isEqualTo(1);
        assertThat(size.out()).contains("FAILED / INVALID_SIGNATURE", "altered after the log signed it");
    }

    @Test
    void anotherOriginIsRefused() {
        Run run = semper("verify", "proof", bundle, "--entry", entryFile, "--log-key", logKey.verifierKey(),
                "--origin", "semper/other-log");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED / ORIGIN_MISMATCH");
    }

    @Test
    void aBrokenBundleFailsButAFileThatIsNoBundleIsAnInputError() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.tlog-proof"), bundleText.replace("index 5", "index 05"));

        Run brokenRun = semper("verify", "proof", broken, "--entry", entryFile, "--log-key", logKey.verifierKey());
        Run notABundle = semper("verify", "proof", entryFile, "--entry", entryFile, "--log-key", logKey.verifierKey());

        assertThat(brokenRun.exitCode()).isEqualTo(1);
        assertThat(brokenRun.out()).contains("FAILED / MALFORMED_PROOF");
        assertThat(notABundle.exitCode()).isEqualTo(2);
        assertThat(notABundle.err()).contains("is not a tlog proof", "/log/bundle?hash=");
    }

    @Test
    void badKeysHashesAndFilesAreInputErrors() {
        Run badKey = semper("verify", "proof", bundle, "--entry", entryFile, "--log-key", "not-a-key");
        Run badHash = semper("verify", "proof", bundle, "--leaf-hash", "AAAA", "--log-key", logKey.verifierKey());
        Run missing = semper("verify", "proof", dir.resolve("missing.txt"), "--entry", entryFile, "--log-key",
                logKey.verifierKey(), "--json");
        Run both = semper("verify", "proof", bundle, "--log-key", logKey.verifierKey());

        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(badKey.err()).contains("--log-key is not a C2SP verifier key", "/log/key");
        assertThat(badHash.exitCode()).isEqualTo(2);
        assertThat(badHash.err()).contains("--leaf-hash has 3 bytes, not 32");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.json().get("error").asText()).contains("missing.txt: no such file");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("either --entry FILE or --leaf-hash BASE64");
    }
}
