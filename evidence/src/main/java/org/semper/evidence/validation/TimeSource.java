package org.semper.evidence.validation;

/** Where the time a signature was validated at comes from. */
public enum TimeSource {
    /** A verified signature time-stamp proves the signature existed then (a proof of existence, POE). */
    TIMESTAMPED,
    /** Only the signer's claimed signing time ({@code sigT}/{@code iat}): a claim, not a proof. */
    CLAIMED
}
