package org.semper.evidence.tlog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Roots, inclusion proofs and consistency proofs exactly as RFC 9162 §2.1 defines them (MTH, PATH and PROOF,
 * identical to RFC 6962 §2.1), so that the proofs verify with any RFC 6962 / RFC 9162 verifier (Certificate
 * Transparency, Trillian, transparency-dev, Sigstore).
 *
 * <p>Everything is computed from perfect subtrees read through {@link SubtreeHashes}: a range of leaves that is not
 * a perfect subtree is split, from the left, into the perfect subtrees of decreasing size that make it up, and its
 * hash is folded from the right. Each call reads O(log n) subtrees.
 *
 * <p>Proof lists are ordered as in the RFC: from the node nearest the leaf (or the old root) up to the child of the
 * root.
 */
public final class MerkleProofs {
    private MerkleProofs() {
    }

    /** MTH of the first {@code treeSize} leaves; the {@linkplain MerkleHash#emptyRoot() empty root} for size 0. */
    public static byte[] root(SubtreeHashes tree, long treeSize) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " is negative");
        }
        if (treeSize == 0) {
            return MerkleHash.emptyRoot();
        }
        return rangeHash(tree, 0, treeSize);
    }

    /**
     * PATH(leafIndex, D[treeSize]) of RFC 9162 §2.1.3.1: the audit path from the leaf to the root of the tree of
     * {@code treeSize} leaves. Empty for a tree of one leaf.
     *
     * @throws IllegalArgumentException unless {@code 0 <= leafIndex < treeSize}
     */
    public static List<byte[]> inclusion(SubtreeHashes tree, long leafIndex, long treeSize) {
        if (treeSize <= 0) {
            throw new IllegalArgumentException("no inclusion proof in a tree of size " + treeSize);
        }
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException(
                    "leaf index " + leafIndex + " is not in a tree of size " + treeSize + " (0 <= index < size)");
        }
        List<byte[]> path = new ArrayList<>(64);
        path(tree, leafIndex, 0, treeSize, path);
        return Collections.unmodifiableList(path);
    }

    /**
     * PROOF(oldSize, D[newSize]) of RFC 9162 §2.1.4.1: the proof that the tree of {@code oldSize} leaves is a prefix
     * of the tree of {@code newSize} leaves.
     *
     * <p>RFC 9162 defines the proof only for {@code 0 < oldSize < newSize}. For the two trivial cases this returns
     * the empty proof, as RFC 6962's SUBPROOF does for equal sizes and as transparency-dev and Trillian do for the
     * empty tree: {@code oldSize == newSize} (a tree is consistent with itself) and {@code oldSize == 0} (the empty
     * tree is a prefix of every tree). {@link MerkleVerifier#verifyConsistency} accepts exactly these.
     *
     * @throws IllegalArgumentException if {@code oldSize < 0} or {@code oldSize > newSize}
     */
    public static List<byte[]> consistency(SubtreeHashes tree, long oldSize, long newSize) {
        if (oldSize < 0) {
            throw new IllegalArgumentException("old tree size " + oldSize + " is negative");
        }
        if (oldSize > newSize) {
            throw new IllegalArgumentException(
                    "old tree size " + oldSize + " is larger than new tree size " + newSize);
        }
        if (oldSize == 0 || oldSize == newSize) {
            return List.of();
        }
        List<byte[]> proof = new ArrayList<>(64);
        subproof(tree, oldSize, 0, newSize, true, proof);
        return Collections.unmodifiableList(proof);
    }

    /** PATH(m, D[start : start+n]), appended to {@code out} from the bottom up. */
    private static void path(SubtreeHashes tree, long m, long start, long n, List<byte[]> out) {
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(tree, m, start, k, out);
            out.add(rangeHash(tree, start + k, n - k));
        } else {
            path(tree, m - k, start + k, n - k, out);
            out.add(rangeHash(tree, start, k));
        }
    }

    /** SUBPROOF(m, D[start : start+n], b), appended to {@code out} from the bottom up. */
    private static void subproof(SubtreeHashes tree, long m, long start, long n, boolean b, List<byte[]> out) {
        if (m == n) {
            if (!b) {
                out.add(rangeHash(tree, start, m));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(tree, m, start, k, b, out);
            out.add(rangeHash(tree, start + k, n - k));
        } else {
            subproof(tree, m - k, start + k, n - k, false, out);
            out.add(rangeHash(tree, start, k));
        }
    }

    /**
     * MTH(D[start : start+count]) for {@code count >= 1} and {@code start} a multiple of the largest power of two
     * not above {@code count} (always so for the ranges of the RFC's recursions): the perfect subtrees of the
     * range, largest first, folded from the right.
     */
    private static byte[] rangeHash(SubtreeHashes tree, long start, long count) {
        byte[][] parts = new byte[Long.bitCount(count)][];
        int i = 0;
        long position = start;
        for (int level = 62; level >= 0; level--) {
            long width = 1L << level;
            if ((count & width) != 0) {
                parts[i++] = subtree(tree, level, position >>> level);
                position += width;
            }
        }
        byte[] hash = parts[parts.length - 1];
        for (int j = parts.length - 2; j >= 0; j--) {
            hash = MerkleHash.node(parts[j], hash);
        }
        return hash;
    }

    private static byte[] subtree(SubtreeHashes tree, int level, long index) {
        byte[] hash = tree.hash(level, index);
        if (hash == null || hash.length != MerkleHash.LENGTH) {
            throw new IllegalStateException("the store returned no 32-byte hash for the subtree at level " + level
                    + ", index " + index);
        }
        return hash;
    }

    /** The largest power of two strictly less than {@code n}, for {@code n >= 2} (the RFC's k). */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }
}
