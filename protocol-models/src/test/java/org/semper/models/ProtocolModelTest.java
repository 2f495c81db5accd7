package org.semper.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model-checks the Promela models of {@code semper-cs/1} and {@code semper-cm/1} with Spin (exhaustive search):
 * every property holds on the real models, every witness outcome is reachable (so no property holds vacuously),
 * and every mutant, the real model with one rule removed, violates the property that rule protects (so the models
 * can fail). What the models cover: {@code protocol-models/README.md}.
 */
class ProtocolModelTest {

    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final Path MODELS = Path.of(System.getProperty("semper.promela.dir", "src/main/promela"));
    private static final Path TRAILS = Path.of(System.getProperty("semper.spin.trails", "target/spin-trails"));

    /** Compiled {@code pan} verifiers, one per model, mutant and kind of search; each built once. */
    private static final Map<String, Path> VERIFIERS = new HashMap<>();

    @TempDir
    static Path work;

    /** How pan searches: safety claims exhaustively; the liveness claim for acceptance cycles, weakly fair. */
    enum Search {
        SAFETY(List.of("-DSAFETY"), List.of()),
        /** Weak fairness; NFAIR=3 makes room for 10 processes (the default, 6, is one short of 6 and the claim). */
        LIVENESS(List.of("-DNFAIR=3"), List.of("-a", "-f"));

        final List<String> compileFlags;
        final List<String> panFlags;

        Search(List<String> compileFlags, List<String> panFlags) {
            this.compileFlags = compileFlags;
            this.panFlags = panFlags;
        }
    }

    enum Expect { HOLDS, VIOLATED }

    /** One run of Spin: a model, the real one or a mutant ({@code -DMUTANT_<name>}), and one named LTL claim. */
    record Check(String model, String mutant, String property, Expect expect) {

        Search search() {
            return property.equals("timely") ? Search.LIVENESS : Search.SAFETY;
        }

        List<String> defines() {
            return mutant == null ? List.of() : List.of("-DMUTANT_" + mutant);
        }

        String id() {
            return model + "-" + (mutant == null ? "real" : mutant) + "-" + property;
        }

        @Override
        public String toString() {
            return model + (mutant == null ? "" : " mutant " + mutant) + ": " + property + " "
                    + (expect == Expect.HOLDS ? "holds" : "violated");
        }
    }

    static Stream<Check> checks() {
        String cs = "semper-cs";
        String cm = "semper-cm";
        return Stream.of(
                real(cs, List.of("excl", "fair_o", "fair_r", "timely"),
                        List.of("reach_optimistic", "reach_abort", "reach_resolve")),
                breaks(cs, "SPLIT_CHECK", "excl"),
                breaks(cs, "ABORT_AFTER_RESOLVE", "excl", "fair_o"),
                breaks(cs, "ABORT_BY_RESPONDER", "fair_o"),
                breaks(cs, "ME3_UNBOUND", "fair_r"),
                breaks(cs, "SILENT_CONFLICT", "timely"),
                real(cm, List.of("excl", "fair_s", "fair_r", "timely"),
                        List.of("reach_optimistic", "reach_abort", "reach_resolve", "reach_affidavit")),
                breaks(cm, "SPLIT_CHECK", "excl"),
                breaks(cm, "RESOLVE_AFTER_ABORT", "excl", "fair_s"),
                breaks(cm, "NO_KEYCOMMIT", "fair_r"),
                // Without the keyCommit check T never finds a bogus escrow: no affidavit is reachable any more.
                Stream.of(new Check(cm, "NO_KEYCOMMIT", "reach_affidavit", Expect.HOLDS)),
                breaks(cm, "EOR_UNBOUND", "fair_s"),
                breaks(cm, "KEY_UNCHECKED", "fair_r"))
                .flatMap(checks -> checks);
    }

    /** The real model: every property holds, and every witness outcome is reached (its "never" claim fails). */
    private static Stream<Check> real(String model, List<String> properties, List<String> witnesses) {
        return Stream.concat(properties.stream().map(property -> new Check(model, null, property, Expect.HOLDS)),
                witnesses.stream().map(witness -> new Check(model, null, witness, Expect.VIOLATED)));
    }

    /** A mutant and the properties it must violate. */
    private static Stream<Check> breaks(String model, String mutant, String... properties) {
        return Stream.of(properties).map(property -> new Check(model, mutant, property, Expect.VIOLATED));
    }

    private static boolean toolsInstalled;

    @BeforeAll
    static void findSpinAndGcc() {
        toolsInstalled = runs("spin", "-V") && runs("gcc", "--version");
    }

