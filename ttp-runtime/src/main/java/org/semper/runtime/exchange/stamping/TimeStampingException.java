package org.semper.runtime.exchange.stamping;

/** A signature time-stamp could not be obtained now (TSA unreachable, refusing, or answering with a bad token). */
public class TimeStampingException extends Exception {

    public TimeStampingException(String message) {
        super(message);
    }

    public TimeStampingException(String message, Throwable cause) {
        super(message, cause);
    }
}
