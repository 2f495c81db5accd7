package org.semper.agent.verify;

import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.MalformedCheckpointException;
import org.semper.evidence.tlog.MalformedTlogProofException;
import org.semper.evidence.tlog.NoteVerificationException;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.ProofVerificationException;
import org.semper.evidence.tlog.TlogProof;

/**
 * Checks an offline C2SP {@code tlog-proof} bundle for an entry with {@link TlogProof#verify} and turns the outcome
 * into a result with a stable reason code, for people and for scripts.
 */
public final class ProofCheck {
    /** Why a bundle did not verify. */
    public enum Reason {
        /** The text starts as a tlog proof but breaks the format (bad index, hash, note or checkpoint syntax). */
        MALFORMED_PROOF,
        /** The checkpoint carries no signature of the given log key: another log's, or the wrong key was given. */
        NO_TRUSTED_SIGNATURE,
        /** A signature of the log key is in the note but does not verify: the checkpoint was altered. */
        INVALID_SIGNATURE,
        /** The log key signed the note twice. */
        DUPLICATE_SIGNATURE,
        /** Correctly signed, but by the key of another log (origin line differs). */
        ORIGIN_MISMATCH,
        /** The signed text is not a checkpoint. */
        MALFORMED_CHECKPOINT,
        /** The inclusion proof does not lead from the entry's leaf hash to the signed root. */
        INCLUSION_FAILED
    }

    /**
     * The outcome.
     *
     * @param reason empty when verified
     * @param proofDetail for {@link Reason#INCLUSION_FAILED}, the Merkle verifier's own reason
     *     ({@code ROOT_MISMATCH}, {@code INDEX_OUT_OF_RANGE}, ...)
     * @param checkpoint the verified checkpoint, present only when verified
     * @param index the leaf index the bundle claims, -1 if it could not be parsed
     */
    public record Result(Optional<Reason> reason, Optional<String> proofDetail, String message,
            Optional<Checkpoint> checkpoint, long index, byte[] leafHash, String origin, String keyName, int keyId,
            Optional<String> signedCheckpoint) {

        public boolean verified() {
            return reason.isEmpty();
        }

        public String leafHashBase64() {
            return Base64.getEncoder().encodeToString(leafHash);
        }
    }

    private ProofCheck() {
    }

    /** Whether the text announces itself as a tlog proof at all (its first line). */
    public static boolean looksLikeProof(String text) {
        return text.startsWith(TlogProof.HEADER + "\n");
    }

    /**
     * Verifies the bundle for the entry with {@code leafHash}, in the log {@code origin} (default: the key's name)
     * signed by {@code logKey}.
     */
    public static Result verify(String bundle, byte[] leafHash, String origin, NoteVerifier logKey) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(logKey, "logKey");
        String expectedOrigin = origin == null ? logKey.keyName() : origin;
        TlogProof proof;
        try {
            proof = TlogProof.parse(bundle);
        } catch (MalformedTlogProofException e) {
            return failed(Reason.MALFORMED_PROOF, null, "the bundle is not a valid tlog proof: " + e.getMessage(), -1,
                    leafHash, expectedOrigin, logKey, null);
        }
        String note = proof.signedCheckpoint().text();
        try {
            Checkpoint checkpoint = proof.verify(leafHash, expectedOrigin, logKey);
            return new Result(Optional.empty(), Optional.empty(), "entry at index " + proof.index() + " of log '"
                    + checkpoint.origin() + "' is included in the tree of size " + checkpoint.treeSize()
                    + " whose checkpoint is signed by " + logKey.keyName() + "+" + hex(logKey.keyId()),
                    Optional.of(checkpoint), proof.index(), leafHash.clone(), expectedOrigin, logKey.keyName(),
                    logKey.keyId(), Optional.of(note));
        } catch (NoteVerificationException e) {
            Reason reason = switch (e.reason()) {
                case NO_TRUSTED_SIGNATURE -> Reason.NO_TRUSTED_SIGNATURE;
                case INVALID_SIGNATURE -> Reason.INVALID_SIGNATURE;
                case DUPLICATE_SIGNATURE -> Reason.DUPLICATE_SIGNATURE;
                case ORIGIN_MISMATCH -> Reason.ORIGIN_MISMATCH;
            };
            return failed(reason, null, "the checkpoint is not trusted: " + e.getMessage(), proof.index(), leafHash,
                    expectedOrigin, logKey, note);
        } catch (MalformedCheckpointException e) {
            return failed(Reason.MALFORMED_CHECKPOINT, null, "the signed note is not a checkpoint: " + e.getMessage(),
                    proof.index(), leafHash, expectedOrigin, logKey, note);
        } catch (ProofVerificationException e) {
            return failed(Reason.INCLUSION_FAILED, e.reason().name(), "the entry is not proven in the log: "
                    + e.getMessage(), proof.index(), leafHash, expectedOrigin, logKey, note);
        }
    }

    private static Result failed(Reason reason, String detail, String message, long index, byte[] leafHash,
            String origin, NoteVerifier key, String note) {
        return new Result(Optional.of(reason), Optional.ofNullable(detail), message, Optional.empty(), index,
                leafHash.clone(), origin, key.keyName(), key.keyId(), Optional.ofNullable(note));
    }

    static String hex(int keyId) {
        return String.format("%08x", keyId);
    }
}
