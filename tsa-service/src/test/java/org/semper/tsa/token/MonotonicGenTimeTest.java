package org.semper.tsa.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class MonotonicGenTimeTest {

    /** A clock the test moves by hand. */
    static final class SteppedClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00.000Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void followsTheClockForward() throws Exception {
        SteppedClock clock = new SteppedClock();
        MonotonicGenTime genTime = new MonotonicGenTime(clock, Duration.ofSeconds(1));
        Instant a = genTime.next();
        clock.now = clock.now.plusMillis(5);
        assertThat(genTime.next()).isEqualTo(a.plusMillis(5));
    }

    @Test
    void holdsTheLastValueWhenTheClockStepsBackWithinAccuracy() throws Exception {
        SteppedClock clock = new SteppedClock();
        MonotonicGenTime genTime = new MonotonicGenTime(clock, Duration.ofSeconds(1));
        Instant a = genTime.next();
        clock.now = clock.now.minusMillis(300);
        assertThat(genTime.next()).isEqualTo(a);
    }

    @Test
    void refusesWhenTheClockStepsBackBeyondAccuracy() throws Exception {
        SteppedClock clock = new SteppedClock();
        MonotonicGenTime genTime = new MonotonicGenTime(clock, Duration.ofSeconds(1));
        genTime.next();
        clock.now = clock.now.minusSeconds(5);
        assertThatThrownBy(genTime::next).isInstanceOf(TimeStampRejection.class)
                .extracting(e -> ((TimeStampRejection) e).failure()).isEqualTo(TsaFailure.TIME_NOT_AVAILABLE);
    }
}
