package org.semper.tsa.clock;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A clock source whose next readings a test decides; each reading is stamped with the given clock. */
final class SettableClockSource implements ClockSource {

    static final String SOURCE = "test:settable";

    private final Clock clock;
    private final AtomicInteger reads = new AtomicInteger();
    private volatile Function<Clock, ClockReading> next;

    SettableClockSource(Clock clock) {
        this.clock = clock;
        offset(Duration.ZERO);
    }

    SettableClockSource offset(Duration offset) {
        next = c -> ClockReading.synchronised(offset, SOURCE, "set by the test", c.instant());
        return this;
    }

    SettableClockSource unsynchronised(String detail) {
        next = c -> ClockReading.unsynchronised(SOURCE, detail, c.instant());
        return this;
    }

    SettableClockSource failing(RuntimeException failure) {
        next = c -> {
            throw failure;
        };
        return this;
    }

    int reads() {
        return reads.get();
    }

    @Override
    public ClockReading read() {
        reads.incrementAndGet();
        return next.apply(clock);
    }

    @Override
    public String toString() {
        return SOURCE;
    }
}
