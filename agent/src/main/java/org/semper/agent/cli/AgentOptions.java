package org.semper.agent.cli;

import java.nio.file.Path;
import java.time.Duration;

import picocli.CommandLine.Option;

/** Options every agent command shares: where the agent lives, whether to sign without asking, the step timeout. */
final class AgentOptions {
    static final String HOME_ENV = "SEMPER_HOME";

    @Option(names = "--home", paramLabel = "DIR",
            description = "The agent's home directory (default: $SEMPER_HOME, else ~/.semper).")
    Path home;

    @Option(names = {"-y", "--yes"},
            description = "Sign without asking: the rendering of what is signed is still printed before each "
                    + "signature.")
    boolean yes;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long each step waits for the other party before recovering with the TTP "
                    + "(default: the agent's setting, 60s).")
    Duration timeout;

    Path home() {
        if (home != null) {
            return home.toAbsolutePath();
        }
        String fromEnvironment = System.getenv(HOME_ENV);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".semper");
    }
}
