package org.semper.evidence.exchange.judge;

/** Findings of {@link CertifiedMailJudge}; receipt and origin may both be proven. */
public enum CertifiedMailOutcome {
    /** Rule cm-1 (for S): R's receipt, a valid key available to R, no abort token or affidavit. */
    RECEIPT_PROVEN,
    /** Rule cm-2 (for R): S's EOO, a valid key and the ciphertext that it opens. */
    ORIGIN_PROVEN,
    /** Rule cm-4: the TTP signed contradicting decisions. */
    TTP_MISBEHAVED,
    /** Rule cm-5: neither receipt nor origin is proven. */
    NOT_PROVEN
}
