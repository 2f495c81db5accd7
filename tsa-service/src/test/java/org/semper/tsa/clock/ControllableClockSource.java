package org.semper.tsa.clock;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * A {@link ClockSource} bean whose readings a {@code @QuarkusTest} decides, replacing the configured source. It is an
 * {@link Alternative} without {@link Priority}: disabled unless a test profile enables it through
 * {@code QuarkusTestProfile#getEnabledAlternatives()}. The state is static so that the test and the bean share it;
 * call {@link #good()} again when the test is done.
 */
@Alternative
@ApplicationScoped
public class ControllableClockSource implements ClockSource {

    public static final String SOURCE = "test:controllable";

    private enum State { SYNCHRONISED, UNSYNCHRONISED }

    private static volatile State state = State.SYNCHRONISED;
    private static volatile Duration offset = Duration.ZERO;

    /** Synchronised, offset zero (the initial state). */
    public static void good() {
        offset = Duration.ZERO;
        state = State.SYNCHRONISED;
    }

    /** Synchronised, but with the given measured offset. */
    public static void offset(Duration measured) {
        offset = measured;
        state = State.SYNCHRONISED;
    }

    /** Not synchronised to any reference. */
    public static void unsynchronised() {
        state = State.UNSYNCHRONISED;
    }

    @Override
    public ClockReading read() {
        Instant now = Instant.now();
        return state == State.SYNCHRONISED
                ? ClockReading.synchronised(offset, SOURCE, "set by the test", now)
                : ClockReading.unsynchronised(SOURCE, "the test says: no reference reachable", now);
    }

    @Override
    public String toString() {
        return SOURCE;
    }
}
