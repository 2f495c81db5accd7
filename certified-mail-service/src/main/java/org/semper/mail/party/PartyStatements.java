package org.semper.mail.party;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.problem.MailProblems;
import org.semper.runtime.exchange.trust.PartyTrust;
import org.semper.runtime.problem.ProblemException;

/**
 * Judges the signatures of senders and recipients with the configured party trust (anchors, cached OCSP/CRL):
 * {@link SignatureChecks} of the evidence library, its reasons answered as problems.
 */
@ApplicationScoped
public class PartyStatements {

    private final PartyTrust trust;

    @Inject
    public PartyStatements(PartyTrust trust) {
        this.trust = trust;
    }

    /** Parses a statement as received; {@code malformed} if it is none. */
    public static SignedStatement parse(String json, String what) {
        try {
            return SignedStatement.parse(json);
        } catch (MalformedStatementException e) {
            throw MailProblems.of(new ExchangeRejection(ExchangeReason.MALFORMED, what + " is not a signed statement: "
                    + e.getMessage()));
        }
    }

    /**
     * Validates the signature and certificate of {@code statement} (the {@code what}, for messages) now.
     *
     * @throws ProblemException {@code bad-signature}, {@code certificate-untrusted}, {@code certificate-revoked},
     *                          {@code certificate-expired} or {@code revocation-unknown}
     */
    public void requireValid(SignedStatement statement, String what) {
        try {
            SignatureChecks.require(StatementTrust.of(trust.validator(), RevocationData.empty()), statement, what);
        } catch (ExchangeRejection e) {
            throw MailProblems.of(e);
        }
    }
}
