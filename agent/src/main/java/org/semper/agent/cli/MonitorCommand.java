package org.semper.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.semper.agent.monitor.Inconsistency;
import org.semper.agent.monitor.LogClient;
import org.semper.agent.monitor.LogMonitor;
import org.semper.agent.monitor.LogUnreachableException;
import org.semper.agent.monitor.MonitorLoop;
import org.semper.agent.monitor.MonitorState;
import org.semper.agent.monitor.MonitorStateException;
import org.semper.agent.verify.EvidenceFiles;
import org.semper.agent.verify.InvalidInputException;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.NoteVerifier;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "monitor", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Watches a TTP's transparency log: polls GET <log>/log/checkpoint, verifies each checkpoint's signature "
                    + "with the pinned log key, and proves every new checkpoint consistent with the last one "
                    + "(GET /log/proof/consistency, RFC 9162). Verified checkpoints are kept in --state.",
            "Two checkpoints of the same size with different roots, a failing consistency proof, or a log that goes "
                    + "back are printed in full and written to <state>/evidence-<time>/; the monitor then exits 1.",
            "Ctrl-C stops it cleanly."},
        footer = {"", "Example (the local TSA, ./semper tsa):",
            "  semper monitor --log http://127.0.0.1:8081 --trust-on-first-use \\",
            "      --state data/monitor"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:every checkpoint seen was consistent (after --once / --max-polls)",
            "1:inconsistency found (evidence written), or a checkpoint did not verify with the pinned key",
            "2:usage or input error (options, state directory)",
            "3:could not reach the log (--once / --max-polls), after the retries",
            "4:internal error",
            "130:stopped by Ctrl-C"})
