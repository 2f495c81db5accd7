package org.semper.runtime.exchange;

/**
 * What {@link ExchangeDecisions#settle} returns: the decision stored for the exchange, committed before this was
 * returned.
 *
 * @param decision   the stored decision; reply with its token
 * @param decidedNow true if this call's proposal was stored; false if a decision already existed (or another
 *                   request, in this process or another, committed first)
 */
public record Settlement(StoredDecision decision, boolean decidedNow) {
}
