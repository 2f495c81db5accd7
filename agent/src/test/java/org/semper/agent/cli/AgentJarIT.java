package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.FakeLog;

/**
 * Runs the packaged tool as a user does, {@code java -jar agent/target/semper-agent.jar} in its own JVM (manifest
 * class path to {@code target/lib/}), after Maven's package phase.
 */
class AgentJarIT {
    record Result(int exitCode, String out, String err) {
    }

    @TempDir
    Path dir;

    static Result java(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("semper.agent.jar", "target/semper-agent.jar"));
        assertThat(jar).as("the packaged jar (run mvn package first)").exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("semper " + String.join(" ", args) + " ends").isTrue();
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theJarRunsWithItsLibraries() throws Exception {
        Result help = java("--help");
        Result version = java("--version");
        Result usage = java("verify", "proof");

        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: semper", "verify", "monitor", "Exit codes:");
        assertThat(version.out()).startsWith("semper 0.1.0");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("Missing required");
    }

    @Test
    void theJarCreatesAnAgentAndSaysWhatToDoNext() throws Exception {
        Path home = dir.resolve("alice");
        Result init = java("init", "--home", home.toString(), "--name", "Alice");
        Result deals = java("deals", "--home", home.toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("Agent 'Alice' created", "next: semper enroll");
        assertThat(home.resolve("identity.p12")).exists();
        assertThat(home.resolve("request.csr")).content().startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(deals.exitCode()).isEqualTo(2);
        assertThat(deals.err()).contains("no certificate from a CA yet", "next: enroll it");
    }

    @Test
    void theJarMonitorsARealLog() throws Exception {
        try (FakeLog log = new FakeLog().append("entry", 4)) {
            Result first = java("monitor", "--log", log.url(), "--trust-on-first-use", "--state",
                    dir.resolve("state").toString(), "--once");
            log.append("entry", 3);
            Result second = java("monitor", "--log", log.url(), "--state", dir.resolve("state").toString(), "--once");

            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
            assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
            assertThat(second.out()).contains("tree size 7", "consistent with tree size 4");
            assertThat(Files.readString(dir.resolve("state").resolve("latest"))).startsWith(FakeLog.ORIGIN + "\n7\n");
        }
    }
}
