package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.semper.evidence.tlog.ProofVerificationException.Reason;

/** The edge cases of transparency-dev's verify_test.go, and the reasons given. */
class MerkleVerifierTest {
    private static final byte[] EMPTY = MerkleHash.emptyRoot();
    private static final byte[] SOME = MerkleHash.leaf("some".getBytes());
    private static final byte[] OTHER = MerkleHash.leaf("other".getBytes());

    private static Reason inclusionFailure(byte[] leaf, long index, long size, List<byte[]> proof, byte[] root) {
        return catchThrowableOfType(ProofVerificationException.class,
                () -> MerkleVerifier.verifyInclusion(leaf, index, size, proof, root)).reason();
    }

    private static Reason consistencyFailure(long m, long n, byte[] root1, byte[] root2, List<byte[]> proof) {
        return catchThrowableOfType(ProofVerificationException.class,
                () -> MerkleVerifier.verifyConsistency(m, n, root1, root2, proof)).reason();
    }

    @Test
    void aOneLeafTreeHasTheLeafAsRootAndAnEmptyProof() throws Exception {
        MerkleVerifier.verifyInclusion(SOME, 0, 1, List.of(), SOME);
        assertThat(inclusionFailure(SOME, 0, 1, List.of(), OTHER)).isEqualTo(Reason.ROOT_MISMATCH);
        assertThat(inclusionFailure(new byte[0], 0, 1, List.of(), SOME)).isEqualTo(Reason.MALFORMED_HASH);
        assertThat(inclusionFailure(SOME, 0, 1, List.of(), new byte[0])).isEqualTo(Reason.MALFORMED_HASH);
    }

    @Test
    void indicesOutsideTheTreeAreRefused() {
        assertThat(inclusionFailure(SOME, 0, 0, List.of(), EMPTY)).isEqualTo(Reason.INDEX_OUT_OF_RANGE);
        assertThat(inclusionFailure(SOME, 1, 0, List.of(), EMPTY)).isEqualTo(Reason.INDEX_OUT_OF_RANGE);
        assertThat(inclusionFailure(SOME, 2, 1, List.of(), SOME)).isEqualTo(Reason.INDEX_OUT_OF_RANGE);
        assertThat(inclusionFailure(SOME, -1, 4, List.of(), SOME)).isEqualTo(Reason.INDEX_OUT_OF_RANGE);
    }

    @Test
    void proofsOfTheWrongLengthSaySo() {
        InMemoryMerkleTree tree = MerkleKnownAnswerTest.referenceTree(8);
        List<byte[]> proof = MerkleProofs.inclusion(tree, 3, 8);
        assertThat(inclusionFailure(tree.leafHash(3), 3, 8, proof.subList(0, 2), tree.root()))
                .isEqualTo(Reason.WRONG_PROOF_LENGTH);
        assertThat(inclusionFailure(tree.leafHash(3), 3, 8, MerkleKnownAnswerTest.with(proof, 3, SOME), tree.root()))
                .isEqualTo(Reason.WRONG_PROOF_LENGTH);
        List<byte[]> consistency = MerkleProofs.consistency(tree, 3, 8);
        assertThat(consistencyFailure(3, 8, tree.root(3), tree.root(), consistency.subList(0, 1)))
                .isEqualTo(Reason.WRONG_PROOF_LENGTH);
    }

    @Test
    void consistencyReasonsNameTheRootThatDiffers() {
        InMemoryMerkleTree tree = MerkleKnownAnswerTest.referenceTree(8);
        List<byte[]> proof = MerkleProofs.consistency(tree, 3, 8);
        assertThat(consistencyFailure(3, 8, OTHER, tree.root(), proof)).isEqualTo(Reason.OLD_ROOT_MISMATCH);
        assertThat(consistencyFailure(3, 8, tree.root(3), OTHER, proof)).isEqualTo(Reason.ROOT_MISMATCH);
    }

