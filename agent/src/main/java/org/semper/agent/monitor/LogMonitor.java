package org.semper.agent.monitor;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.MalformedCheckpointException;
import org.semper.evidence.tlog.MalformedNoteException;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.NoteVerificationException;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.ProofVerificationException;

/**
 * Watches one transparency log: each {@link #poll()} fetches the latest signed checkpoint, verifies its signature
 * with the pinned key, and checks it against the latest one seen before. A larger tree must come with a
 * consistency proof (RFC 9162 §2.1.4, {@link MerkleVerifier#verifyConsistency}) from the old size; the same size
 * must have the same root; the log must never go back. Verified checkpoints are stored in the
 * {@link MonitorState}; an inconsistency is returned with both signed checkpoints, which are the evidence.
 *
 * <p>Not thread-safe: one poll at a time.
 */
public final class LogMonitor {

    /** What one poll found. */
    public sealed interface PollResult {
    }

    /** The first checkpoint this monitor has seen of the log: verified and stored, nothing to compare it with. */
    public record First(Checkpoint checkpoint, String note) implements PollResult {
    }

    /** The same checkpoint as before. */
    public record Unchanged(Checkpoint checkpoint) implements PollResult {
    }

    /** A larger tree, proved to extend the previous one; stored. */
    public record Advanced(Checkpoint previous, Checkpoint checkpoint, int proofHashes) implements PollResult {
    }

    /** Two signed checkpoints that an honest log could not have signed. */
    public record Inconsistent(Inconsistency inconsistency) implements PollResult {
    }

    /**
     * The served checkpoint does not verify with the pinned key (another key, a bad signature, another origin, not
     * a checkpoint); {@code reason} is {@code NO_TRUSTED_SIGNATURE}, {@code INVALID_SIGNATURE},
     * {@code DUPLICATE_SIGNATURE}, {@code ORIGIN_MISMATCH}, {@code MALFORMED_NOTE} or {@code MALFORMED_CHECKPOINT}. Not evidence against the log, since anyone can write such a note, but the log is not serving
     * its signed checkpoints to this monitor.
     */
    public record Refused(String served, String reason, String message) implements PollResult {
    }

    private final LogClient client;
    private final MonitorState state;
    private final String origin;
    private final NoteVerifier key;
    private MonitorState.StoredCheckpoint latest;

    /**
     * @throws MonitorStateException if the stored latest checkpoint does not verify with {@code key}
     */
    public LogMonitor(LogClient client, MonitorState state, String origin, NoteVerifier key)
            throws IOException, MonitorStateException {
        this.client = Objects.requireNonNull(client, "client");
        this.state = Objects.requireNonNull(state, "state");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.key = Objects.requireNonNull(key, "key");
        this.latest = state.latest(origin, key).orElse(null);
    }

    /** The latest verified checkpoint, from this run or an earlier one. */
    public Optional<Checkpoint> latest() {
        return Optional.ofNullable(latest).map(MonitorState.StoredCheckpoint::checkpoint);
    }

