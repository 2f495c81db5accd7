package org.semper.agent.monitor;

/**
 * The log could not be asked or gave no usable answer: connection refused or timed out, an HTTP error status, or
 * a body that is not what the endpoint serves. Nothing is learnt about the log's honesty from it; try again later.
 */
public final class LogUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogUnreachableException(String message) {
        super(message);
    }

    public LogUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
