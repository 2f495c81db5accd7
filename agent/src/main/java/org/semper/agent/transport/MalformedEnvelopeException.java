package org.semper.agent.transport;

/** An incoming envelope that cannot be read: too large, not JSON, not {@code semper-envelope/1}. */
public final class MalformedEnvelopeException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedEnvelopeException(String message) {
        super(message);
    }
}
