package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.agent.testing.Cli.semper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Cli.Run;
import org.semper.agent.testing.FakeLog;
import org.semper.evidence.tlog.InMemoryMerkleTree;
import org.semper.evidence.tlog.NoteSigner;

class MonitorCommandTest {
    @TempDir
    Path dir;
    Path state;
    FakeLog log;

    @BeforeEach
    void start() throws IOException {
        state = dir.resolve("monitor");
        log = new FakeLog().append("entry", 3);
    }

    @AfterEach
    void stop() {
        log.close();
    }

    private Run monitor(Object... extra) {
        Object[] args = Stream.concat(Stream.of("monitor", "--log", log.url(), "--state", state, "--interval", "10ms",
                "--backoff", "10ms", "--timeout", "2s"), Stream.of(extra)).toArray();
        return semper(args);
    }

    @Test
    void followsHonestGrowthAndStoresEveryCheckpoint() throws IOException {
        log.beforeEachCheckpoint(tree -> FakeLog.append(tree, "entry", 2));  // 5, 7, 9, 11 leaves at the 4 polls

        Run run = monitor("--log-key", log.verifierKey(), "--max-polls", "4");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("pinned the log key " + log.verifierKey())
                .contains("tree size 5, root", "first checkpoint seen; stored")
                .contains("tree size 7, root", "consistent with tree size 5 (proof of")
                .contains("consistent with tree size 9 (proof of")
                .contains("done after 4 poll(s); latest verified checkpoint: tree size 11");
        assertThat(state.resolve("5.checkpoint")).exists();
        assertThat(state.resolve("7.checkpoint")).exists();
        assertThat(state.resolve("9.checkpoint")).exists();
        assertThat(Files.readString(state.resolve("latest"))).isEqualTo(Files.readString(state.resolve("11.checkpoint")))
                .startsWith(FakeLog.ORIGIN + "\n11\n");
        assertThat(Files.readString(state.resolve("log-key")).strip()).isEqualTo(log.verifierKey());

        // A later run resumes from the stored checkpoint and proves consistency from it.
        log.beforeEachCheckpoint(tree -> { });
        log.append("entry", 21);
        Run resumed = monitor("--once");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("last verified: tree size 11")
                .contains("tree size 32, root", "consistent with tree size 11");
    }

