package org.semper.tsa.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * genTime values for one TSA instance, never going backwards: if the clock steps back by less than the stated
 * accuracy the last value is reused (still within the accuracy stated in the token); by more, issuance is refused
 * with {@code timeNotAvailable} until the clock has caught up, because no honest genTime exists.
 */
public final class MonotonicGenTime {

    private final Clock clock;
    private final long toleranceMillis;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    public MonotonicGenTime(Clock clock, Duration accuracy) {
        this.clock = clock;
        this.toleranceMillis = accuracy.toMillis();
    }

    /** The next genTime, millisecond resolution, never before the previous one. */
    public Instant next() throws TimeStampRejection {
        long now = clock.instant().truncatedTo(ChronoUnit.MILLIS).toEpochMilli();
        while (true) {
            long previous = last.get();
            if (now >= previous) {
                if (last.compareAndSet(previous, now)) {
                    return Instant.ofEpochMilli(now);
                }
            } else if (previous - now <= toleranceMillis) {
                return Instant.ofEpochMilli(previous);
            } else {
                throw new TimeStampRejection(TsaFailure.TIME_NOT_AVAILABLE, "the clock went back by "
                        + (previous - now) + " ms, more than the stated accuracy");
            }
        }
    }
}
