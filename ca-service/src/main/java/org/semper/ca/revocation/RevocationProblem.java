package org.semper.ca.revocation;

import org.semper.runtime.problem.ProblemType;

/** Why a revocation was refused. The codes are stable. */
public enum RevocationProblem implements ProblemType {
    ALREADY_REVOKED("already-revoked", 409, "The certificate is already revoked"),
    UNSUPPORTED_REASON("unsupported-reason", 400, "Not an accepted RFC 5280 revocation reason"),
    REQUEST_NOT_SIGNED_BY_SUBJECT("revocation-signature-invalid", 403,
            "The revocation request is not signed with the key of the certificate it revokes");

    private final ProblemSpec spec;

    RevocationProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
