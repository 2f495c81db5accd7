package org.semper.agent.payment;

/** A payment step refused: the instrument does not pay what was agreed, was captured already, ... */
public final class PaymentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public PaymentException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** A stable code: {@code wrong-amount}, {@code wrong-creditor}, {@code not-bound}, {@code already-captured}, ... */
    public String code() {
        return code;
    }
}
