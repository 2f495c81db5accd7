package org.semper.evidence.tlog;

/**
 * Where the proof algorithms read a log's Merkle tree from: the hashes of its <em>perfect</em> subtrees.
 *
 * <p>{@code hash(level, index)} is the root hash of the perfect subtree of height {@code level} that covers the
 * leaves {@code [index·2^level, (index+1)·2^level)}; level 0 gives the leaf hashes themselves. A store (in memory,
 * or a database table keyed by level and index) implements it; {@link MerkleProofs} computes roots, inclusion and
 * consistency proofs through it alone, asking for O(log n) subtrees per call and only for subtrees that lie entirely
 * inside the tree size it was given.
 */
@FunctionalInterface
public interface SubtreeHashes {
    /**
     * The 32-byte hash of the perfect subtree at {@code level} and {@code index}.
     *
     * @throws IllegalArgumentException (or an exception of the store's choosing) if the store does not hold that
     *     subtree, for instance because it covers leaves not yet appended
     */
    byte[] hash(int level, long index);
}
