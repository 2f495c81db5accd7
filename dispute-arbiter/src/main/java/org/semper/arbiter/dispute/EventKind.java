package org.semper.arbiter.dispute;

/** The procedural events of a dispute, recorded with their time ({@code dispute_event}). */
public enum EventKind {
    /** The claim and the claimant's bundle were accepted. */
    FILED("filed"),
    /** The certified-mail relay accepted the notice to the respondent (evidence: SubmissionAcceptance). */
    NOTICE_SUBMITTED("notice-submitted"),
    /** The relay could not be reached or refused the notice; it is retried. */
    NOTICE_FAILED("notice-failed"),
    /** No relay is configured: no notice was sent (the response window runs from the filing). */
    NOTICE_UNSENT("notice-unsent"),
    /** The relay handed the notice over to the respondent (evidence: ContentHandover). */
    NOTICE_DELIVERED("notice-delivered"),
    /** The respondent's bundle was accepted. */
    RESPONSE_FILED("response-filed"),
    /** The response window closed without a response. */
    DEADLINE_PASSED("deadline-passed"),
    /** A TTP's signed status (and token, log proofs) was fetched for the record (evidence: the status). */
    TTP_VIEW_FETCHED("ttp-view-fetched"),
    /** A TTP could not be asked (unreachable, not trusted, wrong answer): the facts it would give are missing. */
    TTP_VIEW_MISSING("ttp-view-missing"),
    /** The verdict was reached; the transcript was signed and logged in the same transaction. */
    DECIDED("decided"),
    /** The transcript got its signature time-stamp (JAdES B-T). */
    TRANSCRIPT_TIMESTAMPED("transcript-timestamped"),
    /** A claim was filed with the CA's claims ledger against the liable party's cover. */
    LEDGER_CLAIM_FILED("ledger-claim-filed"),
    /** The claims ledger refused or could not be reached. */
    LEDGER_CLAIM_FAILED("ledger-claim-failed");

    private final String code;

    EventKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
