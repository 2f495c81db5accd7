package org.semper.evidence.verdict;

import java.util.Objects;

/** A claim refused for {@link #reason()}; the message says what exactly is wrong. */
public final class ClaimRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final ClaimReason reason;

    public ClaimRejection(ClaimReason reason, String detail) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ClaimReason reason() {
        return reason;
    }
}
