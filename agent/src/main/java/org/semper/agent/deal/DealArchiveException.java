package org.semper.agent.deal;

/** A deal cannot be found, read or written in the archive. */
public final class DealArchiveException extends Exception {
    private static final long serialVersionUID = 1L;

    public DealArchiveException(String message) {
        super(message);
    }

    public DealArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
