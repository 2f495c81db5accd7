package org.semper.mail.evidence;

/**
 * The events of the relay for which the service signs evidence, named after ETSI EN 319 522-2 (electronic
 * registered delivery: evidence set). The name is the {@code event} member of the evidence payload.
 */
public enum RelayEvent {
    /** The service accepted the sender's EOO and ciphertext (EN 319 522: SubmissionAcceptance). */
    SUBMISSION_ACCEPTANCE("SubmissionAcceptance"),
    /** The service refused a submission whose EOO is validly signed by its sender, with a reason. */
    SUBMISSION_REJECTION("SubmissionRejection"),
    /** The message was made available to the recipient (listed in its inbox, notified). */
    CONTENT_CONSIGNMENT("ContentConsignment"),
    /** The recipient signed the receipt (EOR); the key was released to it and the content handed over. */
    CONTENT_HANDOVER("ContentHandover"),
    /** The recipient presented a receipt but the content could not be handed over; the receipt is void. */
    CONTENT_HANDOVER_FAILURE("ContentHandoverFailure"),
    /** The recipient neither accepted nor refused the message before its deadline. */
    ACCEPTANCE_REJECTION_EXPIRY("AcceptanceRejectionExpiry");

    private final String etsiName;

    RelayEvent(String etsiName) {
        this.etsiName = etsiName;
    }

    /** The EN 319 522 event name, e.g. {@code SubmissionAcceptance}. */
    public String etsiName() {
        return etsiName;
    }
}
