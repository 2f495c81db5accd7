package org.semper.evidence.exchange;

import java.util.HashSet;
import java.util.Set;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A later message of an exchange (me3, me4, px3, px4, EOK): its label, members, binding to X and its signer. */
public final class BoundMessage {
    private BoundMessage() {
    }

    /**
     * The payload of {@code statement} if it is message {@code label} of {@code first}'s exchange, with exactly
     * {@code protocol}, {@code msg}, the back-reference and {@code members}, signed by the party in {@code signer}.
     */
    public static ObjectNode read(FirstMessage first, SignedStatement statement, String label, Set<String> members,
            PartyRole signer) throws ExchangeRejection {
        ExchangeProtocol protocol = first.protocol();
        ObjectNode payload = Payloads.expect(statement, protocol, label);
        Set<String> required = new HashSet<>(members);
        required.add("protocol");
        required.add("msg");
        required.add(protocol.backReference());
        Payloads.members(payload, label, required, Set.of());
        SecondMessage.requireBound(first, payload, label);
        if (first.role(statement.signerCertificate()).orElse(null) != signer) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, label + " is not signed by the "
                    + protocol.partyMember(signer));
        }
        return payload;
    }
}
