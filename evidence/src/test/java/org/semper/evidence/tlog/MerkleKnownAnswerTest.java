package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers for the RFC 6962 / RFC 9162 Merkle tree.
 *
 * <p>Source of every vector: google/certificate-transparency, {@code cpp/merkletree/merkle_tree_test.cc}
 * ({@code kInputs}, {@code kSHA256EmptyTreeHash}, {@code kSHA256Roots}, {@code kSHA256Paths}, {@code kSHA256Proofs}),
 * the reference tree that CT's C++, Go and Java implementations test against. The same values, plus the
 * consistency proof 6 → 7, are in transparency-dev/merkle {@code proof/verify_test.go} ({@code leaves},
 * {@code roots}, {@code inclusionProofs}, {@code consistencyProofs}). In the C++ file the leaf of a path vector is
 * 1-based; here indices are 0-based.
 */
class MerkleKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    static final String[] INPUTS = {
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"
    };

    static final String EMPTY_ROOT = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** ROOTS[i] is the root of the tree of the first i + 1 inputs. */
    static final String[] ROOTS = {
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    };

    record InclusionVector(long index, long size, List<String> path) {
        @Override
        public String toString() {
            return "leaf " + index + " of " + size;
        }
    }

    record ConsistencyVector(long oldSize, long newSize, List<String> proof) {
        @Override
        public String toString() {
            return oldSize + " -> " + newSize;
        }
    }

    static List<InclusionVector> inclusionVectors() {
        return List.of(
                new InclusionVector(0, 1, List.of()),
                new InclusionVector(0, 8, List.of(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                new InclusionVector(5, 8, List.of(
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                new InclusionVector(2, 3, List.of(
                        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
                new InclusionVector(1, 5, List.of(
                        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));
    }

    static List<ConsistencyVector> consistencyVectors() {
        return List.of(
                new ConsistencyVector(1, 1, List.of()),
                new ConsistencyVector(1, 8, List.of(
                        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
                new ConsistencyVector(6, 8, List.of(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
                new ConsistencyVector(2, 5, List.of(
                        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
                // transparency-dev/merkle only:
                new ConsistencyVector(6, 7, List.of(
                        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));
    }

    static InMemoryMerkleTree referenceTree(int size) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (int i = 0; i < size; i++) {
            tree.append(HEX.parseHex(INPUTS[i]));
        }
        return tree;
    }

    static List<byte[]> hashes(List<String> hex) {
        List<byte[]> hashes = new ArrayList<>();
        hex.forEach(h -> hashes.add(HEX.parseHex(h)));
        return hashes;
    }

    static byte[] root(long size) {
        return HEX.parseHex(ROOTS[(int) size - 1]);
    }

    @Test
    void emptyTreeRootIsTheHashOfTheEmptyString() {
        assertThat(HEX.formatHex(MerkleHash.emptyRoot())).isEqualTo(EMPTY_ROOT);
        assertThat(HEX.formatHex(new InMemoryMerkleTree().root())).isEqualTo(EMPTY_ROOT);
        assertThat(HEX.formatHex(MerkleProofs.root(referenceTree(8), 0))).isEqualTo(EMPTY_ROOT);
    }

    @Test
    void leafAndNodeHashesUseTheDomainSeparationPrefixes() {
        // A one-leaf tree's root is the leaf hash: SHA-256(0x00 || "").
        assertThat(HEX.formatHex(MerkleHash.leaf(new byte[0]))).isEqualTo(ROOTS[0]);
        // The root of two leaves is SHA-256(0x01 || leaf0 || leaf1).
        byte[] leaf0 = MerkleHash.leaf(HEX.parseHex(INPUTS[0]));
        byte[] leaf1 = MerkleHash.leaf(HEX.parseHex(INPUTS[1]));
        assertThat(HEX.formatHex(MerkleHash.node(leaf0, leaf1))).isEqualTo(ROOTS[1]);
        assertThat(HEX.formatHex(MerkleHash.node(leaf1, leaf0))).isNotEqualTo(ROOTS[1]);
        assertThatThrownBy(() -> MerkleHash.node(new byte[31], leaf1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rootsOfTheReferenceTreeAtEverySize() {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (int size = 1; size <= 8; size++) {
            tree.append(HEX.parseHex(INPUTS[size - 1]));
            assertThat(HEX.formatHex(tree.root())).as("root at size %d", size).isEqualTo(ROOTS[size - 1]);
            for (int earlier = 1; earlier <= size; earlier++) {
                assertThat(HEX.formatHex(MerkleProofs.root(tree, earlier)))
                        .as("root at size %d, read from the tree of size %d", earlier, size)
                        .isEqualTo(ROOTS[earlier - 1]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionVectors")
    void inclusionProofsAreThePublishedOnes(InclusionVector vector) throws Exception {
        InMemoryMerkleTree tree = referenceTree(8);

        List<byte[]> proof = MerkleProofs.inclusion(tree, vector.index(), vector.size());

        assertThat(proof).map(HEX::formatHex).containsExactlyElementsOf(vector.path());
        byte[] leafHash = MerkleHash.leaf(HEX.parseHex(INPUTS[(int) vector.index()]));
        MerkleVerifier.verifyInclusion(leafHash, vector.index(), vector.size(), hashes(vector.path()),
                root(vector.size()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyVectors")
    void consistencyProofsAreThePublishedOnes(ConsistencyVector vector) throws Exception {
        InMemoryMerkleTree tree = referenceTree(8);

        List<byte[]> proof = MerkleProofs.consistency(tree, vector.oldSize(), vector.newSize());

        assertThat(proof).map(HEX::formatHex).containsExactlyElementsOf(vector.proof());
        MerkleVerifier.verifyConsistency(vector.oldSize(), vector.newSize(), root(vector.oldSize()),
                root(vector.newSize()), hashes(vector.proof()));
    }

    /** The corruptions of transparency-dev's {@code corruptInclusionProof}, each of which must be refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionVectors")
    void corruptedPublishedInclusionProofsAreRefused(InclusionVector vector) {
        byte[] leafHash = MerkleHash.leaf(HEX.parseHex(INPUTS[(int) vector.index()]));
        byte[] root = root(vector.size());
        List<byte[]> proof = hashes(vector.path());
        long index = vector.index();
        long size = vector.size();
        byte[] someHash = HEX.parseHex("abacaba000000000000000000000000000000000000000000060061e00123456");

        List<Runnable> refused = new ArrayList<>();
        refused.add(() -> assertInclusionRefused(leafHash, index - 1, size, proof, root));
        refused.add(() -> assertInclusionRefused(leafHash, index + 1, size, proof, root));
        refused.add(() -> assertInclusionRefused(leafHash, index ^ 2, size, proof, root));
        refused.add(() -> assertInclusionRefused(leafHash, index, size * 2, proof, root));
        refused.add(() -> assertInclusionRefused(leafHash, index, size / 2, proof, root));
        refused.add(() -> assertInclusionRefused(MerkleHash.leaf("WrongLeaf".getBytes()), index, size, proof, root));
        refused.add(() -> assertInclusionRefused(leafHash, index, size, proof, MerkleHash.emptyRoot()));
        refused.add(() -> assertInclusionRefused(leafHash, index, size, proof, someHash));
        refused.add(() -> assertInclusionRefused(leafHash, index, size, with(proof, proof.size(), root), root));
        refused.add(() -> assertInclusionRefused(leafHash, index, size, with(proof, 0, root), root));
        refused.add(() -> assertInclusionRefused(leafHash, index, size, with(proof, 0, new byte[0]), root));
        for (int i = 0; i < proof.size(); i++) {
            int at = i;
            refused.add(() -> assertInclusionRefused(leafHash, index, size, flipped(proof, at, 8), root));
        }
        if (!proof.isEmpty()) {
            refused.add(() -> assertInclusionRefused(leafHash, index, size, proof.subList(0, proof.size() - 1),
                    root));
        }
        if (proof.size() > 1) {
            refused.add(() -> assertInclusionRefused(leafHash, index, size, with(proof, 1, someHash), root));
        }
        refused.forEach(Runnable::run);
    }

    /** The corruptions of transparency-dev's {@code corruptConsistencyProof}, each of which must be refused. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyVectors")
    void corruptedPublishedConsistencyProofsAreRefused(ConsistencyVector vector) {
        if (vector.proof().isEmpty()) {
            return;
        }
        long m = vector.oldSize();
        long n = vector.newSize();
        byte[] root1 = root(m);
        byte[] root2 = root(n);
        List<byte[]> proof = hashes(vector.proof());
        byte[] wrongRoot = MerkleHash.leaf("WrongRoot".getBytes());

        assertConsistencyRefused(m - 1, n, root1, root2, proof);
        assertConsistencyRefused(m + 1, n, root1, root2, proof);
        assertConsistencyRefused(m ^ 2, n, root1, root2, proof);
        assertConsistencyRefused(m, n * 2, root1, root2, proof);
        assertConsistencyRefused(m, n / 2, root1, root2, proof);
        assertConsistencyRefused(m, n, wrongRoot, root2, proof);
        assertConsistencyRefused(m, n, root1, wrongRoot, proof);
        assertConsistencyRefused(m, n, root2, root1, proof);
        assertConsistencyRefused(m, n, root1, root2, List.of());
        assertConsistencyRefused(m, n, root1, root2, with(proof, proof.size(), root1));
        assertConsistencyRefused(m, n, root1, root2, with(proof, proof.size(), root2));
        assertConsistencyRefused(m, n, root1, root2, with(proof, 0, root1));
        assertConsistencyRefused(m, n, root1, root2, with(proof, 0, root2));
        assertConsistencyRefused(m, n, root1, root2, with(proof, 0, proof.get(0)));
        assertConsistencyRefused(m, n, root1, root2, with(proof, 0, new byte[0]));
        assertConsistencyRefused(m, n, root1, root2, proof.subList(0, proof.size() - 1));
        for (int i = 0; i < proof.size(); i++) {
            assertConsistencyRefused(m, n, root1, root2, flipped(proof, i, 16));
        }
    }

    static void assertInclusionRefused(byte[] leafHash, long index, long size, List<byte[]> proof, byte[] root) {
        assertThat(MerkleVerifier.isValidInclusion(leafHash, index, size, proof, root))
                .as("inclusion of leaf %d in tree of size %d with a corrupted input", index, size).isFalse();
    }

    static void assertConsistencyRefused(long m, long n, byte[] root1, byte[] root2, List<byte[]> proof) {
        assertThat(MerkleVerifier.isValidConsistency(m, n, root1, root2, proof))
                .as("consistency %d -> %d with a corrupted input", m, n).isFalse();
    }

    static List<byte[]> with(List<byte[]> proof, int at, byte[] inserted) {
        List<byte[]> copy = new ArrayList<>(proof);
        copy.add(at, inserted);
        return copy;
    }

    static List<byte[]> flipped(List<byte[]> proof, int at, int mask) {
        List<byte[]> copy = new ArrayList<>(proof);
        byte[] hash = copy.get(at).clone();
        hash[0] ^= (byte) mask;
        copy.set(at, hash);
        return copy;
    }
}
