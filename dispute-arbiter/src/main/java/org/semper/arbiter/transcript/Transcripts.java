package org.semper.arbiter.transcript;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.ProceduralEvent;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.verdict.Decision;
import org.semper.evidence.verdict.TranscriptCheck;
import org.semper.evidence.verdict.Trust;

/**
 * Court transcripts ({@code typ} {@value #TYPE}, format {@value #FORMAT}): a JAdES statement of the arbiter holding the
 * parties, the claim, every procedural event with its time, the bundles (the case bundle's id: the one document the
 * verdict was computed from), what the arbiter trusted, and the verdict payload of the engine (evidence list with
 * hashes and validation results, verdict, reasons, liability) exactly as {@link Decision#payload()} gives it, so that
 * a court recomputes it from the case bundle and compares.
 */
public final class Transcripts {
    public static final String TYPE = TranscriptCheck.TYPE;
    public static final String FORMAT = TranscriptCheck.FORMAT;

    private Transcripts() {
    }

    /** The transcript payload. */
    public static Map<String, Object> payload(URI arbiter, DisputeRecord dispute, List<ProceduralEvent> events,
            String caseBundle, String claimantBundle, Optional<String> respondentBundle, Trust trust, Decision decision) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", FORMAT);
        out.put("arbiter", arbiter.toString());
        out.put("dispute", dispute.id().toString());
        Map<String, Object> parties = new LinkedHashMap<>();
        parties.put("claimant", Map.of("certificate", dispute.claimant(), "subject", dispute.claimantSubject()));
        Map<String, Object> respondent = new LinkedHashMap<>();
        respondent.put("certificate", dispute.respondent());
        dispute.respondentSubject().ifPresent(s -> respondent.put("subject", s));
        parties.put("respondent", respondent);
        out.put("parties", parties);
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("id", dispute.claimId());
        claim.put("type", dispute.claimType());
        claim.put("amount", dispute.amount().toPlainString());
        claim.put("currency", dispute.currency());
        dispute.protocol().ifPresent(p -> claim.put("protocol", p));
        dispute.exchange().ifPresent(x -> claim.put("exchange", x));
        out.put("claim", claim);
        List<Map<String, Object>> eventsOut = new ArrayList<>();
        for (ProceduralEvent event : events) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("seq", event.seq());
            e.put("kind", event.kind());
            e.put("at", event.at().toString());
            e.put("detail", event.detail());
            event.evidence().ifPresent(bytes -> e.put("evidenceSha256", Hashes.h(bytes)));
            eventsOut.add(e);
        }
        out.put("events", eventsOut);
        Map<String, Object> bundles = new LinkedHashMap<>();
        bundles.put("case", caseBundle);
        bundles.put("claimant", claimantBundle);
        respondentBundle.ifPresent(b -> bundles.put("respondent", b));
        out.put("bundles", bundles);
        Map<String, Object> trusted = new LinkedHashMap<>();
        trusted.put("anchors", fingerprints(trust.signers().certificates()));
        trusted.put("timeStampingAnchors", fingerprints(trust.timeStamping().certificates()));
        trusted.put("logKeys", trust.logKeys().stream().map(k -> k.verifierKey()).toList());
        trusted.put("policy", "ValidationPolicy.defaults");
        out.put("trust", trusted);
        out.put("verdict", decision.verdict().code());
        out.put("decision", decision.payload());
        return out;
    }

    public static SignedStatement sign(StatementSigner arbiter, Map<String, Object> payload) {
        return arbiter.sign(TYPE, payload);
    }

    private static List<String> fingerprints(java.util.Collection<X509Certificate> certificates) {
        return certificates.stream().map(Hashes::fingerprint).toList();
    }
}
