package org.semper.ca.issuance;

import org.semper.runtime.problem.ProblemType;

/** Why a certificate request was refused. The codes are stable. */
public enum IssuanceProblem implements ProblemType {
    MALFORMED_CSR("malformed-csr", 400, "The certificate signing request is not a valid PKCS#10 request"),
    CSR_SIGNATURE_INVALID("csr-signature-invalid", 400,
            "The signature of the certificate signing request does not verify (no proof of possession)"),
    WEAK_KEY("weak-key", 400, "The key is too weak"),
    UNSUPPORTED_KEY("unsupported-key", 400, "The key type or curve is not accepted"),
    UNKNOWN_PROFILE("unknown-profile", 400, "No such certificate profile"),
    PROFILE_NOT_ALLOWED("profile-not-allowed", 403, "The caller may not enroll for this profile"),
    SUBJECT_REJECTED("subject-rejected", 400, "The subject does not meet the profile's rules");

    private final ProblemSpec spec;

    IssuanceProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
