package org.semper.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.semper.agent.verify.EvidenceFiles;
import org.semper.agent.verify.InvalidInputException;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TimeSource;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "statement", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Validates a signed statement (JAdES JWS JSON) offline, as EU DSS would: signature, algorithm policy, "
                    + "signature time-stamps (B-T), the time that matters (time-stamped, else the signer's claimed "
                    + "time), certificate path and validity, and revocation from the CRLs and OCSP responses given.",
            "Nothing is fetched: without --crl or --ocsp for each certificate of the chain the result is "
                    + "INDETERMINATE / TRY_LATER."},
        footer = {"", "Example:",
            "  semper verify statement me1.json --anchors roots.pem --crl ca.crl \\",
            "      --tsa-anchors data/local-ca/root.pem"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:TOTAL_PASSED", "1:TOTAL_FAILED or INDETERMINATE (reason printed)",
            "2:usage or input error (including a file that is not JSON)", "4:internal error"})
final class VerifyStatementCommand extends VerifySubcommand {

    @Parameters(index = "0", paramLabel = "FILE.json", description = "The signed statement.")
    Path statement;

    @Option(names = "--anchors", required = true, paramLabel = "ROOTS.pem",
            description = "Trusted root certificate(s) of signers, PEM.")
    Path anchors;

    @Option(names = "--tsa-anchors", paramLabel = "ROOTS.pem",
            description = "Trusted root certificate(s) of TSAs, PEM (default: --anchors).")
    Path tsaAnchors;

    @Option(names = "--crl", paramLabel = "FILE", description = "A CRL (DER or PEM); repeat for each CA.")
    List<Path> crls = new ArrayList<>();

    @Option(names = "--ocsp", paramLabel = "FILE", description = "A DER OCSP response; repeatable.")
    List<Path> ocsp = new ArrayList<>();

    @Option(names = "--untrusted", paramLabel = "CERTS.pem",
            description = "Extra certificates (intermediate CAs, OCSP responders) for the paths; not trusted.")
    Path untrusted;

    @Override
    int verify() throws InvalidInputException {
        String text = EvidenceFiles.readText(statement, "the statement");
        requireJsonObject(text);
        TrustAnchors signerAnchors = EvidenceFiles.trustAnchors(anchors, "--anchors");
        TrustAnchors timeStampAnchors = tsaAnchors == null ? signerAnchors
                : EvidenceFiles.trustAnchors(tsaAnchors, "--tsa-anchors");
        RevocationData.Builder revocation = RevocationData.builder();
        for (Path crl : crls) {
            revocation.crl(EvidenceFiles.crl(crl));
        }
        for (Path response : ocsp) {
            EvidenceFiles.addOcsp(response, revocation);
        }
        if (untrusted != null) {
            EvidenceFiles.certificates(untrusted, "--untrusted").forEach(revocation::certificate);
        }

        StatementValidation result = new StatementValidator(signerAnchors, timeStampAnchors, ValidationPolicy.defaults())
                .validate(text, revocation.build());
        int exit = result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
        if (json) {
            Render.printJson(out(), toJson(result(exit), result));
        } else {
            print(out(), result);
        }
        return exit;
    }

    /** A file that is not even JSON is an input error; anything else is for the validator to judge. */
    private void requireJsonObject(String text) throws InvalidInputException {
        JsonNode node;
        try {
            node = Render.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(statement + " is not JSON: " + e.getOriginalMessage(),
                    "give the statement as JWS JSON (flattened serialization), as a Semper service returns it", e);
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(statement + " is not a JSON object",
                    "give the statement as JWS JSON (flattened serialization), as a Semper service returns it");
        }
    }

