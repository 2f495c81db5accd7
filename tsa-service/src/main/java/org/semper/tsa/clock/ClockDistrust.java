package org.semper.tsa.clock;

import java.util.Locale;

/** Why the {@link ClockGuard} does not trust the clock. Each constant carries the template of its message. */
public enum ClockDistrust {

    /** No reading has been made yet (before startup completed). */
    NO_READING("no clock reading has been made yet"),

    /** The source says the clock is not synchronised, or could not tell. Arguments: source, detail. */
    NOT_SYNCHRONISED("clock not synchronised according to %s: %s"),

    /** The measured offset exceeds the stated accuracy. Arguments: offset, allowed, source. */
    OFFSET_EXCEEDED("offset %s exceeds the allowed %s against %s"),

    /** The last reading is too old to vouch for the clock now. Arguments: source, age, allowed. */
    READING_STALE("last clock reading from %s is %s old, older than the allowed %s");

    private final String template;

    ClockDistrust(String template) {
        this.template = template;
    }

    /** The human-readable reason, with this kind's template filled in. */
    String describe(Object... arguments) {
        return String.format(Locale.ROOT, template, arguments);
    }
}
