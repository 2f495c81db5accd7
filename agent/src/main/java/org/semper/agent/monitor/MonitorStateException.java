package org.semper.agent.monitor;

/**
 * The monitor's state directory cannot be used as it is: another monitor holds it, it pins another key than the one
 * given, or a stored checkpoint no longer verifies. The message says what to do.
 */
public final class MonitorStateException extends Exception {
    private static final long serialVersionUID = 1L;

    public MonitorStateException(String message) {
        super(message);
    }

    public MonitorStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
