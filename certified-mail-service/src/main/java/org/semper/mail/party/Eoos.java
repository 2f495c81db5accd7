package org.semper.mail.party;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.keys.MailTtp;
import org.semper.mail.problem.MailProblems;
import org.semper.runtime.problem.ProblemException;

/** EOOs ({@code protocols.md} §3) as this TTP accepts them, read with the evidence library. */
@ApplicationScoped
public class Eoos {

    private final PartyStatements statements;
    private final MailTtp ttp;

    @Inject
    public Eoos(PartyStatements statements, MailTtp ttp) {
        this.statements = statements;
        this.ttp = ttp;
    }

    /**
     * Verifies an EOO as submitted with its escrow: well-formed, signed by the sender it names with a trusted
     * certificate, naming this TTP, and committing to {@code h(ek)}.
     *
     * @throws ProblemException with the exchange protocols' reason code
     */
    public FirstMessage verify(String json, byte[] ek) {
        FirstMessage eoo = read(PartyStatements.parse(json, "the EOO"));
        if (!eoo.ttp().equals(ttp.identity())) {
            throw MailProblems.of(new ExchangeRejection(ExchangeReason.WRONG_TTP, "the EOO names the TTP " + eoo.ttp()
                    + ", not this one " + ttp.identity()));
        }
        String escrow = Hashes.h(ek);
        if (!escrow.equals(eoo.escrow().orElseThrow())) {
            throw MailProblems.of(new ExchangeRejection(ExchangeReason.ESCROW_MISMATCH, "h(ek) = " + escrow
                    + " is not the escrow the EOO commits to"));
        }
        statements.requireValid(eoo.statement(), "the EOO");
        return eoo;
    }

    /** Reads an EOO (already verified when it was stored) for its fields: no signature check. */
    public static FirstMessage read(SignedStatement statement) {
        try {
            return FirstMessage.read(statement, ExchangeProtocol.CERTIFIED_MAIL);
        } catch (ExchangeRejection e) {
            throw MailProblems.of(e);
        }
    }

    /** Reads a stored EOO. */
    public static FirstMessage stored(String json) {
        return read(PartyStatements.parse(json, "the stored EOO"));
    }
}
