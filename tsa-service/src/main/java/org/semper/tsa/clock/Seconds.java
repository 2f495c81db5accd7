package org.semper.tsa.clock;

import java.time.Duration;
import java.util.Locale;

/** Renders durations the same way in every clock message: seconds with millisecond precision, e.g. {@code 5.012 s}. */
final class Seconds {

    private Seconds() {
    }

    static String of(Duration duration) {
        return String.format(Locale.ROOT, "%.3f s", toDouble(duration));
    }

    static double toDouble(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }

    static Duration fromDouble(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }
}
