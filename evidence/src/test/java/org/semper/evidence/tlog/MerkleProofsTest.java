package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MerkleProofsTest {
    private static final int N = 70;

    private static List<byte[]> leafHashes(int n) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleHash.leaf(ByteBuffer.allocate(4).putInt(i).array()));
        }
        return leaves;
    }

    private static InMemoryMerkleTree tree(List<byte[]> leaves) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        leaves.forEach(tree::appendLeafHash);
        return tree;
    }

    @Test
    void rootsEqualTheRfcDefinitionForEverySize() {
        List<byte[]> leaves = leafHashes(N);
        InMemoryMerkleTree tree = tree(leaves);
        for (int n = 0; n <= N; n++) {
            assertThat(MerkleProofs.root(tree, n)).as("MTH of %d leaves", n)
                    .isEqualTo(RfcReference.mth(leaves.subList(0, n)));
        }
    }

    @Test
    void inclusionProofsEqualTheRfcPathForEveryLeafOfEverySize() {
        List<byte[]> leaves = leafHashes(N);
        InMemoryMerkleTree tree = tree(leaves);
        for (int n = 1; n <= N; n++) {
            for (int m = 0; m < n; m++) {
                List<byte[]> expected = RfcReference.path(m, leaves.subList(0, n));
                List<byte[]> proof = MerkleProofs.inclusion(tree, m, n);
                assertThat(proof).as("PATH(%d, D[%d])", m, n).containsExactlyElementsOf(expected);
                assertThat(MerkleVerifier.isValidInclusion(leaves.get(m), m, n, proof, tree.root(n)))
                        .as("verifies: leaf %d of %d", m, n).isTrue();
            }
        }
    }

    @Test
    void consistencyProofsEqualTheRfcProofForEveryPairOfSizes() {
        List<byte[]> leaves = leafHashes(N);
        InMemoryMerkleTree tree = tree(leaves);
        for (int n = 1; n <= N; n++) {
            for (int m = 1; m <= n; m++) {
                List<byte[]> expected = RfcReference.proof(m, leaves.subList(0, n));
                List<byte[]> proof = MerkleProofs.consistency(tree, m, n);
                assertThat(proof).as("PROOF(%d, D[%d])", m, n).containsExactlyElementsOf(expected);
                assertThat(MerkleVerifier.isValidConsistency(m, n, tree.root(m), tree.root(n), proof))
                        .as("verifies: %d -> %d", m, n).isTrue();
            }
        }
    }

    @Test
    void trivialConsistencyProofsAreEmpty() throws Exception {
        InMemoryMerkleTree tree = tree(leafHashes(5));
        assertThat(MerkleProofs.consistency(tree, 0, 5)).isEmpty();
        assertThat(MerkleProofs.consistency(tree, 0, 0)).isEmpty();
        assertThat(MerkleProofs.consistency(tree, 5, 5)).isEmpty();
        assertThat(MerkleProofs.consistency(tree, 3, 3)).isEmpty();
        MerkleVerifier.verifyConsistency(0, 5, MerkleHash.emptyRoot(), tree.root(), List.of());
        MerkleVerifier.verifyConsistency(3, 3, tree.root(3), tree.root(3), List.of());
    }

    @Test
    void invalidArgumentsAreRefusedWithAClearMessage() {
        InMemoryMerkleTree tree = tree(leafHashes(5));
        assertThatThrownBy(() -> MerkleProofs.inclusion(tree, 5, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf index 5");
        assertThatThrownBy(() -> MerkleProofs.inclusion(tree, -1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf index -1");
        assertThatThrownBy(() -> MerkleProofs.inclusion(tree, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size 0");
        assertThatThrownBy(() -> MerkleProofs.consistency(tree, 4, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> MerkleProofs.consistency(tree, -1, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> MerkleProofs.root(tree, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        // Beyond what the store holds: the store's own exception.
        assertThatThrownBy(() -> MerkleProofs.root(tree, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A store for a huge tree that records what it is asked: the algorithms must ask for O(log n) subtrees, each
     * inside the tree size they were given (a database store will be asked nothing else).
     */
    @Test
    void proofsReadLogarithmicallyManySubtreesAllInsideTheTree() {
        long size = (1L << 40) + (1L << 33) + 12345;
        long oldSize = (1L << 39) + 777;
        List<long[]> asked = new ArrayList<>();
        SubtreeHashes store = (level, index) -> {
            asked.add(new long[] {level, index});
            return MerkleHash.leaf(ByteBuffer.allocate(12).putInt(level).putLong(index).array());
        };

        MerkleProofs.root(store, size);
        assertRequests(asked, size, Long.bitCount(size));

        asked.clear();
        List<byte[]> inclusion = MerkleProofs.inclusion(store, 987654321L, size);
        assertThat(inclusion).hasSize(41);
        assertRequests(asked, size, 41 + Long.bitCount(size));

        asked.clear();
        List<byte[]> consistency = MerkleProofs.consistency(store, oldSize, size);
        assertThat(consistency.size()).isLessThanOrEqualTo(2 * 41);
        assertRequests(asked, size, 2 * 41 + Long.bitCount(size));
    }

    private static void assertRequests(List<long[]> asked, long size, int atMost) {
        assertThat(asked.size()).isLessThanOrEqualTo(atMost);
        Set<String> distinct = new HashSet<>();
        for (long[] request : asked) {
            int level = (int) request[0];
            long index = request[1];
            assertThat(level).isBetween(0, 62);
            assertThat(index).isNotNegative();
            assertThat((index + 1) << level).as("subtree %d/%d ends inside the tree", level, index)
                    .isLessThanOrEqualTo(size);
            distinct.add(level + "/" + index);
        }
        assertThat(distinct).hasSameSizeAs(asked);
    }
}
