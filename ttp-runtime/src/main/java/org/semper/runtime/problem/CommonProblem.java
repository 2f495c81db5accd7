package org.semper.runtime.problem;

/** Transport-level problems every Semper service may report. */
public enum CommonProblem implements ProblemType {
    MALFORMED_REQUEST("malformed-request", 400, "The request could not be parsed"),
    UNAUTHORIZED("unauthorized", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "The caller lacks the role this endpoint requires"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed on this resource"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Cannot produce the requested media type"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is larger than this endpoint accepts"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported content type"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Rate limit exceeded"),
    INTERNAL_ERROR("internal-error", 500, "Internal error"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "The service cannot answer now");

    private final ProblemSpec spec;

    CommonProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }

    /** The common problem for an HTTP status, or {@link #INTERNAL_ERROR}. */
    public static CommonProblem forStatus(int status) {
        for (CommonProblem p : values()) {
            if (p.status() == status) {
                return p;
            }
        }
        return status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL_ERROR;
    }
}
