package org.semper.agent.deal;

/** Where a deal stands, for this party. */
public enum DealStatus {
    /** Received, waiting for this party to act (an offer to order, a contract to sign, mail to receive). */
    INCOMING,
    /** Running or waiting for the other party. */
    OPEN,
    /** Ended as both parties intended, without the TTP. */
    COMPLETED,
    /** Ended by the TTP's resolve token: the exchange took place, the TTP completed it. */
    RESOLVED,
    /** Ended by the TTP's abort token: the exchange did not take place. */
    ABORTED,
    /** Ended by the TTP's affidavit (invalid escrow), or the other party's message failed the checks: void. */
    VOID,
    /** This party declined (a signature refused, an offer turned down). */
    DECLINED,
    /** Stopped on an error that needs the user (the TTP unreachable, ...): {@code semper deal recover} goes on. */
    STALLED,
    /** Before the arbiter. */
    DISPUTED;

    /** Whether nothing more happens in the exchange itself. */
    public boolean finished() {
        return this != INCOMING && this != OPEN && this != STALLED;
    }
}
