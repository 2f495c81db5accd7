package org.semper.evidence.exchange;

import java.util.Objects;

/** A message or request refused for {@link #reason()}; the message says which statement and why. */
public final class ExchangeRejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final ExchangeReason reason;

    public ExchangeRejection(ExchangeReason reason, String detail) {
        super(Objects.requireNonNull(reason, "reason").code() + ": " + detail);
        this.reason = reason;
    }

    public ExchangeReason reason() {
        return reason;
    }
}
