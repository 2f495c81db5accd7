package org.semper.evidence.timestamp;

/** Bytes received as an RFC 3161 structure (a {@code TimeStampResp} or its token) do not parse as one. */
public final class MalformedTimeStampException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedTimeStampException(String message) {
        super(message);
    }

    public MalformedTimeStampException(String message, Throwable cause) {
        super(message, cause);
    }
}
