package org.semper.ca.claims;

import org.semper.runtime.problem.ProblemType;

/** Why a claim or a decision was refused. The codes are stable. */
public enum ClaimProblem implements ProblemType {
    CLAIM_STATEMENT_INVALID("claim-statement-invalid", 400, "The claim is not a valid statement signed with a certificate of this CA"),
    CURRENCY_MISMATCH("currency-mismatch", 400, "The claim is not in the currency of the certificate's cover"),
    CLAIM_EXCEEDS_COVER("claim-exceeds-cover", 409, "The claimed amount is more than the certificate's remaining cover"),
    COVER_EXCEEDED("cover-exceeded", 409, "Accepting this claim would pay out more than the certificate's cover"),
    ALREADY_DECIDED("claim-already-decided", 409, "The claim has already been decided");

    private final ProblemSpec spec;

    ClaimProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
