package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semper.evidence.tlog.NoteVerificationException.Reason;

/**
 * Signed notes, against the reference vectors of Go's implementation: golang.org/x/mod,
 * {@code sumdb/note/note_test.go} (the PeterNeumann and EnochRoot keys, the signed text, the signatures and the
 * malformed messages of {@code TestOpen}), and the examples of the C2SP signed-note and tlog-checkpoint specs.
 */
class SignedNoteTest {
    static final String PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String PETER_SIG = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFY"
            + "C2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    static final String ENOCH_SIG = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5o"
            + "vTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    static final NoteVerifier PETER = NoteVerifier.fromVerifierKey(PETER_VKEY);
    static final NoteVerifier ENOCH = NoteVerifier.fromVerifierKey(ENOCH_VKEY);

    @Test
    void parsesTheGoVerifierKey() {
        assertThat(PETER.keyName()).isEqualTo("PeterNeumann");
        assertThat(PETER.keyId()).isEqualTo(0xc74f20a3);
        assertThat(PETER.verifierKey()).isEqualTo(PETER_VKEY);
        assertThat(NoteSigner.verifierKey("PeterNeumann", PETER.publicKey())).isEqualTo(PETER_VKEY);
        assertThat(ENOCH.keyId()).isEqualTo(0xaf0cfe78);
    }

    @Test
    void signsByteForByteAsGo() {
        NoteSigner signer = NoteSigner.fromSignerKey(PETER_SKEY);

        assertThat(signer.keyId()).isEqualTo(0xc74f20a3);
        assertThat(signer.verifierKey()).isEqualTo(PETER_VKEY);
        assertThat(signer.sign(TEXT)).isEqualTo(TEXT + "\n" + PETER_SIG);
    }

    @Test
    void verifiesTheGoNote() throws Exception {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG);

