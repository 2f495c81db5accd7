package org.semper.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.semper.agent.verify.EvidenceFiles;
import org.semper.agent.verify.InvalidInputException;
import org.semper.agent.verify.ProofCheck;
import org.semper.evidence.bundle.BundleRejection;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.verdict.TranscriptCheck;
import org.semper.evidence.verdict.Trust;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "transcript", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Re-verifies a dispute arbiter's transcript offline, without trusting the arbiter: the transcript's "
                    + "JAdES signature and signature time-stamp under your anchors, its inclusion in the arbiter's "
                    + "transparency log (with --log-key and --proof), that the case bundle is the one it names, and "
                    + "that the verdict engine, run on that bundle, gives byte for byte the verdict the transcript holds.",
            "Get both documents from the arbiter (GET /api/v1/disputes/{id}/transcript and /bundle) or from a party."},
        footer = {"", "Example:",
            "  semper verify transcript transcript.json case-bundle.json --anchors roots.pem --crl arbiter-ca.crl \\",
            "      --log-key 'semper/semper-arbiter+1a2b3c4d+AX...' --proof transcript.tlog-proof"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:the signature is valid (TOTAL_PASSED), the log proof (if asked) verifies and the verdict matches",
            "1:any of these fails (reasons printed)", "2:usage or input error", "4:internal error"})
final class VerifyTranscriptCommand extends VerifySubcommand {

    @Parameters(index = "0", paramLabel = "TRANSCRIPT.json", description = "The signed transcript.")
    Path transcript;

    @Parameters(index = "1", paramLabel = "BUNDLE.json", description = "The case bundle (semper-bundle/1).")
    Path bundle;

    @Option(names = "--anchors", required = true, paramLabel = "ROOTS.pem",
            description = "Trusted root certificate(s) of the arbiter and of the parties and TTPs, PEM.")
    Path anchors;

    @Option(names = "--tsa-anchors", paramLabel = "ROOTS.pem", description = "Trusted roots of TSAs (default: --anchors).")
    Path tsaAnchors;

    @Option(names = "--crl", paramLabel = "FILE", description = "A CRL for the arbiter's certificate; repeatable.")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--ocsp", paramLabel = "FILE", description = "An OCSP response for it; repeatable.")
    List<Path> ocsp = new ArrayList<>();

    @Option(names = "--log-key", paramLabel = "VERIFIERKEY",
            description = "The arbiter log's C2SP verifier key (GET /log/key); with --proof.")
    String logKey;

    @Option(names = "--proof", paramLabel = "FILE",
            description = "The tlog-proof of the transcript as logged (GET /log/bundle?hash=<leaf of the B-B transcript>).")
    Path proof;

    @Override
    int verify() throws InvalidInputException {
        if ((logKey == null) != (proof == null)) {
            throw new ParameterException(spec.commandLine(), "give --log-key and --proof together, or neither");
        }
        SignedStatement statement;
        try {
            statement = SignedStatement.parse(EvidenceFiles.readText(transcript, "the transcript"), Integer.MAX_VALUE);
        } catch (MalformedStatementException e) {
            throw new InvalidInputException(transcript + " is not a signed statement: " + e.getMessage(),
                    "give the transcript as the arbiter serves it (JWS JSON)", e);
        }
        EvidenceBundle caseBundle;
        try {
            caseBundle = new EvidenceBundleReader(Long.MAX_VALUE, Integer.MAX_VALUE)
                    .read(EvidenceFiles.read(bundle, "the case bundle"));
        } catch (BundleRejection e) {
            throw new InvalidInputException(bundle + " is not a usable semper-bundle/1 document (" + e.reason().code()
                    + "): " + e.getMessage(), "give the case bundle as GET /api/v1/disputes/{id}/bundle returns it", e);
        }
        TrustAnchors signers = EvidenceFiles.trustAnchors(anchors, "--anchors");
        TrustAnchors tsa = tsaAnchors == null ? signers : EvidenceFiles.trustAnchors(tsaAnchors, "--tsa-anchors");
        RevocationData.Builder revocation = RevocationData.builder();
        for (Path crl : crls) {
            revocation.crl(EvidenceFiles.crl(crl));
        }
        for (Path response : ocsp) {
            EvidenceFiles.addOcsp(response, revocation);
        }
        TranscriptCheck.Result result = TranscriptCheck.check(statement, caseBundle, new Trust(signers, tsa, List.of()),
                revocation.build());
        ProofCheck.Result logged = null;
        if (proof != null) {
            NoteVerifier key = EvidenceFiles.verifierKey(logKey, "--log-key");
            logged = ProofCheck.verify(EvidenceFiles.readText(proof, "--proof"),
                    MerkleHash.leaf(TranscriptCheck.loggedBytes(statement)), null, key);
        }
        boolean ok = result.signature().passed() && result.verdictMatches() && (logged == null || logged.verified());
        int exit = ok ? ExitCodes.OK : ExitCodes.FAILED;
        if (json) {
            ObjectNode node = result(exit);
            node.put("transcriptId", statement.id());
            node.put("signature", result.signature().indication().name());
            node.put("signatureSubIndication", result.signature().subIndication() == null ? null
                    : result.signature().subIndication().name());
            node.put("timeSource", result.signature().timeSource().map(Enum::name).orElse(null));
            node.put("timeStamped", !result.signature().timeStamps().isEmpty()
                    && result.signature().timeStamps().stream().allMatch(TimeStampVerification::passed));
            node.put("logged", logged == null ? null : logged.verified());
            node.put("bundleMatches", result.bundleMatches());
            node.put("verdict", result.transcriptVerdict());
            node.put("recomputedVerdict", result.recomputed().map(d -> d.verdict().code()).orElse(null));
            node.put("verdictMatches", result.verdictMatches());
            node.put("problem", result.problem().orElse(null));
            Render.printJson(out(), node);
        } else {
            print(out(), statement, result, logged);
        }
        return exit;
    }

    private static void print(PrintWriter out, SignedStatement statement, TranscriptCheck.Result result,
            ProofCheck.Result logged) {
        out.println("Transcript: " + (result.verdictMatches() ? "the verdict MATCHES the case bundle"
                : "the verdict DOES NOT MATCH") + "; signature " + result.signature().indication()
                + (result.signature().subIndication() == null ? "" : " / " + result.signature().subIndication()));
        result.problem().ifPresent(p -> out.println("  " + p));
        out.println();
        Render.field(out, "transcript id", "H(s) = " + statement.id());
        StatementValidation signature = result.signature();
        Render.field(out, "signed by", signature.signerCertificate().map(Render::subject).orElse(null));
        Render.field(out, "signature", signature.message());
        Render.field(out, "time", signature.validationTime().map(t -> t + " " + signature.timeSource()
                .map(Enum::name).orElse("")).orElse(null));
        List<TimeStampVerification> stamps = signature.timeStamps();
        Render.field(out, "time-stamp", stamps.isEmpty() ? "none (B-B)" : stamps.get(0).indication()
                + stamps.get(0).genTime().map(g -> ", genTime " + g).orElse(""));
        Render.field(out, "log inclusion", logged == null ? "not checked (give --log-key and --proof)"
                : logged.verified() ? "VERIFIED: " + logged.message() : "FAILED: " + logged.message());
        Render.field(out, "case bundle", result.bundleMatches() ? "the one the transcript names" : "ANOTHER bundle");
        Render.field(out, "verdict", result.transcriptVerdict() + result.recomputed()
                .map(d -> " (recomputed: " + d.verdict().code() + ")").orElse(""));
        out.flush();
    }
}
