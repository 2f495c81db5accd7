package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InMemoryMerkleTreeTest {
    @Test
    void appendReturnsConsecutiveIndices() {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        assertThat(tree.size()).isZero();
        assertThat(tree.append("a".getBytes())).isZero();
        assertThat(tree.append("b".getBytes())).isEqualTo(1);
        assertThat(tree.appendLeafHash(MerkleHash.leaf("c".getBytes()))).isEqualTo(2);
        assertThat(tree.size()).isEqualTo(3);
        assertThat(tree.leafHash(2)).isEqualTo(MerkleHash.leaf("c".getBytes()));
    }

    @Test
    void holdsExactlyThePerfectSubtrees() {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (int i = 0; i < 6; i++) {
            tree.append(new byte[] {(byte) i});
        }
        // Six leaves: perfect subtrees [0,2) [2,4) [4,6) at level 1 and [0,4) at level 2; nothing above.
        assertThat(tree.hash(1, 2)).isEqualTo(MerkleHash.node(tree.hash(0, 4), tree.hash(0, 5)));
        assertThat(tree.hash(2, 0)).isEqualTo(MerkleHash.node(tree.hash(1, 0), tree.hash(1, 1)));
        assertThat(tree.root()).isEqualTo(MerkleHash.node(tree.hash(2, 0), tree.hash(1, 2)));
        assertThatThrownBy(() -> tree.hash(2, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level 2, index 1");
        assertThatThrownBy(() -> tree.hash(3, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.hash(0, 6)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.hash(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsOldRootsAndCannotBeChangedThroughReturnedArrays() {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        tree.append("a".getBytes());
        byte[] rootAtOne = tree.root();
        tree.append("b".getBytes());
        assertThat(tree.root(1)).isEqualTo(rootAtOne);
        assertThat(tree.root()).isNotEqualTo(rootAtOne);

        tree.hash(0, 0)[0] ^= 1;
        byte[] leaf = MerkleHash.leaf("c".getBytes());
        tree.appendLeafHash(leaf);
        leaf[0] ^= 1;
        assertThat(tree.root(1)).isEqualTo(rootAtOne);
        assertThat(tree.leafHash(2)).isEqualTo(MerkleHash.leaf("c".getBytes()));
        assertThatThrownBy(() -> tree.root(4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesLeafHashesOfTheWrongLength() {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        assertThatThrownBy(() -> tree.appendLeafHash(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.appendLeafHash(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(tree.size()).isZero();
    }
}
