package org.semper.runtime.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Semper service ({@code target/quarkus-app/quarkus-run.jar}) running in its own JVM process on a fixed
 * loopback port, as the crash and race tests need it: started with an environment of its own, ready when
 * {@code /q/health/ready} answers 200, killed with SIGKILL ({@link #kill()}: no shutdown hook, no flush, as a power
 * cut of that process) and restarted on the same port and settings. Its output goes to a log file (one per start),
 * whose tail is shown when it fails to start.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Processes started and not yet seen dead: killed if the test JVM exits without stopping them (e.g. Ctrl-C). */
    private static final java.util.Set<Process> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(Process::destroyForcibly),
                "service-process-reaper"));
    }

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logDirectory;
    private int starts;
    private Process process;
    private Path logFile;

    private ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions,
            Path logDirectory) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logDirectory = logDirectory;
    }

    /** A process of {@code jar} named {@code name} (for logs and messages), on a free port chosen now. */
    public static Builder of(String name, Path jar) {
        return new Builder(name, jar);
    }

    /** Settings of a {@link ServiceProcess}. */
    public static final class Builder {
        private final String name;
        private final Path jar;
        private int port = freePort();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path logDirectory;

        private Builder(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** An environment variable of the process (in addition to this JVM's environment). */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder env(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** A JVM option, e.g. {@code -Xmx384m} or {@code -Dquarkus.log.level=WARN}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Where the log files go ({@code <name>-<n>.log}); default: a temporary directory. */
        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        public ServiceProcess build() {
            try {
                Path logs = logDirectory != null ? logDirectory : Files.createTempDirectory("semper-" + name + "-logs-");
                Files.createDirectories(logs);
                return new ServiceProcess(name, jar, port, environment, jvmOptions, logs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Starts the process and waits until it is ready ({@code /q/health/ready} is 200).
     *
     * @throws AssertionError with the log's tail if it exits or is not ready within three minutes
     */
    public ServiceProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: the packaged application is built by `package`, before failsafe");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        logFile = logDirectory.resolve(name + "-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
            STARTED.removeIf(p -> !p.isAlive());
            STARTED.add(process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " while starting:\n" + logTail(60));
            }
            if (ready()) {
                return this;
            }
            sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError(name + " was not ready within " + START_TIMEOUT + ":\n" + logTail(60));
    }

    /** True if the process runs and {@code /q/health/ready} answers 200. */
    public boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(uri("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * SIGKILL ({@code kill -9}) of the service's process: the JVM runs no shutdown hook and flushes nothing; what
     * was not committed to the database is lost, open connections are reset. Waits until the process is gone.
     */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly(); // java.lang.Process on Linux: kill(pid, SIGKILL)
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Orderly stop (SIGTERM, Quarkus shuts down), SIGKILL after 30 s. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The process id of the current (or last) start. */
    public long pid() {
        return process.pid();
    }

    /** CPU time the current process has used so far (user + system), in seconds; 0 if not running. */
    public double cpuSeconds() {
        return process == null ? 0 : process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The log of the current (or last) start. */
    public Path logFile() {
        return logFile;
    }

    /** The last {@code lines} lines of the current log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The value of a Prometheus gauge or counter without labels from {@code /q/metrics}, e.g.
     * {@code semper_log_sequencer_leader}; NaN if absent.
     */
    public double metric(String name) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            for (String line : response.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Double.NaN;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (port " + port + (process != null ? ", pid " + process.pid() : "") + ")";
    }

    /** A free TCP port on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
