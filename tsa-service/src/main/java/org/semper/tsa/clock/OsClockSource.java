package org.semper.tsa.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the operating system (Linux) whether its clock is synchronised. Tried in order, the first that can tell
 * decides:
 * <ol>
 *   <li>{@code /run/systemd/timesync/synchronized}: present means systemd-timesyncd has synchronised the clock
 *       (it is touched on every synchronisation; absent says nothing, another daemon may be in charge);</li>
 *   <li>{@code chronyc -c tracking}: chrony's leap status and measured offset — the only step that yields an
 *       offset, so it comes before the next one, which would otherwise answer for chrony too without one;</li>
 *   <li>{@code timedatectl show -p NTPSynchronized --value}: the kernel's synchronisation flag, whichever daemon
 *       keeps it.</li>
 * </ol>
 * If none can tell, the reading is unsynchronised and its detail lists what each step found. Every command runs
 * with the configured timeout.
 */
public final class OsClockSource implements ClockSource {

    /** The flag file of systemd-timesyncd. */
    public static final Path TIMESYNC_FLAG = Path.of("/run/systemd/timesync/synchronized");

    /** {@link ClockReading#source()} when the timesyncd flag file decided. */
    public static final String SOURCE_TIMESYNCD = "os:systemd-timesyncd";
    /** {@link ClockReading#source()} when chrony decided. */
    public static final String SOURCE_CHRONY = "os:chrony";
    /** {@link ClockReading#source()} when timedatectl decided. */
    public static final String SOURCE_TIMEDATECTL = "os:timedatectl";
    /** {@link ClockReading#source()} when nothing could tell. */
    public static final String SOURCE_NONE = "os";

    static final List<String> CHRONYC = List.of("chronyc", "-c", "tracking");
    static final List<String> TIMEDATECTL = List.of("timedatectl", "show", "-p", "NTPSynchronized", "--value");

    private final Path timesyncFlag;
    private final CommandRunner commands;
    private final Duration timeout;
    private final Clock clock;

    /** @param timeout how long each operating-system command may run */
    public OsClockSource(Duration timeout) {
        this(TIMESYNC_FLAG, new ProcessCommandRunner(), timeout, Clock.systemUTC());
    }

    OsClockSource(Path timesyncFlag, CommandRunner commands, Duration timeout, Clock clock) {
        this.timesyncFlag = Objects.requireNonNull(timesyncFlag, "timesyncFlag");
        this.commands = Objects.requireNonNull(commands, "commands");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new ClockConfigurationException("semper.tsa.clock.timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ClockReading read() {
        List<String> findings = new ArrayList<>();
        try {
            Optional<ClockReading> reading = fromTimesyncFlag(findings);
            if (reading.isEmpty()) {
                reading = fromChrony(findings);
            }
            if (reading.isEmpty()) {
                reading = fromTimedatectl(findings);
            }
            return reading.orElseGet(() -> ClockReading.unsynchronised(SOURCE_NONE,
                    "the operating system cannot tell whether its clock is synchronised: "
                            + String.join("; ", findings), clock.instant()));
        } catch (RuntimeException e) {
            findings.add(e.toString());
            return ClockReading.unsynchronised(SOURCE_NONE, "reading the operating system's clock state failed: "
                    + String.join("; ", findings), clock.instant());
        }
    }

    private Optional<ClockReading> fromTimesyncFlag(List<String> findings) {
        if (!Files.exists(timesyncFlag)) {
            findings.add(timesyncFlag + " absent");
            return Optional.empty();
        }
        String touched;
        try {
            Instant lastSync = Files.getLastModifiedTime(timesyncFlag).toInstant();
            touched = ", last touched " + lastSync + " ("
                    + Seconds.of(Duration.between(lastSync, clock.instant())) + " ago)";
        } catch (IOException e) {
            touched = "";
        }
        return Optional.of(ClockReading.synchronisedWithoutOffset(SOURCE_TIMESYNCD,
                "systemd-timesyncd has synchronised the clock (" + timesyncFlag + " present" + touched
                        + "); offset not measured", clock.instant()));
    }

    private Optional<ClockReading> fromChrony(List<String> findings) {
        CommandRunner.Output output;
        try {
            output = commands.run(CHRONYC, timeout);
        } catch (IOException e) {
            findings.add("chronyc unavailable: " + e.getMessage());
            return Optional.empty();
        }
        if (output.exitCode() != 0) {
            findings.add("chronyc exited with " + output.exitCode() + ": " + output.text().strip());
            return Optional.empty();
        }
        ChronyTracking tracking;
        try {
            tracking = ChronyTracking.parse(output.text());
        } catch (IllegalArgumentException e) {
            findings.add("chronyc output unreadable: " + e.getMessage());
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!tracking.synchronised()) {
            return Optional.of(ClockReading.unsynchronised(SOURCE_CHRONY,
                    "chrony is not synchronised (leap status " + tracking.leapStatus() + ", stratum "
                            + tracking.stratum() + ")", now));
        }
        return Optional.of(ClockReading.synchronised(tracking.systemTimeOffset(), SOURCE_CHRONY,
                "chrony synchronised to " + tracking.referenceName() + " (stratum " + tracking.stratum()
                        + ", root delay " + Seconds.of(tracking.rootDelay()) + ", root dispersion "
                        + Seconds.of(tracking.rootDispersion()) + ", leap status " + tracking.leapStatus() + ")",
                now));
    }

    private Optional<ClockReading> fromTimedatectl(List<String> findings) {
        CommandRunner.Output output;
        try {
            output = commands.run(TIMEDATECTL, timeout);
        } catch (IOException e) {
            findings.add("timedatectl unavailable: " + e.getMessage());
            return Optional.empty();
        }
        String answer = output.text().strip().toLowerCase(Locale.ROOT);
        if (output.exitCode() != 0) {
            findings.add("timedatectl exited with " + output.exitCode() + ": " + output.text().strip());
            return Optional.empty();
        }
        Instant now = clock.instant();
        switch (answer) {
            case "yes":
                return Optional.of(ClockReading.synchronisedWithoutOffset(SOURCE_TIMEDATECTL,
                        "the kernel reports the clock synchronised (timedatectl NTPSynchronized=yes); "
                                + "offset not measured", now));
            case "no":
                return Optional.of(ClockReading.unsynchronised(SOURCE_TIMEDATECTL,
                        "the kernel reports the clock not synchronised (timedatectl NTPSynchronized=no)", now));
            default:
                findings.add("timedatectl answered '" + output.text().strip() + "'");
                return Optional.empty();
        }
    }

    /** Runs an operating-system command; replaced in tests. */
    @FunctionalInterface
    interface CommandRunner {

        /**
         * @return the exit code and combined standard output and error
         * @throws IOException if the command cannot be started, or did not finish within the timeout
         */
        Output run(List<String> command, Duration timeout) throws IOException;

        /** What a finished command printed. */
        record Output(int exitCode, String text) {
        }
    }

    /** Runs commands as child processes, killing them at the timeout. */
    static final class ProcessCommandRunner implements CommandRunner {

        @Override
        public Output run(List<String> command, Duration timeout) throws IOException {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("LC_ALL", "C");
            builder.environment().put("SYSTEMD_PAGER", "");
            Process process = builder.start();
            try {
                process.getOutputStream().close();
                if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(command.get(0) + " did not finish within " + Seconds.of(timeout));
                }
                // The commands used print one short line, far below the pipe buffer, so reading after exit is safe.
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                return new Output(process.exitValue(), text);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException(command.get(0) + " interrupted", e);
            } finally {
                process.getInputStream().close();
            }
        }
    }
}
