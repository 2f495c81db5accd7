package org.semper.evidence.exchange.judge;

/** Findings of {@link PurchaseJudge}. */
public enum PurchaseOutcome {
    /** Rule px-1: B authorised the payment and has the goods as described: the payment is due. */
    PAYMENT_DUE,
    /** Rule px-2: the key opens no goods, or other goods than described: refund, M is liable. */
    REFUND_MERCHANT_LIABLE,
    /** Rule px-3: the TTP found M's escrow invalid: the payment in px2 is void. */
    PAYMENT_VOID,
    /** Rule px-4: an abort token and no key released: no sale. */
    NO_SALE,
    /** Rule px-5: the TTP signed contradicting decisions. */
    TTP_MISBEHAVED,
    /** Rule px-6: the evidence proves none of the above. */
    NOT_PROVEN
}
