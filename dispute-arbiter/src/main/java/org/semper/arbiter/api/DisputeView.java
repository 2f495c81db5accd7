package org.semper.arbiter.api;

import java.util.List;

import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.ProceduralEvent;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A dispute as the API shows it: state, parties, claim, deadline, verdict, transcript id, events. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DisputeView(String id, String state, String claimId, String claimType, String claimant,
        String respondent, String amount, String currency, String protocol, String exchange, String filedAt,
        String respondBy, String decidedAt, String verdict, String transcriptId, String ledgerClaimId,
        List<EventView> events) {

    /** One procedural event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventView(int seq, String kind, String at, String detail, Boolean evidence) {
    }

    static DisputeView of(DisputeRecord d, List<ProceduralEvent> events) {
        return new DisputeView(d.id().toString(), d.state(), d.claimId(), d.claimType(), d.claimant(), d.respondent(),
                d.amount().toPlainString(), d.currency(), d.protocol().orElse(null), d.exchange().orElse(null),
                d.filedAt().toString(), d.respondBy().map(Object::toString).orElse(null),
                d.decidedAt().map(Object::toString).orElse(null), d.verdict().orElse(null), d.transcriptId().orElse(null),
                d.ledgerClaimId().orElse(null), events == null ? null : events.stream().map(e -> new EventView(e.seq(),
                        e.kind(), e.at().toString(), e.detail(), e.evidence().isPresent() ? Boolean.TRUE : null)).toList());
    }
}
