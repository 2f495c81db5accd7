package org.semper.tsa.clock;

/** The clock guard's configuration is unusable; raised at startup so the service never runs with it. */
public class ClockConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClockConfigurationException(String message) {
        super(message);
    }
}
