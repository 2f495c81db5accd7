package org.semper.agent.ttp;

/** The TTP gave no usable answer after the retries: the exchange is undecided as far as this party knows. */
public final class TtpUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    public TtpUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
