package org.semper.evidence.verdict;

/** What the arbiter decides on a claim. */
public enum Verdict {
    /** The evidence proves what the claim says. */
    UPHELD("upheld"),
    /** The evidence proves the contrary, or the claim is not proved although nothing is missing. */
    DISMISSED("dismissed"),
    /** A fact the decision needs is missing (a TTP's view, revocation data, a consistency proof ...); the decision
     * names it instead of guessing. */
    INDETERMINATE("indeterminate");

    private final String code;

    Verdict(String code) {
        this.code = code;
    }

    /** As written in a verdict payload. */
    public String code() {
        return code;
    }
}
