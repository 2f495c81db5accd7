package org.semper.runtime.problem;

import java.net.URI;

/**
 * A kind of error a Semper endpoint reports as RFC 9457 {@code application/problem+json}. Each service lists its
 * own as an enum of named constants; {@link #code()} is the stable reason code clients may switch on.
 */
public interface ProblemType {

    /** Stable, lower-kebab-case reason code, e.g. {@code payload-too-large}. */
    String code();

    /** HTTP status. */
    int status();

    /** Short, human-readable summary that does not change between occurrences. */
    String title();

    /** The problem type URI (RFC 9457 §3.1.1): {@code urn:semper:problem:<code>}. */
    default URI type() {
        return URI.create("urn:semper:problem:" + code());
    }
}
