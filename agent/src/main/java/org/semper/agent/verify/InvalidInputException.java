package org.semper.agent.verify;

/**
 * An input cannot be used at all: a file that is missing or unreadable, or that is not the kind of object expected
 * (not PEM certificates, not JSON, not DER, not a tlog proof, not a verifier key). Distinct from evidence that is
 * of the right kind but fails verification, which is a result, not an exception.
 *
 * <p>The message says what is wrong; {@link #nextStep()} says what to do about it.
 */
public final class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String nextStep;

    public InvalidInputException(String message, String nextStep) {
        super(message);
        this.nextStep = nextStep;
    }

    public InvalidInputException(String message, String nextStep, Throwable cause) {
        super(message, cause);
        this.nextStep = nextStep;
    }

    /** What the user can do, or {@code null} if nothing useful can be said. */
    public String nextStep() {
        return nextStep;
    }
}
