package org.semper.evidence.exchange;

import java.util.Objects;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;

/**
 * How a party or a judge validates the statements of an exchange: a {@link StatementValidator} (anchors, policy,
 * "now" in the policy's clock) with the revocation data at hand (a judge: the evidence bundle's CRLs and OCSP
 * responses). Deterministic when the validator's clock is fixed and it fetches nothing.
 */
@FunctionalInterface
public interface StatementTrust {
    StatementValidation validate(SignedStatement statement);

    static StatementTrust of(StatementValidator validator, RevocationData revocation) {
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(revocation, "revocation");
        return statement -> validator.validate(statement, revocation);
    }
}
