package org.semper.tsa.clock;

import java.time.Duration;
import java.util.Objects;

/**
 * What the {@link ClockGuard} demands of the clock.
 *
 * @param maxOffset    largest tolerated |offset| (the stated accuracy)
 * @param pollInterval delay between two readings
 * @param maxAge       oldest reading still trusted; must exceed {@code pollInterval}
 */
public record ClockPolicy(Duration maxOffset, Duration pollInterval, Duration maxAge) {

    public ClockPolicy {
        Objects.requireNonNull(maxOffset, "maxOffset");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(maxAge, "maxAge");
        requirePositive("max-offset", maxOffset);
        requirePositive("poll-interval", pollInterval);
        requirePositive("max-age", maxAge);
        if (maxAge.compareTo(pollInterval) <= 0) {
            throw new ClockConfigurationException("semper.tsa.clock.max-age (" + maxAge
                    + ") must exceed semper.tsa.clock.poll-interval (" + pollInterval
                    + "), or every reading expires before the next one is made");
        }
    }

    /** The policy configured under {@code semper.tsa.clock}. */
    public static ClockPolicy from(ClockConfig config) {
        return new ClockPolicy(config.maxOffset(), config.pollInterval(), config.maxAge());
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new ClockConfigurationException("semper.tsa.clock." + key + " must be positive, was " + value);
        }
    }
}