    private static ObjectNode toJson(ObjectNode node, StatementValidation result) {
        node.put("indication", result.indication().name());
        node.put("subIndication", result.subIndication() == null ? null : result.subIndication().name());
        node.put("passed", result.passed());
        node.put("message", result.message());
        result.statementId().ifPresent(id -> node.put("statementId", id));
        result.type().ifPresent(type -> node.put("type", type));
        result.signerCertificate().ifPresent(c -> node.set("signerCertificate", Render.certificate(c)));
        node.set("certificateChain", Render.certificates(result.certificateChain()));
        result.claimedSigningTime().ifPresent(t -> node.put("claimedSigningTime", t.toString()));
        result.validationTime().ifPresent(t -> node.put("validationTime", t.toString()));
        result.timeSource().ifPresent(s -> node.put("timeSource", s.name()));
        ArrayNode revocation = node.putArray("revocation");
        for (RevocationCheck check : result.revocation()) {
            ObjectNode item = revocation.addObject();
            item.put("certificate", Render.subject(check.certificate()));
            item.put("status", check.status().name());
            item.put("source", check.source().name());
            check.thisUpdate().ifPresent(t -> item.put("thisUpdate", t.toString()));
            check.revocationTime().ifPresent(t -> item.put("revocationTime", t.toString()));
            check.revocationReason().ifPresent(r -> item.put("revocationReason", r));
            check.signedBy().ifPresent(c -> item.put("signedBy", Render.subject(c)));
            item.put("message", check.message());
        }
        ArrayNode timeStamps = node.putArray("timeStamps");
        for (TimeStampVerification timeStamp : result.timeStamps()) {
            VerifyTokenCommand.put(timeStamps.addObject(), timeStamp);
        }
        ArrayNode findings = node.putArray("findings");
        for (StatementValidation.Finding finding : result.findings()) {
            ObjectNode item = findings.addObject();
            item.put("indication", finding.indication().name());
            item.put("subIndication", finding.subIndication().name());
            item.put("message", finding.message());
        }
        node.put("validatedAt", result.validatedAt().toString());
        return node;
    }

    private static void print(PrintWriter out, StatementValidation result) {
        out.println("Signed statement: " + result.indication()
                + (result.subIndication() == null ? "" : " / " + result.subIndication()));
        out.println("  " + result.message());
        String next = Render.nextStep(result.subIndication());
        if (next != null) {
            out.println("  next: " + next);
        }
        out.println();
        Render.field(out, "statement id", result.statementId().map(id -> "H(s) = " + id).orElse(null));
        Render.field(out, "type", result.type().orElse(null));
        Render.field(out, "signer", result.signerCertificate().map(Render::subject).orElse(null));
        if (!result.certificateChain().isEmpty()) {
            Render.field(out, "chain", Render.chain(result.certificateChain()));
        }
        Render.field(out, "time used", result.validationTime().map(t -> t + "  " + result.timeSource()
                .map(VerifyStatementCommand::describe).orElse("")).orElse(null));
        Render.field(out, "claimed time", result.claimedSigningTime().map(Object::toString).orElse(null));
        List<RevocationCheck> revocation = result.revocation();
        for (int i = 0; i < revocation.size(); i++) {
            RevocationCheck check = revocation.get(i);
            Render.field(out, i == 0 ? "revocation" : "", Render.subject(check.certificate()) + ": " + check.status()
                    + (check.source() == RevocationCheck.Source.NONE ? "" : " via " + check.source())
                    + check.thisUpdate().map(t -> " (thisUpdate " + t + ")").orElse("")
                    + check.revocationTime().map(t -> ", revoked " + t).orElse("")
                    + check.revocationReason().map(r -> " " + r).orElse("")
                    + (check.status() == RevocationCheck.Status.UNKNOWN ? ": " + check.message() : ""));
        }
        List<TimeStampVerification> timeStamps = result.timeStamps();
        if (timeStamps.isEmpty() && result.statementId().isPresent()) {
            Render.field(out, "time-stamps", "none (JAdES B-B: the signing time is only claimed)");
        }
        for (int i = 0; i < timeStamps.size(); i++) {
            TimeStampVerification t = timeStamps.get(i);
            Render.field(out, i == 0 ? "time-stamps" : "", "#" + i + " " + t.indication()
                    + (t.subIndication() == null ? "" : " / " + t.subIndication())
                    + t.genTime().map(g -> ", genTime " + g).orElse("")
                    + t.tsaCertificate().map(c -> ", by " + Render.subject(c)).orElse(""));
        }
        if (result.findings().size() > 1) {
            out.println();
            out.println("  All findings, in check order:");
            for (StatementValidation.Finding finding : result.findings()) {
                out.println("    - " + finding.subIndication() + ": " + finding.message());
            }
        }
        out.flush();
    }

    private static String describe(TimeSource source) {
        return switch (source) {
            case TIMESTAMPED -> "TIMESTAMPED (proved by a signature time-stamp)";
            case CLAIMED -> "CLAIMED (the signer's own claim; no time-stamp proves it)";
        };
    }
}
