package org.semper.evidence.tlog;

/** A Merkle inclusion or consistency proof does not prove what it was checked against. */
public final class ProofVerificationException extends TlogException {
    private static final long serialVersionUID = 1L;

    /** Why the proof failed. */
    public enum Reason {
        /** A leaf index outside {@code [0, treeSize)}. */
        INDEX_OUT_OF_RANGE,
        /** Negative tree sizes, or an old tree larger than the new one. */
        INVALID_TREE_SIZES,
        /** A hash (leaf, root or proof element) that is missing or not 32 bytes long. */
        MALFORMED_HASH,
        /** The proof has more or fewer hashes than the sizes require. */
        WRONG_PROOF_LENGTH,
        /** The root computed from the proof is not the root given (for consistency: the new root). */
        ROOT_MISMATCH,
        /** Consistency only: the old root computed from the proof is not the old root given. */
        OLD_ROOT_MISMATCH
    }

    private final Reason reason;

    public ProofVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
