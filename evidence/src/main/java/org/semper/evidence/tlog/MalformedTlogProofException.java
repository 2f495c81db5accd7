package org.semper.evidence.tlog;

/** Text that should be a {@code c2sp.org/tlog-proof@v1} bundle breaks that format. */
public final class MalformedTlogProofException extends TlogException {
    private static final long serialVersionUID = 1L;

    public MalformedTlogProofException(String message) {
        super(message);
    }

    public MalformedTlogProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
