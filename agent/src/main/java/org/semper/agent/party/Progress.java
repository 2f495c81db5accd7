package org.semper.agent.party;

import java.time.Duration;

/** What a long operation tells the user while it runs: each step, and what it waits for and how long at most. */
public interface Progress {
    void step(String text);

    void waiting(String what, Duration atMost);

    static Progress silent() {
        return new Progress() {
            @Override
            public void step(String text) {
            }

            @Override
            public void waiting(String what, Duration atMost) {
            }
        };
    }
}
