package org.semper.arbiter.decision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.dispute.EventKind;
import org.semper.arbiter.dispute.ProceduralEvent;
import org.semper.arbiter.keys.ArbiterKeys;
import org.semper.arbiter.ledger.ClaimsLedgerClient;
import org.semper.arbiter.transcript.TranscriptStamping;
import org.semper.arbiter.transcript.Transcripts;
import org.semper.arbiter.trust.ArbiterTrust;
import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.BundleRejection;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.verdict.CaseFile;
import org.semper.evidence.verdict.ClaimRejection;
import org.semper.evidence.verdict.Decision;
import org.semper.evidence.verdict.VerdictEngine;

/**
 * Deciding one dispute: the deadline event if it passed unanswered; the TTP's view of the exchange, fetched for the
 * record; the case bundle; the verdict engine ({@link VerdictEngine#standard()}, the same code a court runs); the
 * signed transcript, stored and logged in the decision's transaction; then its time-stamp and, when the liable
 * party's certificate states a cover, the claim with the CA's ledger.
 */
@ApplicationScoped
public class Adjudication {
    private static final Logger LOG = Logger.getLogger(Adjudication.class);
    private static final EvidenceBundleReader STORED = new EvidenceBundleReader(Long.MAX_VALUE, Integer.MAX_VALUE);

    private final Disputes disputes;
    private final TtpViews ttps;
    private final ArbiterKeys keys;
    private final ArbiterTrust trust;
    private final TranscriptStamping stamping;
    private final ClaimsLedgerClient ledger;
    private final ArbiterConfig config;
    private final VerdictEngine engine = VerdictEngine.standard();

    @Inject
    public Adjudication(Disputes disputes, TtpViews ttps, ArbiterKeys keys, ArbiterTrust trust,
            TranscriptStamping stamping, ClaimsLedgerClient ledger, ArbiterConfig config) {
        this.disputes = disputes;
        this.ttps = ttps;
        this.keys = keys;
        this.trust = trust;
        this.stamping = stamping;
        this.ledger = ledger;
        this.config = config;
    }

    /** Decides the dispute if it is still open; true if this call decided it. */
    public boolean decide(UUID id) {
        DisputeRecord dispute = disputes.find(id).orElseThrow();
        if (dispute.decided()) {
            return false;
        }
        byte[] claimantBundle = disputes.bundle(id, "claimant").orElseThrow();
        Optional<byte[]> respondentBundle = disputes.bundle(id, "respondent");
        Instant now = Instant.now();
        if (respondentBundle.isEmpty() && dispute.respondBy().map(now::isAfter).orElse(false)
                && disputes.events(id).stream().noneMatch(e -> e.kind().equals(EventKind.DEADLINE_PASSED.code()))) {
            disputes.event(id, EventKind.DEADLINE_PASSED, "no response by " + dispute.respondBy().get(), null);
        }
        List<TtpViews.Item> ttpItems = new ArrayList<>();
        firstMessage(dispute, claimantBundle).ifPresent(first -> {
            TtpViews.View view = ttps.fetch(first.ttp().url(), first.protocol().id(), first.exchange().value());
            ttpItems.addAll(view.items());
            if (view.missing().isPresent()) {
                disputes.event(id, EventKind.TTP_VIEW_MISSING, view.summary(), null);
            } else {
                disputes.event(id, EventKind.TTP_VIEW_FETCHED, view.summary(), view.status().orElse(null));
            }
        });
        List<ProceduralEvent> events = disputes.events(id);
        Instant decidedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EvidenceBundle caseBundle = CaseAssembly.build(dispute, claimantBundle, respondentBundle, ttpItems, events,
                keys.signer());
        Decision decision;
        try {
            decision = engine.decide(CaseFile.of(caseBundle, trust.trust(), trust.policy(), decidedAt));
        } catch (ClaimRejection e) {
            throw new IllegalStateException("a filed claim no longer reads as a claim: " + e.getMessage(), e);
        }
        int last = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        String detail = "verdict " + decision.verdict().code() + " on case bundle " + caseBundle.id();
        List<ProceduralEvent> listed = new ArrayList<>(events);
        listed.add(new ProceduralEvent(last + 1, EventKind.DECIDED.code(), decidedAt, detail, Optional.empty()));
        SignedStatement transcript = Transcripts.sign(keys.signer(), Transcripts.payload(config.url(), dispute, listed,
                caseBundle.id(), bundleId(claimantBundle), respondentBundle.map(Adjudication::bundleId), trust.trust(),
                decision));
        byte[] transcriptBytes = transcript.toJson().getBytes(StandardCharsets.UTF_8);
        boolean decided = disputes.decide(new Disputes.Decided(id, decidedAt, decision.verdict().code(), transcript.id(),
                transcriptBytes, caseBundle.toJson(Set.of()), last, detail));
        if (!decided) {
            LOG.infof("Dispute %s changed while it was being decided; it is decided again in the next round", id);
            return false;
        }
        LOG.infof("Dispute %s decided: %s (transcript %s)", id, decision.verdict().code(), transcript.id());
        stamping.stamp(id, transcriptBytes);
        ledger.fileIfCovered(id, transcript.id(), decision);
        return true;
    }

    /** The first message of the claimed exchange in the claimant's bundle, read by the exchange library. */
    private static Optional<FirstMessage> firstMessage(DisputeRecord dispute, byte[] claimantBundle) {
        if (dispute.exchange().isEmpty()) {
            return Optional.empty();
        }
        for (BundleItem item : read(claimantBundle).items()) {
            try {
                if ("application/jose+json".equals(item.mediaType())) {
                    SignedStatement statement = SignedStatement.parse(new String(item.content(), StandardCharsets.UTF_8));
                    if (statement.id().equals(dispute.exchange().get())) {
                        return Optional.of(FirstMessage.read(statement));
                    }
                }
            } catch (MalformedStatementException | ExchangeRejection e) {
                // not it
            }
        }
        return Optional.empty();
    }

    private static String bundleId(byte[] document) {
        return read(document).id();
    }

    private static EvidenceBundle read(byte[] document) {
        try {
            return STORED.read(document);
        } catch (BundleRejection e) {
            throw new IllegalStateException("a stored bundle no longer reads: " + e.getMessage(), e);
        }
    }
}
