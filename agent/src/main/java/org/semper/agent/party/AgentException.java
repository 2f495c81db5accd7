package org.semper.agent.party;

import java.util.Optional;

/** Something the user must act on, with what to do next. */
public class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String next;

    public AgentException(String message, String next) {
        super(message);
        this.next = next;
    }

    public AgentException(String message, String next, Throwable cause) {
        super(message, cause);
        this.next = next;
    }

    /** What to do next, if there is a useful hint. */
    public Optional<String> next() {
        return Optional.ofNullable(next);
    }
}
