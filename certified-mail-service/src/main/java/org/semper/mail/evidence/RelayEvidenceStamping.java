package org.semper.mail.evidence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.semper.runtime.exchange.stamping.StampedStatements;

/**
 * Registers the relay evidence ({@code mail_evidence}: SubmissionAcceptance/Rejection, ContentConsignment,
 * ContentHandover...) with ttp-runtime's time-stamping job, so every piece gets its JAdES B-T time-stamp after it is
 * issued, as the exchange tokens do (schema {@code V2__evidence_timestamps.sql}). The B-T form keeps the statement's
 * id and is served instead of the B-B form once stored ({@link EvidenceLedger}).
 */
@ApplicationScoped
public class RelayEvidenceStamping {

    /** Log entry kind of a time-stamped piece of relay evidence; {@code ref} is the exchange id. */
    public static final String STAMPED_LOG_KIND = "mail-evidence-stamped";

    /** The relay evidence as a source of the stamping job. */
    public static final StampedStatements RELAY_EVIDENCE = new StampedStatements("relay evidence", "mail_evidence",
            "statement_id", "exchange_id", "statement", "mail_evidence_stamp_pending", "mail_evidence_timestamp",
            "stamped_statement", STAMPED_LOG_KIND);

    @Produces
    @Singleton
    StampedStatements relayEvidence() {
        return RELAY_EVIDENCE;
    }
}