    @Test
    void aLogStartingEmptyIsFollowedFromSizeZero() throws IOException {
        InMemoryMerkleTree grown = log.tree();
        log.switchTo(new InMemoryMerkleTree());
        Run empty = monitor("--log-key", log.verifierKey(), "--once");
        log.switchTo(grown);
        Run first = monitor("--once");

        assertThat(empty.exitCode()).as(empty.toString()).isZero();
        assertThat(empty.out()).contains("tree size 0, root 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("tree size 3, root", "extends the empty tree; stored");
    }

    @Test
    void trustOnFirstUsePinsTheAnnouncedKey() throws IOException {
        Run first = monitor("--trust-on-first-use", "--once");
        Run second = monitor("--once", "-v");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("TRUST ON FIRST USE", log.verifierKey(), "origin " + FakeLog.ORIGIN);
        assertThat(Files.readString(state.resolve("log-key")).strip()).isEqualTo(log.verifierKey());
        assertThat(Files.readString(state.resolve("origin")).strip()).isEqualTo(FakeLog.ORIGIN);
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("tree size 3, root", "unchanged");
    }

    @Test
    void aForkOfTheSameSizeIsCaughtAndBothCheckpointsKept() throws IOException {
        assertThat(monitor("--log-key", log.verifierKey(), "--once").exitCode()).isZero();
        String honest = log.signedCheckpoint();
        InMemoryMerkleTree fork = new InMemoryMerkleTree();
        FakeLog.append(fork, "forged", 3);
        log.switchTo(fork);
        String forged = log.signedCheckpoint();

        Run run = monitor("--once");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("INCONSISTENT LOG (SAME_SIZE_DIFFERENT_ROOT)", "two different roots for tree size 3")
                .contains("--- older checkpoint (tree size 3) ---\n" + honest)
                .contains("--- newer checkpoint (tree size 3) ---\n" + forged)
                .contains("prove the fork");
        Path evidence = evidenceDirectory();
        assertThat(Files.readString(evidence.resolve("old.checkpoint"))).isEqualTo(honest);
        assertThat(Files.readString(evidence.resolve("new.checkpoint"))).isEqualTo(forged);
        assertThat(evidence.resolve("proof.json")).doesNotExist();
        assertThat(Files.readString(evidence.resolve("report.txt"))).contains("SAME_SIZE_DIFFERENT_ROOT");
        assertThat(Files.readString(state.resolve("latest"))).isEqualTo(honest);
    }

    @Test
    void aLargerForkFailsItsConsistencyProof() throws IOException {
        assertThat(monitor("--log-key", log.verifierKey(), "--once").exitCode()).isZero();
        String honest = log.signedCheckpoint();
        InMemoryMerkleTree fork = new InMemoryMerkleTree();
        FakeLog.append(fork, "entry", 2);
        FakeLog.append(fork, "rewritten", 6);         // leaf 2 differs: not an extension of the 3-leaf tree
        log.switchTo(fork);
        String forged = log.signedCheckpoint();

        Run run = monitor("--once");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("INCONSISTENT LOG (CONSISTENCY_PROOF_FAILED)", "from size 3 to 8 fails")
                .contains(honest, forged, "--- consistency proof served (from 3 to 8) ---", "\"hashes\"");
        Path evidence = evidenceDirectory();
        assertThat(Files.readString(evidence.resolve("old.checkpoint"))).isEqualTo(honest);
        assertThat(Files.readString(evidence.resolve("new.checkpoint"))).isEqualTo(forged);
        assertThat(Files.readString(evidence.resolve("proof.json"))).contains("\"from\":3", "\"to\":8");
        assertThat(state.resolve("8.checkpoint")).doesNotExist();
    }

    @Test
    void anAlteredProofOfAnHonestLogIsAnInconsistencyToo() throws IOException {
        assertThat(monitor("--log-key", log.verifierKey(), "--once").exitCode()).isZero();
        log.append("entry", 5);
        log.serveProof("{\"from\":3,\"to\":8,\"hashes\":[\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\"]}");

        Run run = monitor("--once");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("CONSISTENCY_PROOF_FAILED");
        assertThat(Files.readString(evidenceDirectory().resolve("proof.json"))).contains("AAAAAAAA");
    }

    @Test
    void aLogThatGoesBackIsReported() throws IOException {
        log.append("entry", 5);
        assertThat(monitor("--log-key", log.verifierKey(), "--once").exitCode()).isZero();
        InMemoryMerkleTree older = new InMemoryMerkleTree();
        FakeLog.append(older, "entry", 3);
        log.switchTo(older);

        Run run = monitor("--once");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("INCONSISTENT LOG (ROLLBACK)", "went back from tree size 8 to 3");
        assertThat(evidenceDirectory().resolve("new.checkpoint")).exists();
    }

    @Test
    void aCheckpointSignedByAnotherKeyIsRefused() throws IOException {
        assertThat(monitor("--log-key", log.verifierKey(), "--once").exitCode()).isZero();
        log.signWith(NoteSigner.generate(FakeLog.ORIGIN));
        log.append("entry", 1);

        Run run = monitor("--once");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("REFUSED CHECKPOINT (NO_TRUSTED_SIGNATURE)", "does not verify with the pinned key",
                "none of the 1 signatures is from a trusted key", "--- checkpoint served ---");
        assertThat(run.err()).contains("REFUSED");
        try (Stream<Path> files = Files.list(state)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("refused-"))).hasSize(1);
        }
        assertThat(state.resolve("4.checkpoint")).doesNotExist();
    }

    @Test
    void aLogThatCannotBeReachedEndsABoundedRunWithExit3() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Run run = semper("monitor", "--log", "http://127.0.0.1:" + closedPort, "--log-key", log.verifierKey(),
                "--state", state, "--once", "--retries", "2", "--backoff", "10ms");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("attempt 1 of 3, retrying in 10ms", "attempt 2 of 3, retrying in 20ms")
                .contains("LOG UNREACHABLE after 3 attempt(s)", "connection refused", "giving up (exit 3)");
    }

    @Test
    void trustOnFirstUseOfAnUnreachableLogExits3() throws IOException {
        log.close();

        Run run = monitor("--trust-on-first-use", "--once", "--retries", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.err()).contains("cannot fetch the log key after 1 attempts");
        assertThat(state.resolve("log-key")).doesNotExist();
    }

    @Test
    void usageErrors() throws IOException {
        Run noKey = monitor("--once");
        Run both = monitor("--once", "--log-key", log.verifierKey(), "--trust-on-first-use");
        Run badUrl = semper("monitor", "--log", "ftp://example", "--log-key", log.verifierKey(), "--state", state);
        Run badInterval = monitor("--interval", "soon");

        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("give --log-key", "--trust-on-first-use");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("not an http:// or https:// URL");
        assertThat(badInterval.exitCode()).isEqualTo(2);
        assertThat(badInterval.err()).contains("'soon' is not a duration");
    }

    @Test
    void aStateDirectoryPinsItsKey() throws IOException {
        assertThat(monitor("--log-key", log.verifierKey(), "--once").exitCode()).isZero();

        Run otherKey = monitor("--once", "--log-key", NoteSigner.generate(FakeLog.ORIGIN).verifierKey());
        Files.writeString(state.resolve("latest"), Files.readString(state.resolve("latest")).replace("\n3\n", "\n4\n"));
        Run altered = monitor("--once");

        assertThat(otherKey.exitCode()).isEqualTo(2);
        assertThat(otherKey.err()).contains("pins the log key", "start with a new --state directory");
        assertThat(altered.exitCode()).isEqualTo(2);
        assertThat(altered.err()).contains("latest does not verify with the pinned key", "was altered");
    }

    private Path evidenceDirectory() throws IOException {
        try (Stream<Path> files = Files.list(state)) {
            List<Path> evidence = files.filter(p -> p.getFileName().toString().startsWith("evidence-")).toList();
            assertThat(evidence).hasSize(1);
            return evidence.get(0);
        }
    }
}
