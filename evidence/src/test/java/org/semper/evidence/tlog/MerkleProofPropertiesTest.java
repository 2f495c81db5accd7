package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of proofs over trees of random sizes grown in random steps: honest proofs always verify, and every
 * alteration of a proof, leaf, size or root is refused.
 */
class MerkleProofPropertiesTest {

    static InMemoryMerkleTree treeOf(int size) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (int i = 0; i < size; i++) {
            tree.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return tree;
    }

    record Head(long size, byte[] root) {
    }

    @Property(tries = 50)
    void everyOldTreeIsConsistentWithEveryNewerOneAndEveryLeafIsIncluded(
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 400) Integer> appends,
            @ForAll Random random) throws Exception {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        List<Head> heads = new ArrayList<>();
        heads.add(new Head(0, tree.root()));
        for (int batch : appends) {
            for (int i = 0; i < batch; i++) {
                byte[] entry = new byte[1 + random.nextInt(40)];
                random.nextBytes(entry);
                tree.append(entry);
            }
            heads.add(new Head(tree.size(), tree.root()));
        }

        for (int i = 0; i < heads.size(); i++) {
            for (int j = i; j < heads.size(); j++) {
                Head old = heads.get(i);
                Head now = heads.get(j);
                List<byte[]> proof = MerkleProofs.consistency(tree, old.size(), now.size());
                MerkleVerifier.verifyConsistency(old.size(), now.size(), old.root(), now.root(), proof);
            }
        }
        for (Head head : heads) {
            // Every leaf of the final tree; a sample of the leaves of each earlier tree.
            boolean all = head.size() == tree.size();
            for (int k = 0; k < (all ? head.size() : Math.min(head.size(), 50)); k++) {
                long index = all ? k : random.nextInt((int) head.size());
                List<byte[]> proof = MerkleProofs.inclusion(tree, index, head.size());
                MerkleVerifier.verifyInclusion(tree.leafHash(index), index, head.size(), proof, head.root());
            }
        }
    }

    enum Alteration {
        FLIP_A_BIT_OF_A_HASH, DROP_A_HASH, ADD_A_HASH, DUPLICATE_A_HASH, SWAP_TWO_HASHES, REVERSE,
        FLIP_A_BIT_OF_THE_LEAF, FLIP_A_BIT_OF_THE_ROOT, SIZE_PLUS_ONE, SIZE_MINUS_ONE
    }

    @Property(tries = 1000)
    void everyAlteredInclusionClaimIsRefused(@ForAll @IntRange(min = 1, max = 3000) int size,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int indexSeed, @ForAll Alteration alteration,
            @ForAll Random random) {
        InMemoryMerkleTree tree = treeOf(size + 1);
        long index = indexSeed % size;
        List<byte[]> proof = new ArrayList<>(MerkleProofs.inclusion(tree, index, size));
        byte[] leaf = tree.leafHash(index);
        byte[] root = tree.root(size);
        long claimedSize = size;
        assertThat(MerkleVerifier.isValidInclusion(leaf, index, size, proof, root)).isTrue();

        switch (alteration) {
            case FLIP_A_BIT_OF_A_HASH -> {
                Assume.that(!proof.isEmpty());
                flipBit(proof, random.nextInt(proof.size()), random);
            }
            case DROP_A_HASH -> {
                Assume.that(!proof.isEmpty());
                proof.remove(random.nextInt(proof.size()));
            }
            case ADD_A_HASH -> proof.add(random.nextInt(proof.size() + 1), randomHash(random));
            case DUPLICATE_A_HASH -> {
                Assume.that(!proof.isEmpty());
                int at = random.nextInt(proof.size());
                proof.add(at, proof.get(at));
            }
            case SWAP_TWO_HASHES -> {
                Assume.that(proof.size() >= 2);
                int a = random.nextInt(proof.size());
                int b = (a + 1 + random.nextInt(proof.size() - 1)) % proof.size();
                Collections.swap(proof, a, b);
            }
            case REVERSE -> {
                Assume.that(proof.size() >= 2);
                Collections.reverse(proof);
            }
            case FLIP_A_BIT_OF_THE_LEAF -> leaf = flipBit(leaf, random);
            case FLIP_A_BIT_OF_THE_ROOT -> root = flipBit(root, random);
            // A size comes with its root (both from one checkpoint): claim the other size's real root.
            case SIZE_PLUS_ONE -> {
                claimedSize = size + 1;
                root = tree.root(claimedSize);
            }
            case SIZE_MINUS_ONE -> {
                Assume.that(index < size - 1);
                claimedSize = size - 1;
                root = tree.root(claimedSize);
            }
            default -> throw new AssertionError(alteration);
        }

        assertThat(MerkleVerifier.isValidInclusion(leaf, index, claimedSize, proof, root))
                .as("%s of the proof of leaf %d in a tree of %d", alteration, index, size).isFalse();
    }

    @Property(tries = 1000)
    void everyAlteredConsistencyClaimIsRefused(@ForAll @IntRange(min = 2, max = 3000) int newSize,
            @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int oldSeed, @ForAll Alteration alteration,
            @ForAll Random random) {
        InMemoryMerkleTree tree = treeOf(newSize + 1);
        long oldSize = 1 + oldSeed % (newSize - 1);
        long claimedOld = oldSize;
        long claimedNew = newSize;
        List<byte[]> proof = new ArrayList<>(MerkleProofs.consistency(tree, oldSize, newSize));
        byte[] oldRoot = tree.root(oldSize);
        byte[] newRoot = tree.root(newSize);
        assertThat(MerkleVerifier.isValidConsistency(oldSize, newSize, oldRoot, newRoot, proof)).isTrue();

        switch (alteration) {
            case FLIP_A_BIT_OF_A_HASH -> flipBit(proof, random.nextInt(proof.size()), random);
            case DROP_A_HASH -> proof.remove(random.nextInt(proof.size()));
            case ADD_A_HASH -> proof.add(random.nextInt(proof.size() + 1), randomHash(random));
            case DUPLICATE_A_HASH -> {
                int at = random.nextInt(proof.size());
                proof.add(at, proof.get(at));
            }
            case SWAP_TWO_HASHES -> {
                Assume.that(proof.size() >= 2);
                int a = random.nextInt(proof.size());
                int b = (a + 1 + random.nextInt(proof.size() - 1)) % proof.size();
                Collections.swap(proof, a, b);
            }
            case REVERSE -> {
                Assume.that(proof.size() >= 2);
                Collections.reverse(proof);
            }
            // "Leaf" here is the old root, "root" the new one.
            case FLIP_A_BIT_OF_THE_LEAF -> oldRoot = flipBit(oldRoot, random);
            case FLIP_A_BIT_OF_THE_ROOT -> newRoot = flipBit(newRoot, random);
            case SIZE_PLUS_ONE -> {
                if (random.nextBoolean()) {
                    claimedOld = oldSize + 1;
                    oldRoot = tree.root(claimedOld);
                } else {
                    claimedNew = newSize + 1;
                    newRoot = tree.root(claimedNew);
                }
            }
            case SIZE_MINUS_ONE -> {
                if (random.nextBoolean()) {
                    claimedOld = oldSize - 1;
                    oldRoot = tree.root(claimedOld);
                } else {
                    claimedNew = newSize - 1;
                    newRoot = tree.root(claimedNew);
                }
            }
            default -> throw new AssertionError(alteration);
        }

        assertThat(MerkleVerifier.isValidConsistency(claimedOld, claimedNew, oldRoot, newRoot, proof))
                .as("%s of the proof %d -> %d", alteration, oldSize, newSize).isFalse();
    }

    /** MerkleProofs over the in-memory store agrees with the RFC's recursive definitions at random sizes. */
    @Property(tries = 60)
    void proofsEqualTheRfcDefinitions(@ForAll @IntRange(min = 1, max = 600) int size,
            @ForAll @IntRange(min = 0, max = 599) int mSeed) {
        int m = mSeed % size;
        InMemoryMerkleTree tree = treeOf(size);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(tree.leafHash(i));
        }
        assertThat(tree.root()).isEqualTo(RfcReference.mth(leaves));
        assertThat(MerkleProofs.inclusion(tree, m, size)).containsExactlyElementsOf(RfcReference.path(m, leaves));
        if (m > 0) {
            assertThat(MerkleProofs.consistency(tree, m, size))
                    .containsExactlyElementsOf(RfcReference.proof(m, leaves));
        }
    }

    static byte[] randomHash(Random random) {
        byte[] hash = new byte[32];
        random.nextBytes(hash);
        return hash;
    }

    static byte[] flipBit(byte[] hash, Random random) {
        byte[] flipped = hash.clone();
        int bit = random.nextInt(flipped.length * 8);
        flipped[bit / 8] ^= (byte) (1 << (bit % 8));
        return flipped;
    }

    static void flipBit(List<byte[]> proof, int at, Random random) {
        proof.set(at, flipBit(proof.get(at), random));
    }
}
