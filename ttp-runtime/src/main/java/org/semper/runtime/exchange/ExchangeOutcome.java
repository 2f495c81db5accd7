package org.semper.runtime.exchange;

/**
 * The outcome a TTP stores for an exchange: the one transition {@code NONE -> ABORTED} or {@code NONE -> RESOLVED}
 * (protocols.md §0). An affidavit is {@link #RESOLVED} with a finding: the exchange is settled by the resolve, and
 * what the TTP found (e.g. {@code escrow-invalid}) voids the payment or receipt.
 */
public enum ExchangeOutcome {
    ABORTED,
    RESOLVED
}
