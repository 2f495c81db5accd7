package org.semper.mail.party;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A signed request of a sender or recipient that passed {@link PartyRequests#verify}.
 *
 * @param party the requester's certificate fingerprint: how EOOs name it
 */
public record PartyRequest(SignedStatement statement, String party) {

    public ObjectNode payload() {
        return statement.payload();
    }

    public String text(String member) {
        return statement.payload().get(member).textValue();
    }
}
