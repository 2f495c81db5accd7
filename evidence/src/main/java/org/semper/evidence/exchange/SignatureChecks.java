package org.semper.evidence.exchange;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.SubIndication;

/**
 * Signature and certificate checks of exchange statements, all through {@link StatementValidator} (one JWS path),
 * with the validator's result mapped to an {@link ExchangeReason}.
 */
public final class SignatureChecks {
    private SignatureChecks() {
    }

    /** Validates {@code statement} (the {@code what}) or throws the rejection its failure maps to. */
    public static StatementValidation require(StatementTrust trust, SignedStatement statement, String what)
            throws ExchangeRejection {
        StatementValidation result = trust.validate(statement);
        if (!result.passed()) {
            throw new ExchangeRejection(reasonOf(result.subIndication()), what + " (" + statement.id() + "): "
                    + result.indication() + "/" + result.subIndication() + ": " + result.message());
        }
        return result;
    }

    /**
     * The reason a failed validation gives: signature and algorithm failures {@code bad-signature}; no path, or
     * constraints on the path, {@code certificate-untrusted}; revoked (also revoked after a merely claimed time)
     * {@code certificate-revoked}; outside the validity period {@code certificate-expired}; no revocation data
     * {@code revocation-unknown}.
     */
    public static ExchangeReason reasonOf(SubIndication subIndication) {
        return switch (subIndication) {
            case FORMAT_FAILURE -> ExchangeReason.MALFORMED;
            case HASH_FAILURE, SIG_CRYPTO_FAILURE, CRYPTO_CONSTRAINTS_FAILURE, SIG_CONSTRAINTS_FAILURE, NO_POE,
                    SIGNED_DATA_NOT_FOUND -> ExchangeReason.BAD_SIGNATURE;
            case REVOKED, REVOKED_NO_POE -> ExchangeReason.CERTIFICATE_REVOKED;
            case EXPIRED, NOT_YET_VALID, OUT_OF_BOUNDS_NO_POE -> ExchangeReason.CERTIFICATE_EXPIRED;
            case TRY_LATER -> ExchangeReason.REVOCATION_UNKNOWN;
            case NO_CERTIFICATE_CHAIN_FOUND, CHAIN_CONSTRAINTS_FAILURE, CERTIFICATE_CHAIN_GENERAL_FAILURE ->
                    ExchangeReason.CERTIFICATE_UNTRUSTED;
        };
    }
}
