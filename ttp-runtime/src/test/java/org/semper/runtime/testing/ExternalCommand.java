package org.semper.runtime.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs a real command-line client (openssl, curl, softhsm2-util) with a timeout and captures its exit code, stdout
 * and stderr. Tests use it to check interoperability with tools that are not Java.
 */
public final class ExternalCommand {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private ExternalCommand() {
    }

    /** What a finished command produced. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        /** stdout and stderr together, for assertions on messages that a tool prints to either. */
        public String output() {
            return stdout + stderr;
        }

        /** Throws with the full output unless the command exited with 0. */
        public Result assertSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(describe("expected exit code 0"));
            }
            return this;
        }

        public String describe(String what) {
            return what + ": " + String.join(" ", command) + " exited with " + exitCode
                    + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    public static Result run(Path workingDirectory, String... command) {
        return run(workingDirectory, Map.of(), DEFAULT_TIMEOUT, List.of(command));
    }

    public static Result run(Path workingDirectory, Map<String, String> environment, String... command) {
        return run(workingDirectory, environment, DEFAULT_TIMEOUT, List.of(command));
    }

    /**
     * Runs {@code command} in {@code workingDirectory} with extra environment variables; kills it and fails after
     * {@code timeout}. stdin is empty.
     */
    public static Result run(Path workingDirectory, Map<String, String> environment, Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workingDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        builder.environment().putAll(new HashMap<>(environment));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", command), e);
        }
        // one thread per stream, so that neither pipe can fill up and block the process
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()),
                task -> new Thread(task, "external-command-stdout").start());
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()),
                task -> new Thread(task, "external-command-stderr").start());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(List.copyOf(command), process.exitValue(), stdout.get(10, TimeUnit.SECONDS),
                    stderr.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + String.join(" ", command), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Cannot read the output of " + String.join(" ", command), e);
        }
    }

    /**
     * Makes sure an external tool is installed: on CI ({@code CI=true}) a missing tool fails the test, elsewhere
     * the test is skipped.
     *
     * @param tool        the executable, looked up on {@code PATH}, or an absolute path
     * @param installHint what to install, for the message
     */
    public static void requireTool(String tool, String installHint) {
        boolean present = tool.startsWith("/") ? Files.isReadable(Path.of(tool)) : onPath(tool);
        if (present) {
            return;
        }
        String message = tool + " is not installed (" + installHint + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message + "; CI must run the interoperability tests");
        }
        Assumptions.assumeTrue(false, message + "; skipped outside CI");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