    /**
     * Fetches and checks the log's latest checkpoint.
     *
     * @throws LogUnreachableException if the checkpoint or a needed proof cannot be fetched; nothing is stored then
     * @throws IOException if the state directory cannot be written
     * @throws MonitorStateException if a stored checkpoint needed for the check no longer verifies
     */
    public PollResult poll() throws LogUnreachableException, InterruptedException, IOException, MonitorStateException {
        String note = client.checkpoint();
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.verify(note, origin, key);
        } catch (NoteVerificationException e) {
            return new Refused(note, e.reason().name(), e.getMessage());
        } catch (MalformedNoteException e) {
            return new Refused(note, "MALFORMED_NOTE", e.getMessage());
        } catch (MalformedCheckpointException e) {
            return new Refused(note, "MALFORMED_CHECKPOINT", e.getMessage());
        }
        if (latest == null) {
            latest = new MonitorState.StoredCheckpoint(checkpoint, note, state.store(checkpoint, note));
            return new First(checkpoint, note);
        }
        Checkpoint previous = latest.checkpoint();
        long oldSize = previous.treeSize();
        long newSize = checkpoint.treeSize();
        if (newSize == oldSize) {
            if (MessageDigest.isEqual(previous.rootHash(), checkpoint.rootHash())) {
                return new Unchanged(previous);
            }
            return new Inconsistent(sameSize(latest, checkpoint, note));
        }
        if (newSize < oldSize) {
            Optional<MonitorState.StoredCheckpoint> seen = state.atSize(newSize, origin, key);
            if (seen.isPresent() && !MessageDigest.isEqual(seen.get().checkpoint().rootHash(), checkpoint.rootHash())) {
                return new Inconsistent(sameSize(seen.get(), checkpoint, note));
            }
            return new Inconsistent(new Inconsistency(Inconsistency.Kind.ROLLBACK, "the log went back from tree size "
                    + oldSize + " to " + newSize + ": it served a smaller tree than one it had signed before",
                    previous, latest.note(), checkpoint, note, Optional.empty()));
        }
        List<byte[]> proof;
        Optional<String> proofJson;
        if (oldSize == 0) {
            // The empty tree is a prefix of every tree: no proof to fetch (the log serves none from size 0), but the
            // verifier still checks that the old root is the empty tree's.
            proof = List.of();
            proofJson = Optional.empty();
        } else {
            LogClient.ConsistencyProof served = client.consistency(oldSize, newSize);
            proofJson = Optional.of(served.json());
            if (served.from() != oldSize || served.to() != newSize) {
                return new Inconsistent(proofFailed(checkpoint, note, proofJson, "asked for a consistency proof from "
                        + oldSize + " to " + newSize + ", the log answered one from " + served.from() + " to "
                        + served.to()));
            }
            Optional<List<byte[]>> decoded = decode(served.hashes());
            if (decoded.isEmpty()) {
                return new Inconsistent(proofFailed(checkpoint, note, proofJson,
                        "the consistency proof holds a hash that is not base64 of 32 bytes"));
            }
            proof = decoded.get();
        }
        try {
            MerkleVerifier.verifyConsistency(oldSize, newSize, previous.rootHash(), checkpoint.rootHash(), proof);
        } catch (ProofVerificationException e) {
            return new Inconsistent(proofFailed(checkpoint, note, proofJson,
                    "the consistency proof from size " + oldSize + " to " + newSize + " fails (" + e.reason() + "): "
                            + e.getMessage()));
        }
        latest = new MonitorState.StoredCheckpoint(checkpoint, note, state.store(checkpoint, note));
        return new Advanced(previous, checkpoint, proof.size());
    }

    private static Inconsistency sameSize(MonitorState.StoredCheckpoint seen, Checkpoint checkpoint, String note) {
        Checkpoint old = seen.checkpoint();
        return new Inconsistency(Inconsistency.Kind.SAME_SIZE_DIFFERENT_ROOT, "two different roots for tree size "
                + old.treeSize() + ": " + base64(old.rootHash()) + " (seen before) and " + base64(checkpoint.rootHash())
                + " (now); the log has signed two different histories", old, seen.note(), checkpoint, note,
                Optional.empty());
    }

    private Inconsistency proofFailed(Checkpoint checkpoint, String note, Optional<String> proofJson, String message) {
        return new Inconsistency(Inconsistency.Kind.CONSISTENCY_PROOF_FAILED, message, latest.checkpoint(),
                latest.note(), checkpoint, note, proofJson);
    }

    private static Optional<List<byte[]>> decode(List<String> hashes) {
        List<byte[]> decoded = new ArrayList<>(hashes.size());
        for (String hash : hashes) {
            try {
                byte[] bytes = Base64.getDecoder().decode(hash);
                if (bytes.length != MerkleHash.LENGTH) {
                    return Optional.empty();
                }
                decoded.add(bytes);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(decoded);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
