package org.semper.evidence.verdict;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a court checks of an arbiter's transcript without trusting the arbiter: the transcript's signature (and its
 * signature time-stamp) under the court's own anchors; that the case bundle given is the one the transcript names;
 * and that the verdict engine, run on that bundle with the court's trust, the default policy and the transcript's
 * decision time, gives byte for byte the verdict payload the transcript holds.
 *
 * <p>Transcript format ({@value #FORMAT}, {@code typ} {@value #TYPE}): a payload with at least
 * {@code format}, {@code verdict}, {@code bundles.case} (the case bundle's id) and {@code decision} (the
 * {@link Decision#payload()} of the engine); the arbiter adds parties, claim, procedural events and trust.
 */
public final class TranscriptCheck {
    public static final String TYPE = "semper-transcript+json";
    public static final String FORMAT = "semper-transcript/1";

    /**
     * The outcome.
     *
     * @param signature      the transcript's validation under the court's anchors
     * @param bundleMatches  the case bundle is the one the transcript names
     * @param verdictMatches the recomputed verdict payload is byte-identical to the transcript's
     * @param recomputed     the recomputed decision, if the engine could run
     * @param problem        why the recomputation could not run or differs, for people
     */
    public record Result(StatementValidation signature, String transcriptVerdict, boolean bundleMatches,
            boolean verdictMatches, Optional<Decision> recomputed, Optional<String> problem) {
    }

    private TranscriptCheck() {
    }

    public static Result check(SignedStatement transcript, EvidenceBundle caseBundle, Trust trust,
            RevocationData revocation) {
        Objects.requireNonNull(transcript, "transcript");
        Objects.requireNonNull(caseBundle, "caseBundle");
        StatementValidation signature = new StatementValidator(trust.signers(), trust.timeStamping(),
                org.semper.evidence.validation.ValidationPolicy.defaults()).validate(transcript, revocation);
        JsonNode payload = transcript.payload();
        String verdict = payload.path("verdict").asText("");
        if (!TYPE.equals(transcript.type()) || !FORMAT.equals(payload.path("format").asText())
                || !payload.path("decision").isObject()) {
            return new Result(signature, verdict, false, false, Optional.empty(),
                    Optional.of("not a " + FORMAT + " transcript (typ " + transcript.type() + ")"));
        }
        boolean bundleMatches = caseBundle.id().equals(payload.path("bundles").path("case").asText());
        Instant decidedAt;
        try {
            decidedAt = Instant.parse(payload.path("decision").path("decidedAt").asText());
        } catch (DateTimeParseException e) {
            return new Result(signature, verdict, bundleMatches, false, Optional.empty(),
                    Optional.of("the transcript's decision has no decidedAt"));
        }
        Decision recomputed;
        try {
            recomputed = VerdictEngine.standard().decide(CaseFile.of(caseBundle, trust,
                    org.semper.evidence.validation.ValidationPolicy.defaults(), decidedAt));
        } catch (ClaimRejection e) {
            return new Result(signature, verdict, bundleMatches, false, Optional.empty(),
                    Optional.of("the case bundle holds no usable claim: " + e.getMessage()));
        }
        String expected = new String(CanonicalJson.serialize(payload.path("decision")), StandardCharsets.UTF_8);
        String actual = new String(recomputed.canonicalJson(), StandardCharsets.UTF_8);
        boolean matches = expected.equals(actual);
        Optional<String> problem = matches ? Optional.empty() : Optional.of(bundleMatches
                ? "the recomputed verdict payload differs from the transcript's, first at character "
                        + firstDifference(expected, actual) + " (recomputed verdict: " + recomputed.verdict().code() + ")"
                : "the case bundle " + caseBundle.id() + " is not the one the transcript names ("
                        + payload.path("bundles").path("case").asText() + ")");
        return new Result(signature, verdict, bundleMatches, matches, Optional.of(recomputed), problem);
    }

    /**
     * The bytes the arbiter logged: the transcript as signed (JAdES B-B, its JSON form without the unprotected
     * header that a later time-stamp adds).
     */
    public static byte[] loggedBytes(SignedStatement transcript) {
        String[] parts = transcript.compact().split("\\.");
        try {
            return SignedStatement.parse("{\"protected\":\"" + parts[0] + "\",\"payload\":\"" + parts[1]
                    + "\",\"signature\":\"" + parts[2] + "\"}", Integer.MAX_VALUE).toJson()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (MalformedStatementException e) {
            throw new IllegalStateException("a parsed statement's own parts do not parse", e);
        }
    }

    private static int firstDifference(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return i;
            }
        }
        return n;
    }
}
