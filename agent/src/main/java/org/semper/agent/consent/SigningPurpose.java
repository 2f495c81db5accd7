package org.semper.agent.consent;

import java.util.function.Supplier;

/**
 * What the agent is doing when it asks for a signature, in words for the person who approves it. Set around the
 * library call that signs ({@code ContractMessages.me1(...)}, ...), per thread.
 */
public final class SigningPurpose {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private SigningPurpose() {
    }

    public static <T> T during(String purpose, Supplier<T> action) {
        String previous = CURRENT.get();
        CURRENT.set(purpose);
        try {
            return action.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static String current() {
        String purpose = CURRENT.get();
        return purpose == null ? "" : purpose;
    }
}
