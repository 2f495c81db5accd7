package org.semper.tsa.clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OsClockSourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void readsWhateverThisMachineHasWithoutThrowing() {
        ClockReading reading = new OsClockSource(TIMEOUT).read();

        assertThat(reading.source()).startsWith("os");
        assertThat(reading.detail()).isNotBlank();
        if (!reading.synchronised()) {
            assertThat(reading.offset()).isEmpty();
        }
    }

    @Test
    void trustsTheTimesyncdFlagFileWithoutAskingAnything() throws IOException {
        Path flag = Files.createFile(dir.resolve("synchronized"));
        Commands commands = new Commands(Map.of());

        ClockReading reading = new OsClockSource(flag, commands, TIMEOUT, clock).read();

        assertThat(reading.synchronised()).isTrue();
        assertThat(reading.offset()).isEmpty();
        assertThat(reading.source()).isEqualTo(OsClockSource.SOURCE_TIMESYNCD);
        assertThat(commands.ran).isEmpty();
    }

    @Test
    void takesChronysOffsetWhenTheFlagFileIsAbsent() {
        Commands commands = new Commands(Map.of(OsClockSource.CHRONYC,
                new OsClockSource.CommandRunner.Output(0, ChronyTrackingTest.SYNCHRONISED_SLOW)));

        ClockReading reading = new OsClockSource(dir.resolve("absent"), commands, TIMEOUT, clock).read();

        assertThat(reading.synchronised()).isTrue();
        assertThat(reading.offset()).contains(Duration.ofNanos(1_234_500));
        assertThat(reading.source()).isEqualTo(OsClockSource.SOURCE_CHRONY);
        assertThat(reading.detail()).contains("ntp1.example.net");
        assertThat(reading.readAt()).isEqualTo(clock.instant());
        assertThat(commands.ran).containsExactly(OsClockSource.CHRONYC);
    }

    @Test
    void believesChronyWhenItIsNotSynchronised() {
        Commands commands = new Commands(Map.of(
                OsClockSource.CHRONYC, new OsClockSource.CommandRunner.Output(0, ChronyTrackingTest.NOT_SYNCHRONISED),
                OsClockSource.TIMEDATECTL, new OsClockSource.CommandRunner.Output(0, "yes\n")));

        ClockReading reading = new OsClockSource(dir.resolve("absent"), commands, TIMEOUT, clock).read();

        assertThat(reading.synchronised()).isFalse();
        assertThat(reading.source()).isEqualTo(OsClockSource.SOURCE_CHRONY);
        assertThat(reading.detail()).contains("Not synchronised");
    }

    @Test
    void fallsBackToTheKernelFlagThroughTimedatectl() {
        Commands yes = new Commands(Map.of(OsClockSource.CHRONYC, new OsClockSource.CommandRunner.Output(1,
                "506 Cannot talk to daemon\n"), OsClockSource.TIMEDATECTL,
                new OsClockSource.CommandRunner.Output(0, "yes\n")));
        Commands no = new Commands(Map.of(OsClockSource.TIMEDATECTL,
                new OsClockSource.CommandRunner.Output(0, "no\n")));

        ClockReading synced = new OsClockSource(dir.resolve("absent"), yes, TIMEOUT, clock).read();
        ClockReading unsynced = new OsClockSource(dir.resolve("absent"), no, TIMEOUT, clock).read();

        assertThat(synced.synchronised()).isTrue();
        assertThat(synced.offset()).isEmpty();
        assertThat(synced.source()).isEqualTo(OsClockSource.SOURCE_TIMEDATECTL);
        assertThat(yes.ran).containsExactly(OsClockSource.CHRONYC, OsClockSource.TIMEDATECTL);
        assertThat(unsynced.synchronised()).isFalse();
        assertThat(unsynced.detail()).contains("NTPSynchronized=no");
    }

    @Test
    void isUnsynchronisedWithAClearDetailWhenNothingCanTell() {
        Commands none = new Commands(Map.of(OsClockSource.TIMEDATECTL, new OsClockSource.CommandRunner.Output(1,
                "System has not been booted with systemd as init system (PID 1). Can't operate.\n")));

        ClockReading reading = new OsClockSource(dir.resolve("absent"), none, TIMEOUT, clock).read();

        assertThat(reading.synchronised()).isFalse();
        assertThat(reading.source()).isEqualTo(OsClockSource.SOURCE_NONE);
        assertThat(reading.detail()).contains("cannot tell").contains("absent").contains("chronyc unavailable")
                .contains("timedatectl exited with 1");
    }

    @Test
    void killsACommandThatOutlivesTheTimeout() {
        OsClockSource.ProcessCommandRunner runner = new OsClockSource.ProcessCommandRunner();

        long started = System.nanoTime();
        assertThatThrownBy(() -> runner.run(List.of("sleep", "10"), Duration.ofMillis(200)))
                .isInstanceOf(IOException.class).hasMessageContaining("did not finish within 0.200 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void runsARealCommand() throws IOException {
        OsClockSource.CommandRunner.Output output =
                new OsClockSource.ProcessCommandRunner().run(List.of("echo", "yes"), TIMEOUT);

        assertThat(output.exitCode()).isZero();
        assertThat(output.text()).isEqualTo("yes\n");
    }

    @Test
    void reportsAMissingCommandAsUnavailable() {
        assertThatThrownBy(() -> new OsClockSource.ProcessCommandRunner()
                .run(List.of("semper-no-such-command"), TIMEOUT)).isInstanceOf(IOException.class);
    }

    /** Canned command outputs; a command without one is "not installed". */
    private static final class Commands implements OsClockSource.CommandRunner {

        final List<List<String>> ran = new ArrayList<>();
        private final Map<List<String>, Output> outputs;

        Commands(Map<List<String>, Output> outputs) {
            this.outputs = outputs;
        }

        @Override
        public Output run(List<String> command, Duration timeout) throws IOException {
            ran.add(command);
            Output output = outputs.get(command);
            if (output == null) {
                throw new IOException("Cannot run program \"" + command.get(0) + "\"");
            }
            return output;
        }
    }
}
