package org.semper.evidence.tlog;

import java.security.MessageDigest;
import java.util.List;

import org.semper.evidence.tlog.ProofVerificationException.Reason;

/**
 * The proof verification algorithms of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency), step by step.
 * They need no access to the tree: only the hashes, sizes and roots given.
 */
public final class MerkleVerifier {
    private MerkleVerifier() {
    }

    /**
     * Checks that {@code proof} proves the leaf with hash {@code leafHash} at {@code leafIndex} in the tree of
     * {@code treeSize} leaves whose root is {@code root}.
     *
     * @throws ProofVerificationException if it does not, with the reason
     */
    public static void verifyInclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> proof,
            byte[] root) throws ProofVerificationException {
        requireHash(leafHash, "leaf hash");
        requireHash(root, "root hash");
        requireHashes(proof);
        // Step 1.
        if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize) {
            throw new ProofVerificationException(Reason.INDEX_OUT_OF_RANGE,
                    "leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        // Steps 2 and 3.
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        // Step 4.
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "the inclusion proof has "
                        + proof.size() + " hashes, more than leaf " + leafIndex + " of " + treeSize + " needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHash.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleHash.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5.
        if (sn != 0) {
            throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "the inclusion proof has "
                    + proof.size() + " hashes, fewer than leaf " + leafIndex + " of " + treeSize + " needs");
        }
        if (!MessageDigest.isEqual(r, root)) {
            throw new ProofVerificationException(Reason.ROOT_MISMATCH, "the inclusion proof of leaf " + leafIndex
                    + " leads to a root other than the given root of the tree of size " + treeSize);
        }
    }

    /**
     * Checks that {@code proof} proves the tree of {@code oldSize} leaves with root {@code oldRoot} a prefix of the
     * tree of {@code newSize} leaves with root {@code newRoot}.
     *
     * <p>Beyond RFC 9162 (which covers {@code 0 < oldSize < newSize}): equal sizes need an empty proof and equal
     * roots; {@code oldSize == 0} needs an empty proof and {@code oldRoot} equal to the
     * {@linkplain MerkleHash#emptyRoot() empty root}, since the empty tree is a prefix of every tree. These match
     * what {@link MerkleProofs#consistency} produces.
     *
     * @throws ProofVerificationException if it does not, with the reason
     */
    public static void verifyConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot,
            List<byte[]> proof) throws ProofVerificationException {
        requireHash(oldRoot, "old root hash");
        requireHash(newRoot, "new root hash");
        requireHashes(proof);
        if (oldSize < 0 || oldSize > newSize) {
            throw new ProofVerificationException(Reason.INVALID_TREE_SIZES,
                    "no consistency from tree size " + oldSize + " to tree size " + newSize);
        }
        if (oldSize == 0 || oldSize == newSize) {
            if (!proof.isEmpty()) {
                throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "the consistency proof from size "
                        + oldSize + " to size " + newSize + " must be empty but has " + proof.size() + " hashes");
            }
            if (oldSize == 0 && !MessageDigest.isEqual(oldRoot, MerkleHash.emptyRoot())) {
                throw new ProofVerificationException(Reason.OLD_ROOT_MISMATCH,
                        "the old root is not the root of the empty tree");
            }
            if (oldSize == newSize && !MessageDigest.isEqual(oldRoot, newRoot)) {
                throw new ProofVerificationException(Reason.ROOT_MISMATCH,
                        "two different roots for the same tree size " + oldSize);
            }
            return;
        }
        // Step 1.
        if (proof.isEmpty()) {
            throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH,
                    "the consistency proof from size " + oldSize + " to size " + newSize + " is empty");
        }
        // Step 2: when the old tree is perfect, its root is (implicitly) the first value of the path.
        boolean oldTreeIsPerfect = (oldSize & (oldSize - 1)) == 0;
        // Step 3.
        long fn = oldSize - 1;
        long sn = newSize - 1;
        // Step 4.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5.
        byte[] start = oldTreeIsPerfect ? oldRoot : proof.get(0);
        byte[] fr = start;
        byte[] sr = start;
        // Step 6: every value of the path after the first.
        for (int i = oldTreeIsPerfect ? 0 : 1; i < proof.size(); i++) {
            byte[] c = proof.get(i);
            if (sn == 0) {
                throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "the consistency proof from size "
                        + oldSize + " to size " + newSize + " has too many hashes (" + proof.size() + ")");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHash.node(c, fr);
                sr = MerkleHash.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleHash.node(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 7.
        if (sn != 0) {
            throw new ProofVerificationException(Reason.WRONG_PROOF_LENGTH, "the consistency proof from size "
                    + oldSize + " to size " + newSize + " has too few hashes (" + proof.size() + ")");
        }
        if (!MessageDigest.isEqual(fr, oldRoot)) {
            throw new ProofVerificationException(Reason.OLD_ROOT_MISMATCH, "the consistency proof leads to an old "
                    + "root other than the given root of the tree of size " + oldSize);
        }
        if (!MessageDigest.isEqual(sr, newRoot)) {
            throw new ProofVerificationException(Reason.ROOT_MISMATCH, "the consistency proof leads to a new "
                    + "root other than the given root of the tree of size " + newSize);
        }
    }

    /** {@link #verifyInclusion} as a boolean. */
    public static boolean isValidInclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> proof,
            byte[] root) {
        try {
            verifyInclusion(leafHash, leafIndex, treeSize, proof, root);
            return true;
        } catch (ProofVerificationException e) {
            return false;
        }
    }

    /** {@link #verifyConsistency} as a boolean. */
    public static boolean isValidConsistency(long oldSize, long newSize, byte[] oldRoot, byte[] newRoot,
            List<byte[]> proof) {
        try {
            verifyConsistency(oldSize, newSize, oldRoot, newRoot, proof);
            return true;
        } catch (ProofVerificationException e) {
            return false;
        }
    }

    private static void requireHash(byte[] hash, String what) throws ProofVerificationException {
        if (hash == null || hash.length != MerkleHash.LENGTH) {
            throw new ProofVerificationException(Reason.MALFORMED_HASH, what + " is "
                    + (hash == null ? "missing" : hash.length + " bytes long, not " + MerkleHash.LENGTH));
        }
    }

    private static void requireHashes(List<byte[]> proof) throws ProofVerificationException {
        if (proof == null) {
            throw new ProofVerificationException(Reason.MALFORMED_HASH, "the proof is missing");
        }
        for (int i = 0; i < proof.size(); i++) {
            requireHash(proof.get(i), "proof hash " + i);
        }
    }
}
