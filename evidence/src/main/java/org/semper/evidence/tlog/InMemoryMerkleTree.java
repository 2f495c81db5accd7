package org.semper.evidence.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree held in memory, keeping the hash of every perfect subtree (about 2n hashes for n
 * leaves) so that roots and proofs for any tree size up to the current one cost O(log n).
 *
 * <p>For tests, for agents and courts that rebuild a log from its entries, and as the reference that a database
 * store of {@link SubtreeHashes} must agree with. Thread-safe. Holds up to {@link Integer#MAX_VALUE} leaves.
 *
 * <pre>{@code
 * InMemoryMerkleTree tree = new InMemoryMerkleTree();
 * long index = tree.append(entry);
 * List<byte[]> proof = MerkleProofs.inclusion(tree, index, tree.size());
 * }</pre>
 */
public final class InMemoryMerkleTree implements SubtreeHashes {
    /** {@code levels.get(l).get(i)} is {@code hash(l, i)}; level 0 holds the leaf hashes. */
    private final List<List<byte[]>> levels = new ArrayList<>();

    /** Appends an entry (hashed as a leaf) and returns its index. */
    public long append(byte[] entry) {
        return appendLeafHash(MerkleHash.leaf(entry));
    }

    /** Appends an already computed 32-byte leaf hash and returns its index. */
    public synchronized long appendLeafHash(byte[] leafHash) {
        MerkleHash.requireHash(leafHash, "leaf hash");
        if (levels.isEmpty()) {
            levels.add(new ArrayList<>());
        }
        List<byte[]> leaves = levels.get(0);
        if (leaves.size() == Integer.MAX_VALUE) {
            throw new IllegalStateException("an in-memory tree holds at most " + Integer.MAX_VALUE + " leaves");
        }
        long index = leaves.size();
        leaves.add(leafHash.clone());
        // Every time a level gets an even number of nodes, their last two complete a perfect subtree above.
        for (int level = 0; levels.get(level).size() % 2 == 0; level++) {
            List<byte[]> nodes = levels.get(level);
            byte[] parent = MerkleHash.node(nodes.get(nodes.size() - 2), nodes.get(nodes.size() - 1));
            if (levels.size() == level + 1) {
                levels.add(new ArrayList<>());
            }
            levels.get(level + 1).add(parent);
        }
        return index;
    }

    /** The number of leaves. */
    public synchronized long size() {
        return levels.isEmpty() ? 0 : levels.get(0).size();
    }

    /** The root hash of the whole tree. */
    public synchronized byte[] root() {
        return MerkleProofs.root(this, size());
    }

    /** The root hash the tree had when it had {@code treeSize} leaves. */
    public synchronized byte[] root(long treeSize) {
        if (treeSize > size()) {
            throw new IllegalArgumentException("tree size " + treeSize + " is beyond the " + size() + " leaves");
        }
        return MerkleProofs.root(this, treeSize);
    }

    /** The hash of leaf {@code index}. */
    public byte[] leafHash(long index) {
        return hash(0, index);
    }

    @Override
    public synchronized byte[] hash(int level, long index) {
        if (level < 0 || level >= levels.size() || index < 0 || index >= levels.get(level).size()) {
            throw new IllegalArgumentException("no complete subtree at level " + level + ", index " + index
                    + " in a tree of " + size() + " leaves");
        }
        return levels.get(level).get((int) index).clone();
    }
}
