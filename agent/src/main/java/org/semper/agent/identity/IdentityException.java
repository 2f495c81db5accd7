package org.semper.agent.identity;

/** The party's keystore cannot be created, read or updated, or a certificate does not fit the key. */
public final class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
