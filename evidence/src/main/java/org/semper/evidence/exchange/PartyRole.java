package org.semper.evidence.exchange;

/**
 * The two parties of an exchange: the initiator signs the first message (originator, merchant, sender), the
 * responder answers it (responder, buyer, recipient). {@link ExchangeProtocol#partyMember} gives the protocol's name.
 */
public enum PartyRole {
    INITIATOR,
    RESPONDER
}
