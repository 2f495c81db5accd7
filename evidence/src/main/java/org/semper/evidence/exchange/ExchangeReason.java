package org.semper.evidence.exchange;

/**
 * Why a TTP (or a party) refuses an exchange message or request. Each has a stable lowercase-kebab {@link #code()}
 * (a service answers it as the problem's {@code code}) and a human {@link #title()}; {@code docs/protocols.md}
 * lists them with the check that gives each.
 */
public enum ExchangeReason {
    MALFORMED("malformed", "The request or a statement in it is not well-formed"),
    WRONG_PROTOCOL("wrong-protocol", "A statement belongs to another protocol"),
    WRONG_LABEL("wrong-label", "A statement is not the message expected at its place"),
    NOT_BOUND("not-bound", "A message does not refer to this exchange's first message"),
    BAD_SIGNATURE("bad-signature", "A signature does not verify or uses an algorithm not allowed"),
    SIGNER_NOT_PARTY("signer-not-party", "A statement is not signed by the party it must come from"),
    WRONG_TTP("wrong-ttp", "The exchange names another TTP"),
    DEADLINE_PASSED("deadline-passed", "The exchange's deadline for resolving has passed"),
    ABORT_BY_RESPONDER("abort-by-responder", "Only the initiator of an exchange may abort it"),
    CERTIFICATE_UNTRUSTED("certificate-untrusted", "A signer's certificate does not chain to a trusted CA"),
    CERTIFICATE_REVOKED("certificate-revoked", "A signer's certificate is revoked"),
    CERTIFICATE_EXPIRED("certificate-expired", "A signer's certificate was not valid at the signing time"),
    REVOCATION_UNKNOWN("revocation-unknown", "The revocation status of a signer's certificate is unknown; try later"),
    ESCROW_MISMATCH("escrow-mismatch", "The escrowed key sent is not the one the first message commits to"),
    PAYMENT_MISMATCH("payment-mismatch", "The payment is not the price to the merchant the first message states"),
    BAD_NONCE("bad-nonce", "A revealed nonce does not match its commitment"),
    BAD_KEY("bad-key", "A released key does not match the first message's key commitment"),
    CONTENT_MISMATCH("content-mismatch", "The ciphertext is not the committed one or does not decrypt to the committed content");

    private final String code;
    private final String title;

    ExchangeReason(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The stable code, e.g. {@code not-bound}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
