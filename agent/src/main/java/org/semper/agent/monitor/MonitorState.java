package org.semper.agent.monitor;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

import org.semper.agent.files.DirectoryLock;
import org.semper.agent.files.WholeFiles;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.TlogException;

/**
 * A monitor's state directory: the pinned log key and origin, every verified checkpoint, and the evidence of any
 * inconsistency found.
 *
 * <pre>
 * DIR/log-key                    the log's C2SP verifier key (pinned: given, or trusted on first use)
 * DIR/origin                     the log's origin (first line of its checkpoints)
 * DIR/&lt;size&gt;.checkpoint          each verified signed checkpoint, verbatim, named by tree size
 * DIR/latest                     the latest verified signed checkpoint
 * DIR/evidence-&lt;time&gt;/           old.checkpoint, new.checkpoint, proof.json (if any), report.txt
 * DIR/refused-&lt;time&gt;/            served.checkpoint, report.txt: a checkpoint that did not verify
 * </pre>
 *
 * <p>Files are written to a temporary name and renamed, so a crash or Ctrl-C never leaves half a checkpoint. One
 * monitor at a time: the directory is locked ({@code DIR/.lock}) while open. Stored checkpoints are verified again
 * when read, so a state that was altered is noticed.
 */
public final class MonitorState implements Closeable {
    static final String KEY_FILE = "log-key";
    static final String ORIGIN_FILE = "origin";
    static final String LATEST_FILE = "latest";
    private static final String LOCK_FILE = ".lock";
    private static final DateTimeFormatter DIR_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A checkpoint read back from the state, verified again. */
    public record StoredCheckpoint(Checkpoint checkpoint, String note, Path file) {
    }

    private final Path dir;
    private final DirectoryLock lock;
    private final Clock clock;

    private MonitorState(Path dir, DirectoryLock lock, Clock clock) {
        this.dir = dir;
        this.lock = lock;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) and locks a state directory.
     *
     * @throws MonitorStateException if another monitor holds it
     */
    public static MonitorState open(Path dir, Clock clock) throws IOException, MonitorStateException {
        Objects.requireNonNull(clock, "clock");
        Files.createDirectories(dir);
        Optional<DirectoryLock> lock = DirectoryLock.tryLock(dir.resolve(LOCK_FILE));
        if (lock.isEmpty()) {
            throw new MonitorStateException("another monitor is using " + dir
                    + "; stop it, or give this one its own --state directory");
        }
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, "*" + WholeFiles.TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
        return new MonitorState(dir, lock.get(), clock);
    }

    public Path dir() {
        return dir;
    }

    /** The pinned verifier key, if any. */
    public Optional<String> pinnedKey() throws IOException {
        return readLine(KEY_FILE);
    }

    /** The pinned origin, if any. */
    public Optional<String> origin() throws IOException {
        return readLine(ORIGIN_FILE);
    }

    /** Pins the log's key and origin: every checkpoint from now on must verify with them. */
    public void pin(String verifierKey, String origin) throws IOException {
        write(dir.resolve(KEY_FILE), verifierKey + "\n");
        write(dir.resolve(ORIGIN_FILE), origin + "\n");
    }

    /** The latest verified checkpoint, verified again with the pinned key. */
    public Optional<StoredCheckpoint> latest(String origin, NoteVerifier key) throws IOException, MonitorStateException {
        return read(dir.resolve(LATEST_FILE), origin, key);
    }

    /** The stored checkpoint of a tree size, if this monitor saw one. */
    public Optional<StoredCheckpoint> atSize(long treeSize, String origin, NoteVerifier key)
            throws IOException, MonitorStateException {
        return read(checkpointFile(treeSize), origin, key);
    }

    /** Stores a verified checkpoint under its size and as the latest. */
    public Path store(Checkpoint checkpoint, String note) throws IOException {
        Path file = checkpointFile(checkpoint.treeSize());
        write(file, note);
        write(dir.resolve(LATEST_FILE), note);
        return file;
    }

    /** Writes the evidence of an inconsistency to a new {@code evidence-<time>} directory. */
    public Path writeEvidence(Inconsistency inconsistency, String report) throws IOException {
        Path evidence = newDirectory("evidence-");
        write(evidence.resolve("old.checkpoint"), inconsistency.olderNote());
        write(evidence.resolve("new.checkpoint"), inconsistency.newerNote());
        if (inconsistency.proofJson().isPresent()) {
            write(evidence.resolve("proof.json"), inconsistency.proofJson().get());
        }
        write(evidence.resolve("report.txt"), report);
        return evidence;
    }

    /** Keeps a served checkpoint that did not verify, for the record, in a new {@code refused-<time>} directory. */
    public Path writeRefused(String served, String report) throws IOException {
        Path refused = newDirectory("refused-");
        write(refused.resolve("served.checkpoint"), served);
        write(refused.resolve("report.txt"), report);
        return refused;
    }

    Path checkpointFile(long treeSize) {
        return dir.resolve(treeSize + ".checkpoint");
    }

    private Optional<StoredCheckpoint> read(Path file, String origin, NoteVerifier key)
            throws IOException, MonitorStateException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String note = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return Optional.of(new StoredCheckpoint(Checkpoint.verify(note, origin, key), note, file));
        } catch (TlogException e) {
            throw new MonitorStateException(file + " does not verify with the pinned key " + key.verifierKey() + ": "
                    + e.getMessage() + ". The state directory was altered; restore it, or start with a new --state "
                    + "directory", e);
        }
    }

    private Optional<String> readLine(String name) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private Path newDirectory(String prefix) throws IOException {
        String name = prefix + DIR_TIME.format(clock.instant());
        Path candidate = dir.resolve(name);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = dir.resolve(name + "-" + i);
        }
        return Files.createDirectory(candidate);
    }

    private static void write(Path file, String text) throws IOException {
        WholeFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Releases the directory for other monitors. */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
