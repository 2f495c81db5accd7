package org.semper.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.semper.agent.demo.FairInternetTrader;
import org.semper.agent.demo.Narrator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"The Fair Internet Trader: starts the five Semper services on the local profile (one embedded "
                + "PostgreSQL each, one local trust anchor) and two agents, and narrates four steps: an honest "
                + "purchase; a merchant who withholds the key (the buyer resolves with the notary); an invoice by "
                + "certified mail; goods not as described (a dispute, the arbiter's verdict and transcript). Stops "
                + "everything it started, also on Ctrl-C. Run from the repository root: ./semper demo."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:every step ended as expected", "1:a step did "
                + "not", "2:usage error, or the services are not built", "130:stopped by Ctrl-C"})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", defaultValue = ".", description = "The repository root (default: the current directory).")
    Path root;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the run keeps its data (default: "
            + "data/demo-<time>).")
    Path data;

    @Option(names = "--steps", defaultValue = "4", description = "Run steps 1 to this one (default: ${DEFAULT-VALUE}).")
    int steps;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = data != null ? data : root.resolve("data").resolve("demo-" + Instant.now().toString()
                .replace(':', '-').replaceAll("\\.\\d+Z$", "Z"));
        Narrator narrator = new Narrator() {
            @Override
            public void heading(String text) {
                out.println();
                out.println("\033[1m== " + text + "\033[0m");
                out.flush();
            }

            @Override
            public void say(String text) {
                out.println(text);
                out.flush();
            }
        };
        long start = System.nanoTime();
        try {
            FairInternetTrader.Result result = FairInternetTrader.demonstrate(root, directory, narrator,
                    Math.max(1, Math.min(4, steps)));
            narrator.heading("Done in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s; every service "
                    + "stopped. The agents' archives: " + directory.resolve("agents"));
            result.dispute().ifPresent(d -> narrator.say("Transcript: " + d.json() + ", " + d.html() + ", " + d.pdf()));
            if (!result.unexpected().isEmpty()) {
                result.unexpected().forEach(wrong -> spec.commandLine().getErr().println("semper demo: UNEXPECTED: "
                        + wrong));
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        } catch (Exception e) {
            spec.commandLine().getErr().println("semper demo: " + e.getMessage());
            spec.commandLine().getErr().println("next: see the services' logs in " + directory.resolve("logs"));
            return e instanceof java.io.IOException ? ExitCodes.USAGE : ExitCodes.FAILED;
        }
    }
}
