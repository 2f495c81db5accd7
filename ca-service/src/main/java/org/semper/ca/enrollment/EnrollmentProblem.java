package org.semper.ca.enrollment;

import org.semper.runtime.problem.ProblemType;

/** Why an enrollment (by token, or by a request an officer decides) was not authorised. The codes are stable. */
public enum EnrollmentProblem implements ProblemType {
    TOKEN_REQUIRED("enrollment-token-required", 401, "An enrollment token from a registration officer is required"),
    TOKEN_INVALID("enrollment-token-invalid", 401, "The enrollment token is unknown or expired"),
    TOKEN_USED("enrollment-token-used", 409, "The enrollment token has already been used"),
    SUBJECT_NOT_ALLOWED("subject-not-allowed", 403, "The enrollment token was issued for another subject"),
    COVER_BELOW_PROFILE("cover-below-profile", 400, "A raised cover must not be lower than the profile's cover"),
    REQUEST_DECIDED("enrollment-request-decided", 409, "The enrollment request has already been decided"),
    REQUEST_PENDING_FOR_KEY("enrollment-request-pending", 409,
            "A request for this public key is already waiting for a registration officer"),
    QUEUE_FULL("enrollment-queue-full", 503, "Too many enrollment requests are waiting for a registration officer");

    private final ProblemSpec spec;

    EnrollmentProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
