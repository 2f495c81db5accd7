package org.semper.tsa.clock;

/**
 * Tells how good the local clock is.
 *
 * <p>Implementations measure against a reference (NTP servers), ask the operating system, or vouch for the host
 * clock by configuration. The clock that is judged is always the JVM's system clock, which the time-stamp issuer
 * uses for {@code genTime}.
 */
@FunctionalInterface
public interface ClockSource {

    /**
     * Makes a fresh reading. Never throws: any failure is reported as an
     * {@linkplain ClockReading#unsynchronised unsynchronised} reading whose detail says what went wrong.
     * May block for up to the source's configured timeout.
     */
    ClockReading read();
}