    /** Without Spin or gcc: skipped (each check, so the report counts them), but failed on CI. */
    private static void requireTools() {
        String message = "Spin and gcc are needed to check the protocol models: apt-get install spin gcc";
        if (!toolsInstalled && System.getenv("CI") != null) {
            fail(message);
        }
        assumeTrue(toolsInstalled, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void modelCheck(Check check) throws Exception {
        requireTools();
        Path dir = verifier(check);
        List<String> pan = new ArrayList<>(List.of("./pan"));
        pan.addAll(check.search().panFlags);
        pan.addAll(List.of("-N", check.property()));
        String out = run(dir, pan);
        PanResult result = PanResult.of(out);
        System.out.printf("spin %-58s errors %d, %,d states stored, %s s%n",
                check, result.errors(), result.states(), result.seconds());

        // The run checked the named claim, in the intended search, without cutting the search short.
        assertThat(out).as(check + "\n" + out)
                .containsPattern("never claim\\s+\\+ \\(" + Pattern.quote(check.property()) + "\\)")
                .contains("Full statespace search for:")
                .doesNotContain("max search depth too small", "out of memory");
        if (check.search() == Search.LIVENESS) {
            assertThat(out).as(check + "\n" + out).contains("acceptance   cycles \t+ (fairness enabled)");
        }

        if (check.expect() == Expect.HOLDS) {
            assertThat(result.errors()).as(check + "\n" + out).isZero();
            assertThat(out).as(check + "\n" + out).doesNotContain("Search not completed");
            return;
        }
        assertThat(result.errors()).as(check + "\n" + out).isPositive();
        assertThat(out).as(check + "\n" + out)
                .containsAnyOf(check.search() == Search.LIVENESS
                        ? new String[] {"acceptance cycle"}
                        : new String[] {"assertion violated", "claim violated"});
        // Replaying the counterexample runs it against that very claim; kept for reading in target/spin-trails.
        List<String> replay = new ArrayList<>(List.of("spin", "-t", "-p"));
        replay.addAll(check.defines());
        replay.add(check.model() + ".pml");
        String trail = run(dir, replay);
        assertThat(trail).as(trail).contains("(" + check.property() + ":1)");
        Files.createDirectories(TRAILS);
        Files.writeString(TRAILS.resolve(check.id() + ".txt"), trail, StandardCharsets.UTF_8);
    }

    /** {@code spin -a} then {@code gcc} for the check's model, mutant and search, in a fresh directory. */
    private static synchronized Path verifier(Check check) throws Exception {
        String key = check.model() + "-" + (check.mutant() == null ? "real" : check.mutant()) + "-"
                + check.search().name().toLowerCase();
        Path built = VERIFIERS.get(key);
        if (built != null) {
            return built;
        }
        Path dir = Files.createDirectories(work.resolve(key));
        Files.copy(MODELS.resolve(check.model() + ".pml"), dir.resolve(check.model() + ".pml"));
        List<String> spin = new ArrayList<>(List.of("spin"));
        spin.addAll(check.defines());
        spin.addAll(List.of("-a", check.model() + ".pml"));
        run(dir, spin);
        assertThat(dir.resolve("pan.c")).as("spin -a wrote pan.c for " + key).exists();
        List<String> gcc = new ArrayList<>(List.of("gcc", "-O2"));
        gcc.addAll(check.search().compileFlags);
        gcc.addAll(List.of("-o", "pan", "pan.c"));
        run(dir, gcc);
        assertThat(dir.resolve("pan")).as("gcc built pan for " + key).isExecutable();
        VERIFIERS.put(key, dir);
        return dir;
    }

    /** Runs a command in {@code dir}, returns its output (stdout and stderr); fails on a non-zero exit. */
    private static String run(Path dir, List<String> command) throws Exception {
        Path log = Files.createTempFile(dir, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " ran longer than " + LIMIT);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The figures pan prints at the end of a search. */
    record PanResult(int errors, long states, String seconds) {

        private static final Pattern ERRORS = Pattern.compile("errors: (\\d+)");
        private static final Pattern STATES = Pattern.compile("(\\d+) states, stored");
        private static final Pattern ELAPSED = Pattern.compile("pan: elapsed time ([0-9.e+]+) seconds");

        static PanResult of(String out) {
            return new PanResult(Integer.parseInt(group(ERRORS, out)), Long.parseLong(group(STATES, out)),
                    group(ELAPSED, out));
        }

        private static String group(Pattern pattern, String out) {
            Matcher matcher = pattern.matcher(out);
            assertThat(matcher.find()).as("pan output has " + pattern + "\n" + out).isTrue();
            return matcher.group(1);
        }
    }
}
