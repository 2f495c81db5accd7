package org.semper.evidence.exchange;

/** The TTP's state of one exchange: {@code NONE -> ABORTED} or {@code NONE -> RESOLVED}, once. */
public enum ExchangeState {
    NONE("none"),
    ABORTED("aborted"),
    RESOLVED("resolved");

    private final String code;

    ExchangeState(String code) {
        this.code = code;
    }

    /** As written in a status token. */
    public String code() {
        return code;
    }
}
