package org.semper.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

import org.semper.agent.verify.EvidenceFiles;
import org.semper.agent.verify.InvalidInputException;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.validation.TrustAnchors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "token", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Verifies an RFC 3161 time-stamp token over a file (or a digest): imprint, TSA signature, ESSCertID "
                    + "binding, the TSA certificate's timeStamping EKU, and a certificate path to --anchors valid at "
                    + "the token's genTime.",
            "The token may be the whole reply the TSA sent (.tsr, TimeStampResp) or a bare DER token, or either "
                    + "in base64."},
        footer = {"", "Example (local TSA, see ./semper demo):",
            "  semper verify token --data order.txt --token order.tsr \\",
            "      --anchors data/local-ca/root.pem"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:the token is valid for this data", "1:the token is not valid (indication and reason printed)",
            "2:usage or input error", "4:internal error"})
final class VerifyTokenCommand extends VerifySubcommand {

    @Option(names = "--data", paramLabel = "FILE", description = "The time-stamped file.")
    Path data;

    @Option(names = "--digest", paramLabel = "HEX", description = "Or: the digest of the data, in hex (e.g. from sha256sum).")
    String digest;

    @Option(names = "--alg", paramLabel = "ALG", description = "Hash algorithm of --digest: SHA-256 (default), SHA-384, "
            + "SHA-512, SHA3-256, SHA3-384, SHA3-512.")
    String algorithm;

    @Option(names = "--token", required = true, paramLabel = "FILE",
            description = "The token: a .tsr reply or a DER TimeStampToken.")
    Path token;

    @Option(names = "--anchors", required = true, paramLabel = "ROOTS.pem",
            description = "Trusted root certificate(s), PEM.")
    Path anchors;

    @Option(names = "--untrusted", paramLabel = "CERTS.pem",
            description = "Extra certificates (TSA certificate, intermediate CAs) to build the path; not trusted.")
    Path untrusted;

    @Override
    int verify() throws InvalidInputException {
        if ((data == null) == (digest == null)) {
            throw new ParameterException(spec.commandLine(),
                    "give the time-stamped data: either --data FILE or --digest HEX (with --alg), not both");
        }
        if (algorithm != null && digest == null) {
            throw new ParameterException(spec.commandLine(), "--alg goes with --digest; with --data the token's own "
                    + "algorithm is used");
        }
        // Check the cheap inputs first, so that a typo is reported before a file is read.
        ImprintAlgorithm imprintAlgorithm = digest == null ? null
                : EvidenceFiles.imprintAlgorithm(algorithm == null ? "SHA-256" : algorithm);
        byte[] digestBytes = digest == null ? null : EvidenceFiles.hexDigest(digest, imprintAlgorithm);
        EvidenceFiles.TokenInput input = EvidenceFiles.timeStampToken(token);
        TrustAnchors trustAnchors = EvidenceFiles.trustAnchors(anchors, "--anchors");
        List<X509Certificate> extra = untrusted == null ? List.of() : EvidenceFiles.certificates(untrusted, "--untrusted");
        byte[] dataBytes = data == null ? null : EvidenceFiles.read(data, "--data");

        TimeStampTokenVerifier verifier = new TimeStampTokenVerifier(trustAnchors);
        TimeStampVerification result = dataBytes != null
                ? verifier.verify(input.tokenDer(), dataBytes, extra)
                : verifier.verifyImprint(input.tokenDer(), imprintAlgorithm, digestBytes, extra);
        int exit = result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
        if (json) {
            ObjectNode node = result(exit);
            put(node, result);
            node.put("tokenForm", input.reply().isPresent() ? "TimeStampResp" : "TimeStampToken");
            Render.printJson(out(), node);
        } else {
            print(out(), result, input);
        }
        return exit;
    }

    /** The verification as JSON fields (also used for the time-stamps of a statement). */
    static void put(ObjectNode node, TimeStampVerification result) {
        node.put("indication", result.indication().name());
        node.put("subIndication", result.subIndication() == null ? null : result.subIndication().name());
        node.put("passed", result.passed());
        node.put("message", result.message());
        result.genTime().ifPresent(t -> node.put("genTime", t.toString()));
        result.serialNumber().ifPresent(s -> node.put("serialNumber", s.toString()));
        result.policy().ifPresent(p -> node.put("policy", p));
        result.imprintAlgorithm().ifPresent(a -> node.put("imprintAlgorithm", a.jcaName()));
        result.imprint().ifPresent(i -> node.put("imprint", Render.HEX.formatHex(i)));
        result.nonce().ifPresent(n -> node.put("nonce", n.toString()));
        result.tsaName().ifPresent(n -> node.put("tsaName", n));
        result.accuracy().ifPresent(a -> node.put("accuracyMillis", a.toMillis()));
        result.tsaCertificate().ifPresent(c -> node.set("tsaCertificate", Render.certificate(c)));
        node.set("certificateChain", Render.certificates(result.certificateChain()));
    }

    private static void print(PrintWriter out, TimeStampVerification result, EvidenceFiles.TokenInput input) {
        out.println("Time-stamp token: " + result.indication()
                + (result.subIndication() == null ? "" : " / " + result.subIndication()));
        out.println("  " + result.message());
        String next = Render.nextStep(result.subIndication());
        if (next != null) {
            out.println("  next: " + next);
        }
        out.println();
        if (!result.passed()) {
            out.println("  As the token claims (not proved):");
        }
        Render.field(out, "genTime", result.genTime().map(t -> t
                + result.accuracy().map(a -> " (accuracy " + a.toMillis() + " ms)").orElse("")).orElse(null));
        Render.field(out, "serial number", result.serialNumber().map(Object::toString).orElse(null));
        Render.field(out, "policy", result.policy().orElse(null));
        Render.field(out, "imprint", result.imprint().map(i -> result.imprintAlgorithm().map(ImprintAlgorithm::jcaName)
                .orElse("?") + " " + Render.HEX.formatHex(i)).orElse(null));
        Render.field(out, "nonce", result.nonce().map(Object::toString).orElse(null));
        Render.field(out, "TSA name", result.tsaName().orElse(null));
        Render.field(out, "TSA certificate", result.tsaCertificate().map(Render::subject).orElse(null));
        if (result.passed()) {
            Render.field(out, "chain", Render.chain(result.certificateChain()));
        }
        Render.field(out, "read from", input.reply().map(r -> "a TimeStampResp (status " + r.status() + ")")
                .orElse("a bare TimeStampToken"));
        out.flush();
    }
}
