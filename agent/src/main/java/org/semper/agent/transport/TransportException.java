package org.semper.agent.transport;

/** An envelope could not be handed to the peer (its endpoint is unreachable, refused it, or its inbox is not writable). */
public final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportException(String message) {
        super(message);
    }
}