        assertThat(note.verify(PETER)).isEqualTo(TEXT);
        assertThat(note.signatures()).singleElement().satisfies(s -> {
            assertThat(s.keyName()).isEqualTo("PeterNeumann");
            assertThat(s.keyId()).isEqualTo(0xc74f20a3);
            assertThat(s.signature()).hasSize(64);
        });
    }

    @Test
    void ignoresSignaturesOfUnknownKeysButNeedsOneKnown() throws Exception {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG + ENOCH_SIG);

        assertThat(note.verify(PETER)).isEqualTo(TEXT);
        assertThat(note.verify(ENOCH)).isEqualTo(TEXT);
        assertThat(note.verify(PETER, ENOCH)).isEqualTo(TEXT);
        assertThat(catchThrowableOfType(NoteVerificationException.class, () -> note.verify()).reason())
                .isEqualTo(Reason.NO_TRUSTED_SIGNATURE);
        NoteVerifier stranger = NoteSigner.generate("Stranger").verifier();
        assertThat(catchThrowableOfType(NoteVerificationException.class, () -> note.verify(stranger)).reason())
                .isEqualTo(Reason.NO_TRUSTED_SIGNATURE);
    }

    @Test
    void aKeyWithTheSameNameButAnotherIdIsUnknownNotInvalid() throws Exception {
        // Spec: ignore signatures from unknown keys even if they share a name (but not the ID) with a known key.
        KeyPair other = NoteKeys.generate();
        NoteSigner impostor = new NoteSigner("PeterNeumann", other.getPrivate(), other.getPublic());
        String note = impostor.sign(TEXT) + PETER_SIG;

        assertThat(SignedNote.parse(note).verify(PETER)).isEqualTo(TEXT);
        assertThat(SignedNote.parse(note).verify(impostor.verifier())).isEqualTo(TEXT);
    }

    @Test
    void refusesTheWholeNoteWhenAKnownKeysSignatureFails() {
        // Go's TestOpen: "ABCD" inserted into the signature.
        String bad = TEXT + "\n" + PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> SignedNote.parse(bad).verify(PETER)).reason()).isEqualTo(Reason.INVALID_SIGNATURE);
        // A valid signature of another known key does not save it.
        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> SignedNote.parse(bad + ENOCH_SIG).verify(PETER, ENOCH)).reason())
                .isEqualTo(Reason.INVALID_SIGNATURE);
        // Nor does a changed text.
        String changed = TEXT.replace("cryptography", "cryptographY") + "\n" + PETER_SIG;
        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> SignedNote.parse(changed).verify(PETER)).reason()).isEqualTo(Reason.INVALID_SIGNATURE);
    }

    @Test
    void refusesTwoSignaturesOfOneKnownKey() {
        String twice = TEXT + "\n" + PETER_SIG + ENOCH_SIG + PETER_SIG;
        assertThat(catchThrowableOfType(NoteVerificationException.class,
                () -> SignedNote.parse(twice).verify(PETER)).reason()).isEqualTo(Reason.DUPLICATE_SIGNATURE);
    }

    @Test
    void refusesAmbiguousTrustedKeys() throws Exception {
        SignedNote note = SignedNote.parse(TEXT + "\n" + PETER_SIG);
        assertThatThrownBy(() -> note.verify(PETER, ENOCH, NoteVerifier.fromVerifierKey(PETER_VKEY)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PeterNeumann+c74f20a3");
    }

    @Test
    void acceptsUpToAHundredSignaturesAndNoMore() throws Exception {
        StringBuilder others = new StringBuilder();
        for (int i = 0; i < 99; i++) {
            String line = NoteSigner.generate("witness" + i + ".example").sign(TEXT).substring(TEXT.length() + 1);
            others.append(line);
        }
        String hundred = TEXT + "\n" + others + PETER_SIG;
        assertThat(SignedNote.parse(hundred).signatures()).hasSize(100);
        assertThat(SignedNote.parse(hundred).verify(PETER)).isEqualTo(TEXT);

        String hundredAndOne = TEXT + "\n" + ENOCH_SIG + others + PETER_SIG;
        assertThatThrownBy(() -> SignedNote.parse(hundredAndOne))
                .isInstanceOf(MalformedNoteException.class).hasMessageContaining("101 signatures");
    }

    /** The malformed messages of Go's TestOpen, each refused by the parser. */
    @Test
    void refusesTheMalformedMessagesOfGo() {
        List<String> bad = List.of(
                TEXT,
                TEXT + "\n",
                TEXT + "\n" + PETER_SIG.substring(0, PETER_SIG.length() - 1),
                "\u0001" + TEXT + "\n" + PETER_SIG,
                TEXT + "\n" + "\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfq"
                        + "dngotpRZb6KE6RyyBwJnAM=",
                TEXT + "\n" + PETER_SIG + "Unexpected line.\n");
        for (String message : bad) {
            assertThatThrownBy(() -> SignedNote.parse(message)).as(message).isInstanceOf(MalformedNoteException.class);
        }
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] text = (TEXT + "\n" + PETER_SIG).getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[text.length + 1];
        bad[0] = (byte) 0xff;
        System.arraycopy(text, 0, bad, 1, text.length);
        assertThatThrownBy(() -> SignedNote.parse(bad)).isInstanceOf(MalformedNoteException.class)
                .hasMessageContaining("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2013 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2014PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2014 PeterNeumann",
        "\u2014 PeterNeumann ",
        "\u2014  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2014 Peter+Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2014 Peter\u00a0Neumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM",
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=",
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM= ",
        "\u2014 PeterNeumann x08go_ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=",
        "\u2014 PeterNeumann x08gow==",
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\r",
    })
    void refusesMalformedSignatureLines(String line) {
        assertThatThrownBy(() -> SignedNote.parse(TEXT + "\n" + line + "\n"))
                .isInstanceOf(MalformedNoteException.class);
    }

    @Test
    void theTextIsSeparatedByTheLastBlankLine() throws Exception {
        // The example of the C2SP signed-note spec: its text contains a blank line and non-ASCII letters.
        String example = "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n"
                + "\n\u2014 quasimodo.example/salvatore NnugSzTjtVAewIS+Z/iJhUPeFDkO/5QQ2i5ddnGITLlC+EhfLW9oJKONrMouF"
                + "SQU0xMcXxj99ihAQwaqP3ZekRwNtIc=\n";

        SignedNote note = SignedNote.parse(example.getBytes(StandardCharsets.UTF_8));

        assertThat(note.unverifiedBody()).isEqualTo(
                "Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned \u00e8 subito sera.\n");
        assertThat(note.signatures()).singleElement().satisfies(s ->
                assertThat(s.keyName()).isEqualTo("quasimodo.example/salvatore"));
        assertThat(note.text()).isEqualTo(example);
    }

    @Test
    void signsAndVerifiesTextsWithBlankLinesAndUnicode() throws Exception {
        NoteSigner signer = NoteSigner.generate("log.example/\u00e9t\u00e9");
        for (String body : List.of("\n", "a\n\nb\n", "a\n\n", "\u2014 not a signature\n", "\ud83d\ude00\n")) {
            String note = signer.sign(body);
            assertThat(SignedNote.parse(note.getBytes(StandardCharsets.UTF_8)).verify(signer.verifier()))
                    .as("%s", body).isEqualTo(body);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no final newline", "a\u0000b\n", "tab\there\n", "cr\r\n", "lone \ud800 surrogate\n"})
    void refusesToSignWhatCannotBeANoteText(String body) {
        NoteSigner signer = NoteSigner.generate("log.example");
        assertThatThrownBy(() -> signer.sign(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a+b", "a\u00a0b", "a\u2003b", "a\u3000b", "a\tb", "a\u0085b", "a\nb"})
    void refusesInvalidKeyNames(String name) {
        KeyPair keys = NoteKeys.generate();
        assertThatThrownBy(() -> new NoteSigner(name, keys.getPrivate(), keys.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.of(name, keys.getPublic()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAPrivateKeyOfAnotherPublicKey() {
        KeyPair one = NoteKeys.generate();
        KeyPair two = NoteKeys.generate();
        assertThatThrownBy(() -> new NoteSigner("log.example", one.getPrivate(), two.getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    /** Go's TestNewVerifier: every proper substring and every one-byte change of the key is refused. */
    @Test
    void refusesEveryManglingOfTheVerifierKey() {
        byte[] key = PETER_VKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= key.length; i++) {
            for (int j = i + 1; j <= key.length; j++) {
                if (i != 0 || j != key.length) {
                    String mangled = PETER_VKEY.substring(i, j);
                    assertThatThrownBy(() -> NoteVerifier.fromVerifierKey(mangled)).as(mangled)
                            .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
        for (int i = 0; i < key.length; i++) {
            byte[] changed = key.clone();
            changed[i]++;
            String mangled = new String(changed, StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> NoteVerifier.fromVerifierKey(mangled)).as(mangled)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        // Go: wrong key length and unknown algorithm, each with a key ID adjusted to match.
        assertThatThrownBy(() -> NoteVerifier.fromVerifierKey(
                "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteVerifier.fromVerifierKey(
                "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
    }

    /** Go's TestNewSigner: every proper substring and every one-byte change of the signer key is refused. */
    @Test
    void refusesEveryManglingOfTheSignerKey() {
        byte[] key = PETER_SKEY.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= key.length; i++) {
            for (int j = i + 1; j <= key.length; j++) {
                if (i != 0 || j != key.length) {
                    String mangled = PETER_SKEY.substring(i, j);
                    assertThatThrownBy(() -> NoteSigner.fromSignerKey(mangled)).as(mangled)
                            .isInstanceOf(IllegalArgumentException.class);
                }
            }
        }
        for (int i = 0; i < key.length; i++) {
            byte[] changed = key.clone();
            changed[i]++;
            String mangled = new String(changed, StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> NoteSigner.fromSignerKey(mangled)).as(mangled)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void keysRoundTripThroughTheirRawEncoding() {
        KeyPair keys = NoteKeys.generate();
        byte[] raw = NoteKeys.rawPublicKey(keys.getPublic());
        assertThat(raw).hasSize(32);
        assertThat(NoteKeys.publicKey(raw)).isEqualTo(keys.getPublic());
        NoteSigner signer = new NoteSigner("log.example", keys.getPrivate(), keys.getPublic());
        assertThat(NoteVerifier.fromVerifierKey(signer.verifierKey())).isEqualTo(signer.verifier());
        assertThatThrownBy(() -> NoteKeys.publicKey(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NoteKeys.fromSeed(new byte[33])).isInstanceOf(IllegalArgumentException.class);
    }
}
