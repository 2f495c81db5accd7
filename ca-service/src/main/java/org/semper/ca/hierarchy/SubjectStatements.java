package org.semper.ca.hierarchy;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.revocation.ocsp.OcspResponder;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

/**
 * Validates statements signed by holders of this CA's certificates (revocation requests, claims) with the evidence
 * library's {@link StatementValidator}: the issuing CA is the trust anchor (the CA trusts its own issuing
 * certificate), and the revocation data a fresh response of this CA's OCSP responder. The claimed signing time must be recent.
 */
@ApplicationScoped
public class SubjectStatements {

    /** How far a statement's claimed signing time may be from now. */
    public static final Duration MAX_AGE = Duration.ofMinutes(10);

    private final StatementValidator validator;
    private final OcspResponder ocsp;
    private final IssuingCa ca;

    @Inject
    public SubjectStatements(IssuingCa ca, OcspResponder ocsp) {
        this.ca = ca;
        this.ocsp = ocsp;
        this.validator = new StatementValidator(TrustAnchors.of(ca.certificate()), ValidationPolicy.defaults());
    }

    /**
     * The validation of {@code json} as a statement of type {@code type}, or a problem of {@code refusal} saying why
     * not.
     */
    public StatementValidation validate(String json, String type, org.semper.runtime.problem.ProblemType refusal) {
        if (json == null || json.isBlank()) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "The body must be a signed statement (JSON)");
        }
        java.security.cert.X509Certificate signer;
        try {
            signer = org.semper.evidence.statement.SignedStatement.parse(json).signerCertificate();
        } catch (org.semper.evidence.statement.MalformedStatementException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "The body is not a signed statement: " + e.getMessage());
        }
        StatementValidation validation = validator.validate(json, revocationData(signer));
        if (!validation.passed()) {
            throw new ProblemException(refusal, "The signed statement does not validate: " + validation.indication() + "/"
                    + validation.subIndication() + ": " + validation.message());
        }
        if (!type.equals(validation.type().orElse(""))) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Expected a statement of type " + type
                    + ", got " + validation.type().orElse("none"));
        }
        Instant claimed = validation.claimedSigningTime().orElse(Instant.EPOCH);
        if (Duration.between(claimed, Instant.now()).abs().compareTo(MAX_AGE) > 0) {
            throw new ProblemException(refusal, "The statement was signed at " + claimed
                    + "; it must be signed within " + MAX_AGE.toMinutes() + " minutes of submission");
        }
        return validation;
    }

    /** A fresh OCSP response from this CA's own responder about the signer (evidence needs thisUpdate ≥ signing time). */
    private RevocationData revocationData(java.security.cert.X509Certificate signer) {
        return RevocationData.builder().ocsp(ocsp.freshResponse(signer.getSerialNumber()))
                .certificate(ocsp.responderCertificate()).certificate(ca.certificate()).build();
    }
}
