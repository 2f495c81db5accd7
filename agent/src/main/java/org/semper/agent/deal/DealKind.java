package org.semper.agent.deal;

import org.semper.evidence.exchange.ExchangeProtocol;

/** What a deal is: a purchase (offer, order, {@code semper-px/1}), a contract ({@code semper-cs/1}), certified mail. */
public enum DealKind {
    PURCHASE(ExchangeProtocol.PURCHASE),
    CONTRACT(ExchangeProtocol.CONTRACT_SIGNING),
    MAIL(ExchangeProtocol.CERTIFIED_MAIL);

    private final ExchangeProtocol protocol;

    DealKind(ExchangeProtocol protocol) {
        this.protocol = protocol;
    }

    public ExchangeProtocol protocol() {
        return protocol;
    }
}
