package org.semper.tsa.clock;

/** Which {@link ClockSource} the service uses, chosen by {@code semper.tsa.clock.source}. */
public enum ClockSourceKind {
    /** Measure the offset against the configured NTP servers ({@link NtpClockSource}). */
    NTP,
    /** Ask the operating system's time synchronisation daemon ({@link OsClockSource}). */
    OS,
    /** Trust the host clock without measuring it ({@link HostClockSource}); local development only. */
    HOST
}
