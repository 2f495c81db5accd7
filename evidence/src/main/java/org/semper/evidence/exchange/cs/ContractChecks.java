package org.semper.evidence.exchange.cs;

import java.util.Set;

import org.semper.evidence.exchange.BoundMessage;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.PartyRole;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.SecondMessage;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the parties of {@code semper-cs/1} check before their next step, and what makes a standard contract
 * ({@code docs/protocols.md} §1). Each check ends with the statement's signature.
 */
public final class ContractChecks {
    private ContractChecks() {
    }

    /** R on me1: form, signed by the originator it names, signature. */
    public static FirstMessage me1(StatementTrust trust, SignedStatement me1) throws ExchangeRejection {
        return FirstMessage.readSigned(trust, me1, ExchangeProtocol.CONTRACT_SIGNING);
    }

    /** O on me2: bound to me1, signed by the responder, signature. */
    public static void me2(StatementTrust trust, FirstMessage me1, SignedStatement me2) throws ExchangeRejection {
        SecondMessage.read(me1, me2);
        SignatureChecks.require(trust, me2, "me2");
    }

    /** R on me3: bound, signed by O, {@code h(nonceO) = commitO}, carries R's own {@code commitR}. */
    public static void me3(StatementTrust trust, FirstMessage me1, SignedStatement me2, SignedStatement me3)
            throws ExchangeRejection {
        ObjectNode payload = BoundMessage.read(me1, me3, "me3", Set.of("nonceO", "commitR"), PartyRole.INITIATOR);
        requireNonce(Payloads.bytes32(payload, "nonceO"), me1.payload().get("commitO").asText(), "nonceO");
        if (!Payloads.digest(payload, "commitR").equals(me2.payload().path("commitR").asText())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "me3 is signed with another commitR than me2's");
        }
        SignatureChecks.require(trust, me3, "me3");
    }

    /** O on me4: bound, signed by R, carries O's own {@code commitO}, {@code h(nonceR) = commitR}. */
    public static void me4(StatementTrust trust, FirstMessage me1, SignedStatement me2, SignedStatement me4)
            throws ExchangeRejection {
        ObjectNode payload = BoundMessage.read(me1, me4, "me4", Set.of("nonceR", "commitO"), PartyRole.RESPONDER);
        if (!Payloads.digest(payload, "commitO").equals(me1.payload().get("commitO").asText())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "me4 is signed with another commitO than me1's");
        }
        requireNonce(Payloads.bytes32(payload, "nonceR"), me2.payload().path("commitR").asText(), "nonceR");
        SignatureChecks.require(trust, me4, "me4");
    }

    /** A standard contract: all four messages valid and consistent (§1). */
    public static FirstMessage standardContract(StatementTrust trust, SignedStatement me1, SignedStatement me2,
            SignedStatement me3, SignedStatement me4) throws ExchangeRejection {
        FirstMessage first = me1(trust, me1);
        me2(trust, first, me2);
        me3(trust, first, me2, me3);
        me4(trust, first, me2, me4);
        return first;
    }

    private static void requireNonce(byte[] nonce, String commitment, String what) throws ExchangeRejection {
        if (!Hashes.h(nonce).equals(commitment)) {
            throw new ExchangeRejection(ExchangeReason.BAD_NONCE, what + " does not hash to its commitment");
        }
    }
}
