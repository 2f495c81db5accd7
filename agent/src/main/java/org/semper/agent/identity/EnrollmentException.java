package org.semper.agent.identity;

import java.util.Optional;

/**
 * The CA did not issue a certificate. {@link #code()} is the CA's problem code when it gave one
 * ({@code enrollment-token-used}, {@code subject-not-allowed}, ...); the message says what to do next.
 */
public final class EnrollmentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public EnrollmentException(String code, String message) {
        super(message);
        this.code = code;
    }

    public EnrollmentException(String message, Throwable cause) {
        super(message, cause);
        this.code = null;
    }

    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
