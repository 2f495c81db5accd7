package org.semper.agent.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The local Semper suite as child processes: each service's packaged app started with {@code java -jar} on the
 * {@code local} profile (embedded PostgreSQL, keys under one data directory, one local trust anchor), its output in
 * {@code <data>/logs/<service>.log}. The CA starts first and the others once it is ready (it issues their local
 * certificates); {@link #close()} stops every process this suite started, also from a shutdown hook (Ctrl-C).
 */
public final class Suite implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(90);

    private final Path root;
    private final Path data;
    private final Consumer<String> log;
    private final List<Process> processes = Collections.synchronizedList(new ArrayList<>());
    private final List<SuiteService> started = Collections.synchronizedList(new ArrayList<>());
    private final Thread hook = new Thread(this::stopAll, "semper-suite-stop");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * @param root the repository root (where the modules' {@code target/quarkus-app} are)
     * @param data the data directory of this run ({@code SEMPER_DATA_DIR})
     */
    public Suite(Path root, Path data, Consumer<String> log) {
        this.root = root.toAbsolutePath();
        this.data = data.toAbsolutePath();
        this.log = log;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public Path data() {
        return data;
    }

    /** The local trust anchor every local service shares. */
    public Path trustAnchor() {
        return data.resolve("local-ca").resolve("root.pem");
    }

    /** The packaged app of {@code service}. */
    public Path jar(SuiteService service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Starts the services: the CA (if among them) first, then the others together; waits until all are ready. */
    public void start(List<SuiteService> services) throws IOException, InterruptedException {
        List<String> missing = services.stream().filter(s -> !Files.exists(jar(s))).map(s -> s.module()).toList();
        if (!missing.isEmpty()) {
            throw new IOException("not built: " + String.join(", ", missing) + " (run ./mvnw -DskipTests package)");
        }
        for (SuiteService service : services) {
            if (portTaken(service)) {
                throw new IOException("port " + service.port() + " is in use: another " + service.name()
                        + " (or another program) is running there; stop it first");
            }
        }
        List<SuiteService> later = new ArrayList<>(services);
        if (later.remove(SuiteService.CA)) {
            launch(SuiteService.CA);
            awaitReady(List.of(SuiteService.CA));
        }
        for (SuiteService service : later) {
            launch(service);
        }
        awaitReady(later);
    }

    private void launch(SuiteService service) throws IOException {
        Path logs = Files.createDirectories(data.resolve("logs"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dquarkus.http.port=" + service.port());
        // Start-up over peak speed: the local suite shares a small machine (C1 only, serial GC).
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        service.properties().forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar(service).toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(service.name() + ".log").toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_PROFILE", "local");
        environment.put("SEMPER_DATA_DIR", data.toString());
        processes.add(builder.start());
        started.add(service);
        log.accept("started " + service.name() + " (" + service.module() + ") on " + service.url());
    }

    private void awaitReady(List<SuiteService> services) throws IOException, InterruptedException {
        Instant end = Instant.now().plus(READY);
        List<SuiteService> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            waiting.removeIf(this::ready);
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    SuiteService dead = started.get(i);
                    throw new IOException(dead.name() + " stopped while starting; see " + data.resolve("logs")
                            .resolve(dead.name() + ".log"));
                }
            }
            if (waiting.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(end)) {
                throw new IOException("not ready after " + READY.toSeconds() + " s: " + waiting.stream()
                        .map(SuiteService::name).toList() + "; see " + data.resolve("logs"));
            }
            Thread.sleep(250);
        }
    }

    private boolean ready(SuiteService service) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(service.url()
                    + "/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
                log.accept(service.name() + " is ready");
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean portTaken(SuiteService service) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", service.port()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stopAll() {
        List<Process> running;
        synchronized (processes) {
            running = new ArrayList<>(processes);
            processes.clear();
        }
        running.forEach(Process::destroy);
        for (Process process : running) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stopAll itself
        }
    }
}
