package org.semper.mail.problem;

import org.semper.runtime.problem.ProblemType;

/**
 * The relay's own refusals, each with a stable {@code code}. Refusals by a rule of the exchange protocols
 * ({@code malformed}, {@code bad-signature}, {@code signer-not-party}, {@code content-mismatch}, ...) are ttp-runtime's
 * {@link org.semper.runtime.exchange.ExchangeProblem}, with the evidence library's reason codes.
 */
public enum MailProblem implements ProblemType {
    ESCROW_INVALID("escrow-invalid", 422, "The escrow does not open, or holds a key the EOO does not commit to"),
    // --- relay ---
    CONTENT_MISMATCH("content-mismatch", 422, "The content's hash is not the EOO's hashCipher"),
    DEADLINE_TOO_FAR("deadline-too-far", 422, "The EOO's collection deadline is later than this service keeps messages"),
    QUOTA_EXCEEDED("quota-exceeded", 429, "The sender's submission quota is used up for now"),
    UNKNOWN_MESSAGE("unknown-message", 404, "No message with this exchange id"),
    NOT_RECIPIENT("not-recipient", 403, "The message is addressed to another recipient"),
    NOT_A_PARTY("not-a-party", 403, "The requester is neither the sender nor the recipient of this message"),
    NO_RECEIPT("no-receipt", 409, "The content is handed over only after the recipient's receipt (EOR)"),
    HANDOVER_FAILED("handover-failed", 409, "The content could not be handed over; the receipt is void"),
    CONTENT_DELETED("content-deleted", 410, "The content was deleted after its retention period; the evidence is kept"),
    SUBMISSION_REJECTED("submission-rejected", 409, "This EOO was submitted before and rejected"),
    STALE_REQUEST("stale-request", 422, "The request was signed too long ago (or in the future)"),
    REPLAYED("replayed", 409, "This signed request was used before"),
    BAD_WEBHOOK("bad-webhook", 400, "The webhook URL is not an absolute https URL"),
    CONTENT_UNAVAILABLE("content-unavailable", 503, "The stored content cannot be read now");

    private final ProblemSpec spec;

    MailProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
