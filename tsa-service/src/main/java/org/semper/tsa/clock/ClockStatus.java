package org.semper.tsa.clock;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistent snapshot of the {@link ClockGuard}'s judgement: the reading it is based on and, when the clock is
 * not trusted, why.
 *
 * @param reading   the latest reading
 * @param maxOffset the stated accuracy the reading was judged against
 * @param distrust  why the clock is not trusted; empty when it is
 * @param reason    human-readable form of {@code distrust}, e.g.
 *                  {@code offset 5.012 s exceeds the allowed 1.000 s against ntp:127.0.0.1:4123}
 */
public record ClockStatus(ClockReading reading, Duration maxOffset, Optional<ClockDistrust> distrust,
                          Optional<String> reason) {

    public ClockStatus {
        Objects.requireNonNull(reading, "reading");
        Objects.requireNonNull(maxOffset, "maxOffset");
        Objects.requireNonNull(distrust, "distrust");
        Objects.requireNonNull(reason, "reason");
        if (distrust.isPresent() != reason.isPresent()) {
            throw new IllegalArgumentException("distrust and reason must be given together");
        }
    }

    static ClockStatus trusted(ClockReading reading, Duration maxOffset) {
        return new ClockStatus(reading, maxOffset, Optional.empty(), Optional.empty());
    }

    static ClockStatus distrusted(ClockReading reading, Duration maxOffset, ClockDistrust distrust, String reason) {
        return new ClockStatus(reading, maxOffset, Optional.of(distrust), Optional.of(reason));
    }

    /** Whether time-stamps may be issued. */
    public boolean trusted() {
        return distrust.isEmpty();
    }
}
