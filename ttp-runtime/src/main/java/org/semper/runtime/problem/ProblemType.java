package org.semper.runtime.problem;

import java.net.URI;

/**
 * A kind of error a Semper endpoint reports as RFC 9457 {@code application/problem+json}. Each service lists its
 * own as an enum of named constants, each holding a {@link ProblemSpec}; {@link #code()} is the stable reason code
 * clients may switch on.
 */
public interface ProblemType {

    /** Code, HTTP status and title of this problem. */
    ProblemSpec spec();

    /** Stable, lower-kebab-case reason code, e.g. {@code payload-too-large}. */
    default String code() {
        return spec().code();
    }

    /** HTTP status. */
    default int status() {
        return spec().status();
    }

    /** Short, human-readable summary that does not change between occurrences. */
    default String title() {
        return spec().title();
    }

    /** The problem type URI (RFC 9457 §3.1.1): {@code urn:semper:problem:<code>}. */
    default URI type() {
        return URI.create("urn:semper:problem:" + code());
    }

    /**
     * @param code   stable reason code
     * @param status HTTP status
     * @param title  short summary
     */
    record ProblemSpec(String code, int status, String title) {
    }
}
