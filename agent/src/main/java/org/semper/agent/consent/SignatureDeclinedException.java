package org.semper.agent.consent;

import java.util.Optional;

/** The person (or the consent policy) refused a signature: nothing was signed, nothing was sent. */
public final class SignatureDeclinedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignatureDeclinedException(String message) {
        super(message);
    }

    /**
     * The declined signature behind {@code e}: the evidence library reports a provider's refusal as an
     * {@link IllegalStateException} caused by it.
     */
    public static Optional<SignatureDeclinedException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SignatureDeclinedException declined) {
                return Optional.of(declined);
            }
        }
        return Optional.empty();
    }
}
