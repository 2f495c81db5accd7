package org.semper.evidence.verdict;

import org.semper.evidence.exchange.Hashes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.StatementValidation;

/**
 * The outcome of {@link VerdictEngine#decide}: the verdict, who is liable for how much under which cover, the
 * reasons (each naming the items it rests on), the facts that were missing, and every item's validation result.
 *
 * <p>{@link #canonicalJson()} is the verdict payload ({@value #FORMAT}) in RFC 8785 canonical JSON: the same case
 * file gives the same bytes, on any machine, at any later time; a transcript carries exactly these bytes' content,
 * and a court recomputes them to check the arbiter.
 */
public final class Decision {
    public static final String FORMAT = "semper-verdict/1";

    private final Claim claim;
    private final String claimItem;
    private final Optional<String> respondentSubject;
    private final String bundleId;
    private final StatementValidation manifest;
    private final Instant decidedAt;
    private final Verdict verdict;
    private final Optional<Liability> liability;
    private final List<Reason> reasons;
    private final List<MissingFact> missing;
    private final List<ItemCheck> items;

    Decision(Claim claim, String claimItem, Optional<String> respondentSubject, String bundleId,
            StatementValidation manifest, Instant decidedAt, Verdict verdict, Optional<Liability> liability,
            List<Reason> reasons, List<MissingFact> missing, List<ItemCheck> items) {
        this.claim = Objects.requireNonNull(claim, "claim");
        this.claimItem = claimItem;
        this.respondentSubject = respondentSubject;
        this.bundleId = bundleId;
        this.manifest = manifest;
        this.decidedAt = decidedAt;
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.liability = liability;
        this.reasons = List.copyOf(reasons);
        this.missing = List.copyOf(missing);
        this.items = List.copyOf(items);
    }

    public Claim claim() {
        return claim;
    }

    public Verdict verdict() {
        return verdict;
    }

    public Optional<Liability> liability() {
        return liability;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public List<MissingFact> missing() {
        return missing;
    }

    public List<ItemCheck> items() {
        return items;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    /** The id of the case bundle the decision was computed from. */
    public String bundleId() {
        return bundleId;
    }

    /** The verdict payload as a map of JSON values (for embedding in a transcript). */
    public Map<String, Object> payload() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("decidedAt", decidedAt.toString());
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("id", bundleId);
        manifest.signerCertificate().ifPresent(c -> {
            bundle.put("signer", Hashes.fingerprint(c));
            bundle.put("signerSubject", CaseEvidence.subject(c));
        });
        bundle.put("indication", manifest.indication().name());
        out.put("bundle", bundle);
        Map<String, Object> claimOut = new LinkedHashMap<>();
        claimOut.put("id", claim.id());
        claimOut.put("item", claimItem);
        claimOut.put("type", claim.type().code());
        claimOut.put("claimant", claim.claimant());
        if (claim.claimantCertificate() != null) {
            claimOut.put("claimantSubject", CaseEvidence.subject(claim.claimantCertificate()));
        }
        claimOut.put("respondent", claim.respondent());
        respondentSubject.ifPresent(s -> claimOut.put("respondentSubject", s));
        claimOut.put("amount", claim.amount().toPlainString());
        claimOut.put("currency", claim.currency());
        claim.protocol().ifPresent(p -> claimOut.put("protocol", p));
        claim.exchange().ifPresent(x -> claimOut.put("exchange", x));
        claim.certificate().ifPresent(c -> claimOut.put("certificate", c));
        claimOut.put("grounds", claim.grounds());
        out.put("claim", claimOut);
        out.put("verdict", verdict.code());
        liability.ifPresent(l -> out.put("liability", l.toPayload()));
        List<Map<String, Object>> reasonsOut = new ArrayList<>();
        for (Reason reason : reasons) {
            reasonsOut.add(Map.of("code", reason.code(), "text", reason.text(), "items", reason.items()));
        }
        out.put("reasons", reasonsOut);
        List<Map<String, Object>> missingOut = new ArrayList<>();
        for (MissingFact fact : missing) {
            missingOut.add(Map.of("code", fact.code(), "text", fact.text(), "items", fact.items()));
        }
        out.put("missing", missingOut);
        out.put("items", items.stream().map(ItemCheck::toPayload).toList());
        return out;
    }

    /** The payload's RFC 8785 canonical bytes: identical for identical case files. */
    public byte[] canonicalJson() {
        return CanonicalJson.serialize(payload());
    }

    @Override
    public String toString() {
        return "Decision[" + claim.type().code() + ": " + verdict.code() + ", " + reasons.size() + " reasons, "
                + missing.size() + " missing]";
    }
}
