package org.semper.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.semper.agent.verify.EvidenceFiles;
import org.semper.agent.verify.InvalidInputException;
import org.semper.agent.verify.ProofCheck;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.TlogProof;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

@Command(name = "proof", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Verifies an offline transparency-log proof bundle (C2SP tlog-proof, as GET /log/bundle?hash= returns "
                    + "it): the checkpoint is signed by the log key, names the log's origin, and the inclusion proof "
                    + "leads from the entry's leaf hash SHA-256(0x00 || entry) to its root (RFC 9162)."},
        footer = {"", "Example (the key from GET http://127.0.0.1:8081/log/key):",
            "  semper verify proof statement.tlog-proof --entry statement.json \\",
            "      --log-key 'semper/semper-tsa+1a2b3c4d+AX...'"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:the entry is in the log", "1:the proof does not verify (reason printed)",
            "2:usage or input error (including a file that is not a tlog proof)", "4:internal error"})
final class VerifyProofCommand extends VerifySubcommand {
    private static final Map<ProofCheck.Reason, String> NEXT_STEPS = Map.of(
            ProofCheck.Reason.MALFORMED_PROOF, "get the bundle again: GET <log URL>/log/bundle?hash=<leaf hash>",
            ProofCheck.Reason.NO_TRUSTED_SIGNATURE, "the checkpoint is not signed by --log-key: check that it is this "
                    + "log's key (GET <log URL>/log/key)",
            ProofCheck.Reason.INVALID_SIGNATURE, "the checkpoint was altered after the log signed it",
            ProofCheck.Reason.DUPLICATE_SIGNATURE, "the checkpoint carries two signatures of the log key: get the "
                    + "bundle again",
            ProofCheck.Reason.ORIGIN_MISMATCH, "the checkpoint is another log's: check --origin (default: the key's name)",
            ProofCheck.Reason.MALFORMED_CHECKPOINT, "the log signed something that is not a checkpoint: report it to "
                    + "the log's operator",
            ProofCheck.Reason.INCLUSION_FAILED, "the entry is not the one logged at that index, or the proof was "
                    + "altered: check that --entry holds the exact bytes that were logged");

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "The proof bundle (c2sp.org/tlog-proof@v1 text).")
    Path bundle;

    @Option(names = "--entry", paramLabel = "FILE", description = "The logged entry, its exact bytes.")
    Path entry;

    @Option(names = "--leaf-hash", paramLabel = "BASE64",
            description = "Or: the entry's leaf hash SHA-256(0x00 || entry), base64.")
    String leafHash;

    @Option(names = "--log-key", required = true, paramLabel = "VERIFIERKEY",
            description = "The log's C2SP verifier key <name>+<key ID>+<key>, from GET /log/key.")
    String logKey;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "The log's origin (first checkpoint line); default: the key's name.")
    String origin;

    @Override
    int verify() throws InvalidInputException {
        if ((entry == null) == (leafHash == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give the logged entry: either --entry FILE or --leaf-hash BASE64, not both");
        }
        NoteVerifier key = EvidenceFiles.verifierKey(logKey, "--log-key");
        byte[] hash = leafHash != null ? EvidenceFiles.leafHash(leafHash)
                : MerkleHash.leaf(EvidenceFiles.read(entry, "--entry"));
        String text = EvidenceFiles.readText(bundle, "the bundle");
        if (!ProofCheck.looksLikeProof(text)) {
            throw new InvalidInputException(bundle + " is not a tlog proof (its first line is not "
                    + TlogProof.HEADER + ")", "give the bundle as GET <log URL>/log/bundle?hash=<leaf hash> returns it");
        }
        ProofCheck.Result result = ProofCheck.verify(text, hash, origin, key);
        int exit = result.verified() ? ExitCodes.OK : ExitCodes.FAILED;
        if (json) {
            ObjectNode node = result(exit);
            node.put("verified", result.verified());
            node.put("reason", result.reason().map(Enum::name).orElse(null));
            result.proofDetail().ifPresent(d -> node.put("proofDetail", d));
            node.put("message", result.message());
            node.put("leafHash", result.leafHashBase64());
            if (result.index() >= 0) {
                node.put("index", result.index());
            }
            node.put("origin", result.origin());
            node.put("logKey", key.verifierKey());
            result.checkpoint().ifPresent(c -> {
                node.put("treeSize", c.treeSize());
                node.put("rootHash", Base64.getEncoder().encodeToString(c.rootHash()));
            });
            result.signedCheckpoint().ifPresent(n -> node.put("checkpoint", n));
            Render.printJson(out(), node);
        } else {
            print(out(), result, key);
        }
        return exit;
    }

    private static void print(PrintWriter out, ProofCheck.Result result, NoteVerifier key) {
        out.println("Inclusion proof: " + (result.verified() ? "VERIFIED" : "FAILED / " + result.reason().get().name()
                + result.proofDetail().map(d -> " (" + d + ")").orElse("")));
        out.println("  " + result.message());
        result.reason().map(NEXT_STEPS::get).ifPresent(next -> out.println("  next: " + next));
        out.println();
        Render.field(out, "leaf hash", result.leafHashBase64());
        if (result.index() >= 0) {
            Render.field(out, "index", result.index());
        }
        Render.field(out, "origin", result.origin());
        Render.field(out, "log key", key.verifierKey());
        result.checkpoint().ifPresent(c -> {
            Render.field(out, "tree size", c.treeSize());
            Render.field(out, "root hash", Base64.getEncoder().encodeToString(c.rootHash()));
        });
        result.signedCheckpoint().ifPresent(note -> {
            out.println();
            out.println("  Signed checkpoint" + (result.verified() ? "" : " (as given, not trusted)") + ":");
            note.lines().forEach(line -> out.println("    " + line));
        });
        out.flush();
    }
}
