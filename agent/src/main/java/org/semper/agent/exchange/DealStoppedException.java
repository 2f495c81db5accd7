package org.semper.agent.exchange;

import org.semper.agent.deal.Deal;
import org.semper.agent.party.AgentException;

/**
 * A deal stopped before its end and needs the user: a signature was declined, the TTP could not be reached, a
 * message failed its checks, ... The deal's record says where it stands; {@link #next()} what to do.
 */
public final class DealStoppedException extends AgentException {
    private static final long serialVersionUID = 1L;

    private final transient Deal deal;

    public DealStoppedException(Deal deal, String message, String next) {
        super(message, next);
        this.deal = deal;
    }

    public DealStoppedException(Deal deal, String message, String next, Throwable cause) {
        super(message, next, cause);
        this.deal = deal;
    }

    public Deal deal() {
        return deal;
    }
}
