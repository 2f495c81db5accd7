package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.semper.evidence.tlog.NoteVerificationException.Reason;

class CheckpointTest {
    private static final String ROOT = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";

    /** The example of the C2SP tlog-checkpoint spec. */
    private static final String SPEC_EXAMPLE = "example.com/behind-the-sofa\n20852163\n" + ROOT + "\n\n"
            + "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q"
            + "1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";

    @Test
    void parsesTheSpecExample() throws Exception {
        SignedNote note = SignedNote.parse(SPEC_EXAMPLE);

        Checkpoint checkpoint = Checkpoint.parse(note.unverifiedBody());

        assertThat(checkpoint.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(checkpoint.treeSize()).isEqualTo(20852163L);
        assertThat(checkpoint.rootHash()).isEqualTo(Base64.getDecoder().decode(ROOT));
        assertThat(checkpoint.extensionLines()).isEmpty();
        assertThat(checkpoint.body()).isEqualTo(note.unverifiedBody());
        // Its key is not published in the spec: no key of ours trusts it.
        assertThat(catchThrowableOfType(NoteVerificationException.class, () -> Checkpoint.verify(SPEC_EXAMPLE,
                "example.com/behind-the-sofa", NoteSigner.generate("example.com/behind-the-sofa").verifier()))
                .reason()).isEqualTo(Reason.NO_TRUSTED_SIGNATURE);
    }

    @Test
    void bodyIsTheExactNoteText() {
        byte[] root = MerkleHash.leaf("x".getBytes());
        Checkpoint checkpoint = new Checkpoint("log.example/semper", 42, root, List.of("ext one", "ext2"));
        String b64 = Base64.getEncoder().encodeToString(root);

        assertThat(checkpoint.body()).isEqualTo("log.example/semper\n42\n" + b64 + "\next one\next2\n");
        assertThat(new Checkpoint("o", 0, MerkleHash.emptyRoot()).body())
                .isEqualTo("o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n");
    }

    @Test
    void roundTripsThroughParse() throws Exception {
        Checkpoint checkpoint = new Checkpoint("log.example/semper", Long.MAX_VALUE, MerkleHash.emptyRoot(),
                List.of("a", "b c"));
        assertThat(Checkpoint.parse(checkpoint.body())).isEqualTo(checkpoint);
        assertThat(Checkpoint.parse(checkpoint.body()).hashCode()).isEqualTo(checkpoint.hashCode());
    }

    @Test
    void verifiesASignedCheckpointOfTheExpectedLog() throws Exception {
        NoteSigner log = NoteSigner.generate("log.example/semper");
        Checkpoint checkpoint = new Checkpoint("log.example/semper", 7, MerkleHash.leaf(new byte[1]));
        String note = log.sign(checkpoint.body());

        assertThat(Checkpoint.verify(note, "log.example/semper", log.verifier())).isEqualTo(checkpoint);
        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> Checkpoint.verify(note, "log.example/other", log.verifier())).reason())
                .isEqualTo(Reason.ORIGIN_MISMATCH);
        String notACheckpoint = log.sign("log.example/semper\nseven\n");
        assertThatThrownBy(() -> Checkpoint.verify(notACheckpoint, "log.example/semper", log.verifier()))
                .isInstanceOf(MalformedCheckpointException.class);
    }

    @Test
    void rootHashCannotBeChangedFromOutside() {
        byte[] root = MerkleHash.emptyRoot();
        Checkpoint checkpoint = new Checkpoint("o", 0, root);
        root[0] ^= 1;
        checkpoint.rootHash()[1] ^= 1;
        assertThat(checkpoint.rootHash()).isEqualTo(MerkleHash.emptyRoot());
    }

    @Test
    void constructorRefusesWhatCannotBeWritten() {
        byte[] root = MerkleHash.emptyRoot();
        assertThatThrownBy(() -> new Checkpoint("", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("a\nb", 1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", -1, root)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, root, List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checkpoint("o", 1, root, List.of("a\tb")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("no final newline", "o\n1\n" + ROOT),
                Arguments.of("two lines", "o\n1\n"),
                Arguments.of("one line", "o\n"),
                Arguments.of("empty text", ""),
                Arguments.of("empty origin", "\n1\n" + ROOT + "\n"),
                Arguments.of("empty size", "o\n\n" + ROOT + "\n"),
                Arguments.of("empty root", "o\n1\n\n"),
                Arguments.of("empty extension line", "o\n1\n" + ROOT + "\n\n"),
                Arguments.of("empty line between extensions", "o\n1\n" + ROOT + "\na\n\nb\n"),
                Arguments.of("leading zero", "o\n01\n" + ROOT + "\n"),
                Arguments.of("double zero", "o\n00\n" + ROOT + "\n"),
                Arguments.of("plus sign", "o\n+1\n" + ROOT + "\n"),
                Arguments.of("minus sign", "o\n-1\n" + ROOT + "\n"),
                Arguments.of("leading space", "o\n 1\n" + ROOT + "\n"),
                Arguments.of("trailing space", "o\n1 \n" + ROOT + "\n"),
                Arguments.of("hexadecimal", "o\n0x10\n" + ROOT + "\n"),
                Arguments.of("exponent", "o\n1e3\n" + ROOT + "\n"),
                Arguments.of("non-ASCII digit", "o\n\u0661\n" + ROOT + "\n"),
                Arguments.of("beyond 2^63-1", "o\n9223372036854775808\n" + ROOT + "\n"),
                Arguments.of("beyond 2^64", "o\n18446744073709551616\n" + ROOT + "\n"),
                Arguments.of("root not base64", "o\n1\n" + ROOT.replace('C', '*') + "\n"),
                Arguments.of("root in base64url", "o\n1\n" + "_-" + ROOT.substring(2) + "\n"),
                Arguments.of("root without padding", "o\n1\n" + ROOT.substring(0, ROOT.length() - 1) + "\n"),
                Arguments.of("root with non-zero padding bits", "o\n1\n" + ROOT.replace("q2I=", "q2J=") + "\n"),
                Arguments.of("root of 31 bytes", "o\n1\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n"),
                Arguments.of("root of 33 bytes", "o\n1\n" + Base64.getEncoder().encodeToString(new byte[33]) + "\n"),
                Arguments.of("root with a space", "o\n1\n" + ROOT + " \n"),
                Arguments.of("CRLF line ends", "o\r\n1\r\n" + ROOT + "\r\n"),
                Arguments.of("control character in origin", "o\u0007\n1\n" + ROOT + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedCheckpoints(String description, String body) {
        assertThatThrownBy(() -> Checkpoint.parse(body)).isInstanceOf(MalformedCheckpointException.class);
    }

    @Test
    void acceptsSizeZeroAndTheLargestSize() throws Exception {
        assertThat(Checkpoint.parse("o\n0\n" + ROOT + "\n").treeSize()).isZero();
        assertThat(Checkpoint.parse("o\n9223372036854775807\n" + ROOT + "\n").treeSize()).isEqualTo(Long.MAX_VALUE);
        assertThat(Checkpoint.parse("origin with spaces\n10\n" + ROOT + "\n").origin())
                .isEqualTo("origin with spaces");
    }
}
