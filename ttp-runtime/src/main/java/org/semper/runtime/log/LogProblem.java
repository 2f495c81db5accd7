package org.semper.runtime.log;

import org.semper.runtime.problem.ProblemType;

/** Refusals of the {@code /log} endpoints. */
public enum LogProblem implements ProblemType {
    /** The log has not signed a checkpoint yet. */
    NO_CHECKPOINT("log-no-checkpoint", 503, "The log has no signed checkpoint yet"),
    /** No entry with that leaf hash in the requested tree. */
    ENTRY_NOT_FOUND("log-entry-not-found", 404, "No such entry in the log"),
    /** The entry exists but is not in a signed checkpoint yet; retry within a second. */
    ENTRY_PENDING("log-entry-pending", 503, "The entry is not yet integrated into a signed checkpoint"),
    /** Sizes or indexes outside the published tree, or in the wrong order. */
    BAD_RANGE("log-bad-range", 400, "Tree size or index range is not within the published log"),
    /** A hash that is not base64 of 32 bytes. */
    BAD_HASH("log-bad-hash", 400, "A leaf hash must be 32 bytes, base64 or base64url");

    private final ProblemSpec spec;

    LogProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
