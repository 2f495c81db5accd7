package org.semper.tsa.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One observation of the local clock's quality, as made by a {@link ClockSource}.
 *
 * @param synchronised whether the source considers the local clock synchronised to a reference
 * @param offset       estimated error of the local clock: reference time minus local time (positive when the
 *                     local clock is behind), as in NTP; empty when the source cannot measure it
 * @param source       which source made the reading, e.g. {@code ntp:127.0.0.1:12345}, {@code os:chronyc}
 * @param detail       human-readable explanation of how the reading was made or why it failed
 * @param readAt       when the reading was made, by the local clock
 */
public record ClockReading(boolean synchronised, Optional<Duration> offset, String source, String detail,
                           Instant readAt) {

    public ClockReading {
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(readAt, "readAt");
    }

    /** A synchronised reading with a measured offset. */
    public static ClockReading synchronised(Duration offset, String source, String detail, Instant readAt) {
        return new ClockReading(true, Optional.of(offset), source, detail, readAt);
    }

    /** A synchronised reading whose source vouches for the clock without measuring its offset. */
    public static ClockReading synchronisedWithoutOffset(String source, String detail, Instant readAt) {
        return new ClockReading(true, Optional.empty(), source, detail, readAt);
    }

    /** A reading saying the clock is not (known to be) synchronised. */
    public static ClockReading unsynchronised(String source, String detail, Instant readAt) {
        return new ClockReading(false, Optional.empty(), source, detail, readAt);
    }
}