final class MonitorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "URL",
            description = "The TTP's base URL, e.g. http://127.0.0.1:8081 (its log is under /log).")
    String log;

    @Option(names = "--log-key", paramLabel = "VERIFIERKEY",
            description = "The log's C2SP verifier key, obtained out of band; pinned in the state directory.")
    String logKey;

    @Option(names = "--trust-on-first-use",
            description = "Without --log-key: fetch GET /log/key once and pin it (check it out of band!).")
    boolean trustOnFirstUse;

    @Option(names = "--origin", paramLabel = "ORIGIN",
            description = "The log's origin; default: as pinned, else as /log/key says (TOFU), else the key's name.")
    String origin;

    @Option(names = "--state", required = true, paramLabel = "DIR",
            description = "Where the pinned key, verified checkpoints and evidence are kept (created if missing).")
    Path state;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
            description = "Time between polls: 500ms, 5s, 2m... (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--once", description = "Poll once and exit (same as --max-polls 1).")
    boolean once;

    @Option(names = "--max-polls", paramLabel = "N", defaultValue = "0",
            description = "Stop after N polls (default: never).")
    int maxPolls;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Further attempts of a poll that cannot reach the log (default: ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--backoff", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Wait before the first retry, doubled for each next one (default: ${DEFAULT-VALUE}).")
    Duration backoff;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "Connect and request timeout (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = {"-v", "--verbose"}, description = "Also report polls that found the log unchanged.")
    boolean verbose;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        int polls = checkOptions();
        LogClient client;
        try {
            client = new LogClient(log, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--log: " + e.getMessage());
        }
        try (MonitorState monitorState = MonitorState.open(state, Clock.systemUTC())) {
            Optional<Pinned> pinned = pin(client, monitorState);
            if (pinned.isEmpty()) {
                return ExitCodes.UNREACHABLE;
            }
            LogMonitor monitor = new LogMonitor(client, monitorState, pinned.get().origin(), pinned.get().key());
            say("monitoring " + client.base() + " (origin " + pinned.get().origin() + "), state " + state + "; "
                    + monitor.latest().map(c -> "last verified: tree size " + c.treeSize()).orElse("no checkpoint yet"));
            return run(monitor, monitorState, new MonitorLoop.Settings(interval, polls, retries, backoff));
        } catch (MonitorStateException e) {
            return stateError(e.getMessage());
        } catch (InvalidInputException e) {
            return stateError(e.getMessage() + (e.nextStep() == null ? "" : "\n  next: " + e.nextStep()));
        } catch (IOException e) {
            return stateError("cannot use the state directory " + state + ": " + e);
        }
    }

    private int checkOptions() {
        if (logKey != null && trustOnFirstUse) {
            throw new ParameterException(spec.commandLine(), "give either --log-key or --trust-on-first-use, not both");
        }
        if (once && maxPolls != 0 && maxPolls != 1) {
            throw new ParameterException(spec.commandLine(), "--once means one poll; leave out --max-polls " + maxPolls);
        }
        if (maxPolls < 0 || retries < 0) {
            throw new ParameterException(spec.commandLine(), "--max-polls and --retries cannot be negative");
        }
        return once ? 1 : maxPolls;
    }

    private record Pinned(NoteVerifier key, String origin) {
    }

    /** The key and origin to verify with: as pinned in the state, else given, else fetched (TOFU) and pinned. */
    private Optional<Pinned> pin(LogClient client, MonitorState monitorState)
            throws IOException, InvalidInputException, MonitorStateException {
        Optional<String> pinnedKey = monitorState.pinnedKey();
        if (pinnedKey.isPresent()) {
            NoteVerifier key;
            try {
                key = EvidenceFiles.verifierKey(pinnedKey.get(), state.resolve("log-key").toString());
            } catch (InvalidInputException e) {
                throw new MonitorStateException(e.getMessage() + "; the state directory was altered: restore it, or "
                        + "start with a new --state directory");
            }
            if (logKey != null && !EvidenceFiles.verifierKey(logKey, "--log-key").equals(key)) {
                throw new MonitorStateException(state + " pins the log key " + key.verifierKey() + ", not the --log-key "
                        + "given. A log must not change its key silently: if the change is legitimate, start with a "
                        + "new --state directory");
            }
            String pinnedOrigin = monitorState.origin().orElse(key.keyName());
            if (origin != null && !origin.equals(pinnedOrigin)) {
                throw new MonitorStateException(state + " pins the origin '" + pinnedOrigin + "', not --origin '"
                        + origin + "'; use a new --state directory for another log");
            }
            return Optional.of(new Pinned(key, pinnedOrigin));
        }
        if (logKey != null) {
            NoteVerifier key = EvidenceFiles.verifierKey(logKey, "--log-key");
            String logOrigin = origin != null ? origin : key.keyName();
            monitorState.pin(key.verifierKey(), logOrigin);
            say("pinned the log key " + key.verifierKey() + " in " + state.resolve("log-key"));
            return Optional.of(new Pinned(key, logOrigin));
        }
        if (!trustOnFirstUse) {
            throw new ParameterException(spec.commandLine(), "the monitor needs the log's key: give --log-key "
                    + "VERIFIERKEY (the verifierKey of GET " + client.base() + "/key, checked out of band), or "
                    + "--trust-on-first-use to pin whatever the log announces now");
        }
        Optional<LogClient.LogKey> announced = fetchKey(client);
        if (announced.isEmpty()) {
            return Optional.empty();
        }
        NoteVerifier key;
        try {
            key = EvidenceFiles.verifierKey(announced.get().verifierKey(), "the key the log announced");
        } catch (InvalidInputException e) {
            err.println("semper monitor: " + client.base() + "/key announced an unusable key: " + e.getMessage());
            err.flush();
            return Optional.empty();
        }
        String logOrigin = origin != null ? origin : announced.get().origin();
        monitorState.pin(key.verifierKey(), logOrigin);
        say("TRUST ON FIRST USE: pinned the key the log announces, " + key.verifierKey() + " (origin " + logOrigin
                + "), in " + state.resolve("log-key") + ". Compare it with the key the operator publishes elsewhere: "
                + "everything from now on is checked against it");
        return Optional.of(new Pinned(key, logOrigin));
    }

    private Optional<LogClient.LogKey> fetchKey(LogClient client) {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return Optional.of(client.key());
            } catch (LogUnreachableException e) {
                if (attempt > retries) {
                    say("cannot fetch the log key after " + attempt + " attempts: " + e.getMessage(), err);
                    return Optional.empty();
                }
                say(e.getMessage() + "; attempt " + attempt + " of " + (retries + 1) + ", retrying in " + human(wait),
                        err);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
                wait = wait.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private int run(LogMonitor monitor, MonitorState monitorState, MonitorLoop.Settings settings)
            throws IOException, MonitorStateException {
        Printer printer = new Printer(monitorState);
        MonitorLoop loop = new MonitorLoop(monitor, settings, printer);
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            loop.stop();
            try {
                reported.await(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "semper-monitor-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            MonitorLoop.Outcome outcome = loop.run();
            return switch (outcome) {
                case COMPLETED, STOPPED -> {
                    say((outcome == MonitorLoop.Outcome.STOPPED ? "stopped" : "done") + " after " + loop.polls()
                            + " poll(s); " + monitor.latest().map(c -> "latest verified checkpoint: tree size "
                            + c.treeSize() + ", root " + base64(c.rootHash()) + ", consistent with every checkpoint seen")
                            .orElse("no checkpoint verified"));
                    yield ExitCodes.OK;
                }
                case INCONSISTENT, REFUSED -> ExitCodes.FAILED;
                case UNREACHABLE -> ExitCodes.UNREACHABLE;
            };
        } finally {
            out.flush();
            err.flush();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for the report above
            }
        }
    }

    /** Prints what the loop finds, and writes the evidence of an inconsistency. */
    private final class Printer implements MonitorLoop.Listener {
        private final MonitorState monitorState;

        Printer(MonitorState monitorState) {
            this.monitorState = monitorState;
        }

        @Override
        public void polled(LogMonitor.PollResult result) throws IOException {
            if (result instanceof LogMonitor.First first) {
                say(describe(first.checkpoint()) + "  first checkpoint seen; stored");
            } else if (result instanceof LogMonitor.Advanced advanced) {
                say(describe(advanced.checkpoint()) + (advanced.previous().treeSize() == 0 ? "  extends the empty tree"
                        : "  consistent with tree size " + advanced.previous().treeSize() + " (proof of "
                                + advanced.proofHashes() + " hashes)") + "; stored");
            } else if (result instanceof LogMonitor.Unchanged unchanged) {
                if (verbose) {
                    say(describe(unchanged.checkpoint()) + "  unchanged");
                }
            } else if (result instanceof LogMonitor.Inconsistent inconsistent) {
                inconsistency(inconsistent.inconsistency());
            } else if (result instanceof LogMonitor.Refused refused) {
                refused(refused);
            }
        }

        @Override
        public void retrying(LogUnreachableException failure, int attempt, int attempts, Duration wait) {
            say(failure.getMessage() + "; attempt " + attempt + " of " + attempts + ", retrying in " + human(wait), err);
        }

        @Override
        public void unreachable(LogUnreachableException failure, int attempts, boolean endsRun) {
            say("LOG UNREACHABLE after " + attempts + " attempt(s): " + failure.getMessage()
                    + (endsRun ? "; giving up (exit 3)" : "; trying again in " + human(interval)), err);
        }

        private void inconsistency(Inconsistency found) throws IOException {
            String report = report(found);
            Path evidence = monitorState.writeEvidence(found, report);
            out.println();
            out.print(report);
            out.println("Evidence written to " + evidence + "/ (old.checkpoint, new.checkpoint"
                    + (found.proofJson().isPresent() ? ", proof.json" : "") + ", report.txt). Keep it: "
                    + (found.provesFork() ? "the two signed checkpoints prove the fork to anyone holding the log key."
                            : "it is what the log served."));
            out.flush();
            say("INCONSISTENT: stopped (exit 1)", err);
        }

        private String report(Inconsistency found) {
            StringBuilder text = new StringBuilder();
            text.append("INCONSISTENT LOG (").append(found.kind()).append("): ").append(found.message()).append('\n');
            text.append("log ").append(log).append(", origin ").append(found.newer().origin()).append('\n');
            text.append(switch (found.kind()) {
                case SAME_SIZE_DIFFERENT_ROOT -> "The log signed both checkpoints below: two different trees of the "
                        + "same size. Together they prove that it forked its history.\n";
                case CONSISTENCY_PROOF_FAILED -> "The log signed both checkpoints below, and the consistency proof it "
                        + "served does not show that the newer tree extends the older one. An honest log can always "
                        + "prove that.\n";
                case ROLLBACK -> "The log served a checkpoint of a smaller tree than one it had already signed. Both "
                        + "are validly signed; the rollback alone does not prove a fork, but an honest log never goes "
                        + "back.\n";
            });
            text.append("\n--- older checkpoint (tree size ").append(found.older().treeSize()).append(") ---\n")
                    .append(found.olderNote());
            text.append("\n--- newer checkpoint (tree size ").append(found.newer().treeSize()).append(") ---\n")
                    .append(found.newerNote());
            found.proofJson().ifPresent(proof -> text.append("\n--- consistency proof served (from ")
                    .append(found.older().treeSize()).append(" to ").append(found.newer().treeSize()).append(") ---\n")
                    .append(proof).append(proof.endsWith("\n") ? "" : "\n"));
            text.append("---\n");
            return text.toString();
        }

        private void refused(LogMonitor.Refused refused) throws IOException {
            String report = "REFUSED CHECKPOINT (" + refused.reason() + "): " + refused.message() + "\n"
                    + "log " + log + "\n"
                    + "The checkpoint served does not verify with the pinned key. This is not evidence against the "
                    + "log (anyone can write an unsigned note), but the log, or something between it and you, is not "
                    + "serving its signed checkpoints. If the log changed its key legitimately, start a new --state "
                    + "directory with the new key.\n\n--- checkpoint served ---\n" + refused.served()
                    + (refused.served().endsWith("\n") ? "" : "\n") + "---\n";
            Path kept = monitorState.writeRefused(refused.served(), report);
            out.println();
            out.print(report);
            out.println("Kept in " + kept + "/");
            out.flush();
            say("REFUSED: the checkpoint is not signed by the pinned key (exit 1)", err);
        }
    }

    private int stateError(String message) {
        err.println("semper monitor: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }

    private void say(String line) {
        say(line, out);
    }

    private static void say(String line, PrintWriter to) {
        to.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + "  " + line);
        to.flush();
    }

    private static String describe(Checkpoint checkpoint) {
        return "tree size " + checkpoint.treeSize() + ", root " + base64(checkpoint.rootHash());
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String human(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + "ms" : duration.toSeconds() + "s";
    }
}
