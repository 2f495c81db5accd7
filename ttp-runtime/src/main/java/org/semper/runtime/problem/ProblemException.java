package org.semper.runtime.problem;

import java.util.Map;

/** Thrown by a service class to answer with a problem+json of the given type. */
public class ProblemException extends RuntimeException {

    private final transient ProblemType type;
    private final transient Map<String, Object> extensions;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, Map.of(), null);
    }

    public ProblemException(ProblemType type, String detail, Map<String, Object> extensions, Throwable cause) {
        super(detail, cause);
        this.type = type;
        this.extensions = extensions;
    }

    public ProblemType type() {
        return type;
    }

    public Problem toProblem() {
        Problem problem = Problem.of(type, getMessage());
        return extensions.isEmpty() ? problem : problem.withExtensions(extensions);
    }
}
