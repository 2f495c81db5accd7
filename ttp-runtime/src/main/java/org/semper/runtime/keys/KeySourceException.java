package org.semper.runtime.keys;

/** A signing key could not be opened or used; the message says what to configure or check. */
public class KeySourceException extends RuntimeException {

    public KeySourceException(String message) {
        super(message);
    }

    public KeySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
