package org.semper.agent.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

import org.semper.agent.party.Progress;

/** Progress of long operations on the terminal, one timed line per step. */
final class TerminalProgress implements Progress {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;

    TerminalProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void step(String text) {
        out.println("[" + LocalTime.now().format(TIME) + "] " + text);
        out.flush();
    }

    @Override
    public synchronized void waiting(String what, Duration atMost) {
        out.println("[" + LocalTime.now().format(TIME) + "] waiting up to " + atMost.toSeconds() + " s for " + what
                + " ...");
        out.flush();
    }
}
