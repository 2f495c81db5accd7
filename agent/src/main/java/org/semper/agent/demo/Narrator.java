package org.semper.agent.demo;

/** How the demonstration tells what happens: a heading per step, lines within it. */
public interface Narrator {
    void heading(String text);

    void say(String text);
}
