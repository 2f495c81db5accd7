package org.semper.agent.net;

/** A service or peer gave no usable answer (connection refused, timeout, interrupted, answer too large). */
public final class UnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
