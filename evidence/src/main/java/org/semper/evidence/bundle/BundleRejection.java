package org.semper.evidence.bundle;

import java.util.Objects;

/** A bundle refused by {@link EvidenceBundleReader}: the {@link BundleReason} and what exactly was wrong. */
public final class BundleRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final BundleReason reason;

    public BundleRejection(BundleReason reason, String detail) {
        super(detail);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public BundleRejection(BundleReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public BundleReason reason() {
        return reason;
    }
}
