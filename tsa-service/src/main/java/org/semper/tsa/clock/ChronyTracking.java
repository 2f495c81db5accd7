package org.semper.tsa.clock;

import java.time.Duration;
import java.util.Objects;

/**
 * The state reported by {@code chronyc -c tracking}, a single CSV line of 14 fields: reference ID, reference name,
 * stratum, reference time, system time, last offset, RMS offset, frequency, residual frequency, skew, root delay,
 * root dispersion, update interval, leap status.
 *
 * @param referenceId      reference ID in hexadecimal
 * @param referenceName    name or address of the reference
 * @param stratum          chrony's stratum
 * @param systemTimeOffset chrony's remaining correction of the system clock, positive when the system clock is slow
 *                         (behind): reference minus local time, the same sign as {@link ClockReading#offset()}
 * @param rootDelay        total round-trip delay to the stratum-1 reference
 * @param rootDispersion   accumulated dispersion to the stratum-1 reference
 * @param leapStatus       {@code Normal}, {@code Insert second}, {@code Delete second} or {@code Not synchronised}
 */
public record ChronyTracking(String referenceId, String referenceName, int stratum, Duration systemTimeOffset,
                             Duration rootDelay, Duration rootDispersion, String leapStatus) {

    /** Chrony's leap status when it is not synchronised. */
    public static final String NOT_SYNCHRONISED = "Not synchronised";

    private static final int FIELDS = 14;

    public ChronyTracking {
        Objects.requireNonNull(referenceId, "referenceId");
        Objects.requireNonNull(referenceName, "referenceName");
        Objects.requireNonNull(systemTimeOffset, "systemTimeOffset");
        Objects.requireNonNull(rootDelay, "rootDelay");
        Objects.requireNonNull(rootDispersion, "rootDispersion");
        Objects.requireNonNull(leapStatus, "leapStatus");
    }

    /**
     * Parses the output of {@code chronyc -c tracking} (its first non-blank line).
     *
     * @throws IllegalArgumentException if the output is not a tracking line
     */
    public static ChronyTracking parse(String output) {
        Objects.requireNonNull(output, "output");
        String line = output.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("chronyc printed nothing"));
        String[] fields = line.split(",", -1);
        if (fields.length != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " comma-separated fields from chronyc, got "
                    + fields.length + ": " + line);
        }
        try {
            return new ChronyTracking(fields[0], fields[1], Integer.parseInt(fields[2]),
                    Seconds.fromDouble(Double.parseDouble(fields[4])),
                    Seconds.fromDouble(Double.parseDouble(fields[10])),
                    Seconds.fromDouble(Double.parseDouble(fields[11])),
                    fields[13]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unreadable number in chronyc output: " + line, e);
        }
    }

    /** Whether chrony has the system clock synchronised to a reference. */
    public boolean synchronised() {
        return !NOT_SYNCHRONISED.equals(leapStatus) && stratum > 0;
    }
}