    @Test
    void trivialConsistencyCasesOfTransparencyDev() throws Exception {
        // Sizes that are always consistent, with an empty proof.
        MerkleVerifier.verifyConsistency(0, 0, EMPTY, EMPTY, List.of());
        MerkleVerifier.verifyConsistency(0, 1, EMPTY, SOME, List.of());
        MerkleVerifier.verifyConsistency(1, 1, SOME, SOME, List.of());
        // Equal sizes with different roots: a fork.
        assertThat(consistencyFailure(1, 1, SOME, OTHER, List.of())).isEqualTo(Reason.ROOT_MISMATCH);
        assertThat(consistencyFailure(0, 0, EMPTY, SOME, List.of())).isEqualTo(Reason.ROOT_MISMATCH);
        // The empty tree has one root.
        assertThat(consistencyFailure(0, 1, SOME, OTHER, List.of())).isEqualTo(Reason.OLD_ROOT_MISMATCH);
        // Time travel to the past.
        assertThat(consistencyFailure(1, 0, SOME, EMPTY, List.of())).isEqualTo(Reason.INVALID_TREE_SIZES);
        assertThat(consistencyFailure(2, 1, SOME, OTHER, List.of())).isEqualTo(Reason.INVALID_TREE_SIZES);
        assertThat(consistencyFailure(-1, 1, SOME, OTHER, List.of())).isEqualTo(Reason.INVALID_TREE_SIZES);
        // Nothing to prove, yet a proof.
        assertThat(consistencyFailure(0, 0, EMPTY, EMPTY, List.of(EMPTY))).isEqualTo(Reason.WRONG_PROOF_LENGTH);
        assertThat(consistencyFailure(0, 1, EMPTY, EMPTY, List.of(EMPTY))).isEqualTo(Reason.WRONG_PROOF_LENGTH);
        assertThat(consistencyFailure(1, 1, EMPTY, EMPTY, List.of(EMPTY))).isEqualTo(Reason.WRONG_PROOF_LENGTH);
        // Something to prove, no proof.
        assertThat(consistencyFailure(1, 2, SOME, OTHER, List.of())).isEqualTo(Reason.WRONG_PROOF_LENGTH);
    }

    @Test
    void missingOrShortHashesAreMalformed() {
        assertThat(consistencyFailure(1, 2, SOME, OTHER, null)).isEqualTo(Reason.MALFORMED_HASH);
        assertThat(consistencyFailure(1, 2, SOME, OTHER, List.of(new byte[33]))).isEqualTo(Reason.MALFORMED_HASH);
        assertThat(consistencyFailure(1, 2, null, OTHER, List.of(SOME))).isEqualTo(Reason.MALFORMED_HASH);
        assertThat(inclusionFailure(SOME, 0, 2, List.of(new byte[31]), OTHER)).isEqualTo(Reason.MALFORMED_HASH);
        assertThat(inclusionFailure(null, 0, 2, List.of(OTHER), OTHER)).isEqualTo(Reason.MALFORMED_HASH);
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(SOME, 0, 2, List.of(OTHER), SOME))
                .isInstanceOf(ProofVerificationException.class).isInstanceOf(TlogException.class)
                .hasMessageContaining("root");
    }

    /**
     * A property of the RFC 9162 algorithm, not a defect: an inclusion proof checks the leaf against the root, and
     * the tree size only through the shape of the path. Leaf 0 has the same path shape in trees of 5 and 6 leaves,
     * so the proof for 5 leaves "verifies" against the root of 5 leaves with a claimed size of 6. A size is only
     * meaningful together with its root, as a signed checkpoint gives them (TlogProof takes both from one).
     */
    @Test
    void inclusionAloneDoesNotBindTheSizeToTheRoot() {
        InMemoryMerkleTree tree = MerkleKnownAnswerTest.referenceTree(8);
        List<byte[]> proof = MerkleProofs.inclusion(tree, 0, 5);
        assertThat(MerkleVerifier.isValidInclusion(tree.leafHash(0), 0, 6, proof, tree.root(5))).isTrue();
        assertThat(MerkleVerifier.isValidInclusion(tree.leafHash(0), 0, 6, proof, tree.root(6))).isFalse();
    }
}
