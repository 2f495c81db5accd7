package org.semper.agent.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealArchiveException;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.transport.Envelope;

/**
 * The agent's deals as a whole: takes first documents that arrived (offers, contract offers, certified mail) into
 * the archive as incoming deals, and dispatches recovery to the deal's protocol.
 */
public final class Deals {
    private final Agent agent;
    private final Purchase purchases;
    private final ContractSigning contracts;
    private final CertifiedMail mail;

    public Deals(Agent agent) {
        this.agent = agent;
        this.purchases = new Purchase(agent);
        this.contracts = new ContractSigning(agent);
        this.mail = new CertifiedMail(agent);
    }

    public Purchase purchases() {
        return purchases;
    }

    public ContractSigning contracts() {
        return contracts;
    }

    public CertifiedMail mail() {
        return mail;
    }

    /** Files every new offer, contract offer (me1) and mail (EOO) in the inbox as an incoming deal. */
    public List<Deal> ingest() throws AgentException {
        List<Deal> incoming = new ArrayList<>();
        for (String id : agent.inbox().deals()) {
            if (agent.archive().exists(id)) {
                continue;
            }
            Optional<Deal> deal = Optional.empty();
            Optional<Envelope> offer = agent.inbox().take(id, "offer");
            if (offer.isPresent()) {
                deal = purchases.receiveOffer(offer.get());
            }
            Optional<Envelope> me1 = deal.isEmpty() ? agent.inbox().take(id, "me1") : Optional.empty();
            if (me1.isPresent()) {
                deal = contracts.receive(me1.get());
            }
            Optional<Envelope> eoo = deal.isEmpty() ? agent.inbox().take(id, "eoo") : Optional.empty();
            if (eoo.isPresent()) {
                deal = mail.receive(eoo.get());
            }
            deal.ifPresent(incoming::add);
        }
        return incoming;
    }

    /** Waits up to {@code atMost} for the incoming deal {@code id} (a first document on its way). */
    public Optional<Deal> awaitIncoming(String id, java.time.Duration atMost) throws AgentException {
        long end = System.nanoTime() + atMost.toNanos();
        while (true) {
            ingest();
            if (agent.archive().exists(id)) {
                try {
                    return Optional.of(agent.archive().open(id).deal());
                } catch (DealArchiveException e) {
                    throw new AgentException(e.getMessage(), null, e);
                }
            }
            if (System.nanoTime() > end) {
                return Optional.empty();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Recovers a stalled or waiting deal now: abort or resolve with the TTP, as its protocol and step say. */
    public Deal recover(String dealId) throws AgentException {
        Deal deal;
        try {
            deal = agent.archive().open(dealId).deal();
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), "'semper deals' lists your deals", e);
        }
        return switch (deal.kind()) {
            case PURCHASE -> purchases.recover(deal.id());
            case CONTRACT -> contracts.recover(deal.id());
            case MAIL -> mail.recover(deal.id());
        };
    }
}
