package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlogProofTest {
    private static final String ORIGIN = "PeterNeumann";
    private static final NoteSigner LOG = NoteSigner.fromSignerKey(SignedNoteTest.PETER_SKEY);
    private static final InMemoryMerkleTree TREE = MerkleKnownAnswerTest.referenceTree(8);
    private static final String CHECKPOINT = LOG.sign(new Checkpoint(ORIGIN, 5, TREE.root(5)).body());

    private static String b64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** The text form, written out from the spec for the CT reference tree (leaf 1 of 5, 0-based). */
    @Test
    void encodesTheSpecFormat() {
        TlogProof proof = TlogProof.of(1, MerkleProofs.inclusion(TREE, 1, 5), CHECKPOINT);

        assertThat(proof.encode()).isEqualTo("c2sp.org/tlog-proof@v1\n"
                + "index 1\n"
                + b64("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d") + "\n"
                + b64("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e") + "\n"
                + b64("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b") + "\n"
                + "\n"
                + "PeterNeumann\n5\n" + b64("4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4") + "\n"
                + "\n"
                + "\u2014 PeterNeumann " + CHECKPOINT.substring(CHECKPOINT.lastIndexOf(' ') + 1));
        assertThat(TlogProof.of(0, List.of(), CHECKPOINT, "hi".getBytes()).encode())
                .startsWith("c2sp.org/tlog-proof@v1\nextra aGk=\nindex 0\n\nPeterNeumann\n5\n");
    }

    @Test
    void verifiesEveryLeafOfTheCheckpointedTree() throws Exception {
        for (int index = 0; index < 5; index++) {
            String text = TlogProof.of(index, MerkleProofs.inclusion(TREE, index, 5), CHECKPOINT).encode();

            TlogProof parsed = TlogProof.parse(text);
            Checkpoint checkpoint = parsed.verify(TREE.leafHash(index), ORIGIN, SignedNoteTest.PETER);

            assertThat(parsed.index()).isEqualTo(index);
            assertThat(parsed.encode()).isEqualTo(text);
            assertThat(parsed.extra()).isEmpty();
            assertThat(checkpoint.treeSize()).isEqualTo(5);
            assertThat(checkpoint.rootHash()).isEqualTo(TREE.root(5));
        }
    }

    @Test
    void carriesExtraDataAndWitnessCosignatures() throws Exception {
        NoteSigner witness = NoteSigner.generate("witness.example");
        String cosigned = CHECKPOINT + witness.sign(new Checkpoint(ORIGIN, 5, TREE.root(5)).body())
                .substring(CHECKPOINT.indexOf("\n\n") + 2);
        byte[] extra = {0, 1, 2, (byte) 0xff};
        String text = TlogProof.of(3, MerkleProofs.inclusion(TREE, 3, 5), cosigned, extra).encode();

        TlogProof parsed = TlogProof.parse(text);

        assertThat(parsed.extra()).hasValueSatisfying(e -> assertThat(e).isEqualTo(extra));
        assertThat(parsed.signedCheckpoint().signatures()).hasSize(2);
        assertThat(parsed.verify(TREE.leafHash(3), ORIGIN, SignedNoteTest.PETER).treeSize()).isEqualTo(5);
        assertThat(parsed.encode()).isEqualTo(text);
        // Empty extra data round-trips as present-but-empty.
        assertThat(TlogProof.parse(TlogProof.of(3, MerkleProofs.inclusion(TREE, 3, 5), CHECKPOINT, new byte[0])
                .encode()).extra()).hasValueSatisfying(e -> assertThat(e).isEmpty());
    }

    @Test
    void refusesAProofOfAnotherLeafOrIndex() throws Exception {
        TlogProof proof = TlogProof.parse(TlogProof.of(2, MerkleProofs.inclusion(TREE, 2, 5), CHECKPOINT).encode());

        assertThat(catchThrowableOfType(ProofVerificationException.class,
                () -> proof.verify(TREE.leafHash(3), ORIGIN, SignedNoteTest.PETER)).reason())
                .isEqualTo(ProofVerificationException.Reason.ROOT_MISMATCH);
        TlogProof wrongIndex = TlogProof.of(3, MerkleProofs.inclusion(TREE, 2, 5), CHECKPOINT);
        assertThatThrownBy(() -> wrongIndex.verify(TREE.leafHash(2), ORIGIN, SignedNoteTest.PETER))
                .isInstanceOf(ProofVerificationException.class);
        TlogProof beyond = TlogProof.of(5, MerkleProofs.inclusion(TREE, 2, 5), CHECKPOINT);
        assertThat(catchThrowableOfType(ProofVerificationException.class,
                () -> beyond.verify(TREE.leafHash(5), ORIGIN, SignedNoteTest.PETER)).reason())
                .isEqualTo(ProofVerificationException.Reason.INDEX_OUT_OF_RANGE);
    }

    @Test
    void refusesACheckpointOfAnotherKeyOrLog() throws Exception {
        TlogProof proof = TlogProof.of(2, MerkleProofs.inclusion(TREE, 2, 5), CHECKPOINT);

        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> proof.verify(TREE.leafHash(2), ORIGIN, SignedNoteTest.ENOCH)).reason())
                .isEqualTo(NoteVerificationException.Reason.NO_TRUSTED_SIGNATURE);
        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> proof.verify(TREE.leafHash(2), "EnochRoot", SignedNoteTest.PETER)).reason())
                .isEqualTo(NoteVerificationException.Reason.ORIGIN_MISMATCH);
        // A checkpoint with the root forged, re-signed by another key of the same name.
        NoteSigner forger = NoteSigner.generate(ORIGIN);
        String forged = forger.sign(new Checkpoint(ORIGIN, 5, TREE.root(4)).body());
        TlogProof forgedProof = TlogProof.of(2, MerkleProofs.inclusion(TREE, 2, 5), forged);
        assertThatThrownBy(() -> forgedProof.verify(TREE.leafHash(2), ORIGIN, SignedNoteTest.PETER))
                .isInstanceOf(NoteVerificationException.class);
    }

    @Test
    void refusesToBuildFromInvalidParts() {
        List<byte[]> proof = MerkleProofs.inclusion(TREE, 2, 5);
        assertThatThrownBy(() -> TlogProof.of(-1, proof, CHECKPOINT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlogProof.of(2, List.of(new byte[31]), CHECKPOINT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TlogProof.of(2, proof, "PeterNeumann\n5\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signed note");
        assertThatThrownBy(() -> TlogProof.of(2, proof, CHECKPOINT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<Arguments> malformed() {
        String hash = Base64.getEncoder().encodeToString(new byte[32]);
        return List.of(
                Arguments.of("empty", ""),
                Arguments.of("wrong header", "c2sp.org/tlog-proof@v2\nindex 0\n\n" + CHECKPOINT),
                Arguments.of("header with trailing space", "c2sp.org/tlog-proof@v1 \nindex 0\n\n" + CHECKPOINT),
                Arguments.of("no index", "c2sp.org/tlog-proof@v1\n\n" + CHECKPOINT),
                Arguments.of("index after the hashes", "c2sp.org/tlog-proof@v1\n" + hash + "\nindex 0\n\n" + CHECKPOINT),
                Arguments.of("extra after index", "c2sp.org/tlog-proof@v1\nindex 0\nextra aGk=\n\n" + CHECKPOINT),
                Arguments.of("extra not base64", "c2sp.org/tlog-proof@v1\nextra !!\nindex 0\n\n" + CHECKPOINT),
                Arguments.of("extra without padding", "c2sp.org/tlog-proof@v1\nextra aGk\nindex 0\n\n" + CHECKPOINT),
                Arguments.of("index not a number", "c2sp.org/tlog-proof@v1\nindex one\n\n" + CHECKPOINT),
                Arguments.of("negative index", "c2sp.org/tlog-proof@v1\nindex -5\n\n" + CHECKPOINT),
                Arguments.of("index with leading zero", "c2sp.org/tlog-proof@v1\nindex 05\n\n" + CHECKPOINT),
                Arguments.of("index beyond 2^63-1",
                        "c2sp.org/tlog-proof@v1\nindex 9223372036854775808\n\n" + CHECKPOINT),
                Arguments.of("index with two spaces", "c2sp.org/tlog-proof@v1\nindex  5\n\n" + CHECKPOINT),
                Arguments.of("hash not base64", "c2sp.org/tlog-proof@v1\nindex 0\n!!notbase64!!\n\n" + CHECKPOINT),
                Arguments.of("hash of 64 bytes", "c2sp.org/tlog-proof@v1\nindex 0\n"
                        + Base64.getEncoder().encodeToString(new byte[64]) + "\n\n" + CHECKPOINT),
                Arguments.of("hash of 31 bytes", "c2sp.org/tlog-proof@v1\nindex 0\n"
                        + Base64.getEncoder().encodeToString(new byte[31]) + "\n\n" + CHECKPOINT),
                Arguments.of("64 hashes", "c2sp.org/tlog-proof@v1\nindex 0\n" + (hash + "\n").repeat(64) + "\n"
                        + CHECKPOINT),
                Arguments.of("no blank line", "c2sp.org/tlog-proof@v1\nindex 0\n" + hash + "\n"),
                Arguments.of("no checkpoint", "c2sp.org/tlog-proof@v1\nindex 0\n\n"),
                Arguments.of("unsigned checkpoint", "c2sp.org/tlog-proof@v1\nindex 0\n\nPeterNeumann\n5\n"
                        + hash + "\n"),
                Arguments.of("two blank lines", "c2sp.org/tlog-proof@v1\nindex 0\n\n\n" + CHECKPOINT),
                Arguments.of("CRLF", ("c2sp.org/tlog-proof@v1\nindex 0\n\n" + CHECKPOINT).replace("\n", "\r\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedProofs(String description, String text) {
        assertThatThrownBy(() -> TlogProof.parse(text)).isInstanceOf(MalformedTlogProofException.class);
    }

    @Test
    void theWellFormedVariantOfTheMalformedOnesParses() throws Exception {
        // Guards the malformed cases above: the same text with the defect removed is accepted.
        TlogProof proof = TlogProof.parse("c2sp.org/tlog-proof@v1\nextra aGk=\nindex 0\n\n" + CHECKPOINT);
        assertThat(proof.extra()).hasValueSatisfying(e -> assertThat(new String(e, StandardCharsets.UTF_8))
                .isEqualTo("hi"));
        String hash = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(TlogProof.parse("c2sp.org/tlog-proof@v1\nindex 9223372036854775807\n" + (hash + "\n").repeat(63)
                + "\n" + CHECKPOINT).inclusionProof()).hasSize(63);
    }
}
