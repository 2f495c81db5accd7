package org.semper.evidence.statement;

/**
 * Text received as a signed statement is not one Semper accepts: not JWS flattened JSON (RFC 7515 §7.2.2), or not
 * the JAdES baseline profile Semper uses. A validator reports it as {@code TOTAL_FAILED/FORMAT_FAILURE}.
 */
public final class MalformedStatementException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedStatementException(String message) {
        super(message);
    }

    public MalformedStatementException(String message, Throwable cause) {
        super(message, cause);
    }
}
