/**
 * The {@code semper} command line (picocli): {@link org.semper.agent.cli.SemperCli} and its commands. Commands only
 * parse options, call the evidence library or {@link org.semper.agent.verify} / {@link org.semper.agent.monitor},
 * print a report or {@code --json}, and return an {@link org.semper.agent.cli.ExitCodes exit code}.
 */
package org.semper.agent.cli;
