package org.semper.tsa.clock;

/**
 * The clock is not known good, so no time-stamp may be issued. The issuer answers the request with
 * PKIStatus {@code rejection} and PKIFailureInfo {@code timeNotAvailable} (RFC 3161, section 2.4.2).
 */
public class UntrustedClockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ClockStatus status;

    public UntrustedClockException(ClockStatus status) {
        super(status.reason().orElseThrow(() -> new IllegalArgumentException("the clock is trusted")));
        this.status = status;
    }

    /** The guard's judgement that made the clock untrusted. */
    public ClockStatus status() {
        return status;
    }

    /** Which rule the clock failed. */
    public ClockDistrust distrust() {
        return status.distrust().orElseThrow();
    }
}
