package org.semper.mail.problem;

import org.semper.runtime.problem.ProblemType;

/**
 * Every refusal of the certified-mail service, each with a stable {@code code}. The codes shared with the
 * exchange protocols ({@code malformed}, {@code bad-signature}, {@code signer-not-party}, ...) are those of
 * {@code docs/protocols.md}; the relay adds its own.
 */
public enum MailProblem implements ProblemType {
    // --- statements and their signers (the exchange protocols' reason codes) ---
    MALFORMED("malformed", 400, "The request or a statement in it is not well-formed"),
    WRONG_PROTOCOL("wrong-protocol", 400, "A statement belongs to another protocol"),
    WRONG_LABEL("wrong-label", 400, "A statement is not the message expected at its place"),
    NOT_BOUND("not-bound", 422, "A message does not refer to this exchange's EOO"),
    BAD_SIGNATURE("bad-signature", 400, "A signature does not verify or uses an algorithm not allowed"),
    SIGNER_NOT_PARTY("signer-not-party", 403, "A statement is not signed by the party it must come from"),
    WRONG_TTP("wrong-ttp", 422, "The statement names another TTP"),
    DEADLINE_PASSED("deadline-passed", 422, "The message's collection deadline has passed"),
    CERTIFICATE_UNTRUSTED("certificate-untrusted", 403, "A signer's certificate does not chain to a trusted CA"),
    CERTIFICATE_REVOKED("certificate-revoked", 403, "A signer's certificate is revoked"),
    CERTIFICATE_EXPIRED("certificate-expired", 403, "A signer's certificate was not valid at the signing time"),
    REVOCATION_UNKNOWN("revocation-unknown", 503, "The revocation status of a signer's certificate is unknown; try later"),
    ESCROW_MISMATCH("escrow-mismatch", 422, "The escrow sent is not the one the EOO commits to"),
    ABORT_BY_RESPONDER("abort-by-responder", 403, "Only the sender may abort"),
    PAYMENT_MISMATCH("payment-mismatch", 422, "The payment is not the price to the merchant the first message states"),
    BAD_NONCE("bad-nonce", 422, "A revealed nonce does not match its commitment"),
    BAD_KEY("bad-key", 422, "A released key does not match the EOO's key commitment"),
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
    STALE_REQUEST("stale-request", 400, "The request was signed too long ago (or in the future)"),
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
