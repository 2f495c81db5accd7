package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Any change to a signed checkpoint, or to a proof bundle that carries one, is refused. */
class SignedCheckpointPropertiesTest {
    private static final String ORIGIN = "log.example/semper";
    private static final NoteSigner LOG = NoteSigner.generate(ORIGIN);
    private static final NoteSigner WITNESS = NoteSigner.generate("witness.example/w1");
    private static final InMemoryMerkleTree TREE = MerkleProofPropertiesTest.treeOf(300);

    private static String signedCheckpoint(int size, boolean withExtension, boolean cosigned) {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, size, TREE.root(size),
                withExtension ? List.of("extension \u00e9") : List.of());
        String note = LOG.sign(checkpoint.body());
        if (cosigned) {
            String witnessNote = WITNESS.sign(checkpoint.body());
            note += witnessNote.substring(checkpoint.body().length() + 1);
        }
        return note;
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aSignedCheckpointWithAnyByteChangedIsRefused(@ForAll @IntRange(min = 0, max = 300) int size,
            @ForAll boolean withExtension, @ForAll boolean cosigned,
            @ForAll @IntRange(min = 0, max = 100_000) int positionSeed,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
        String note = signedCheckpoint(size, withExtension, cosigned);
        assertThat(Checkpoint.verify(note, ORIGIN, LOG.verifier()).treeSize()).isEqualTo(size);

        byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
        int position = positionSeed % bytes.length;
        // Only the log's part: a witness line is not the log's to vouch for (and an unknown key is ignored).
        int logPart = cosigned ? note.substring(0, note.lastIndexOf("\u2014 ")).getBytes(StandardCharsets.UTF_8)
                .length : bytes.length;
        position = position % logPart;
        bytes[position] ^= (byte) mask;

        assertThatThrownBy(() -> Checkpoint.fromVerifiedNote(SignedNote.parse(bytes), ORIGIN, LOG.verifier()))
                .as("byte %d xor %02x", position, mask).isInstanceOf(TlogException.class);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void aProofBundleWithAnyByteChangedIsRefused(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 299) int indexSeed,
            @ForAll @IntRange(min = 0, max = 100_000) int positionSeed,
            @ForAll @IntRange(min = 1, max = 255) int mask) throws Exception {
        long index = indexSeed % size;
        String text = TlogProof.of(index, MerkleProofs.inclusion(TREE, index, size),
                signedCheckpoint(size, false, false)).encode();
        byte[] leaf = TREE.leafHash(index);
        assertThat(TlogProof.parse(text).verify(leaf, ORIGIN, LOG.verifier()).treeSize()).isEqualTo(size);

        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int position = positionSeed % bytes.length;
        bytes[position] ^= (byte) mask;

        assertThatThrownBy(() -> {
            String changed = Text.decodeUtf8(bytes);
            TlogProof.parse(changed).verify(leaf, ORIGIN, LOG.verifier());
        }).as("byte %d xor %02x", position, mask).isInstanceOfAny(TlogException.class,
                java.nio.charset.CharacterCodingException.class);
    }
}
