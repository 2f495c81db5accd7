package org.semper.evidence.tlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.Signature;

import org.junit.jupiter.api.Test;

/** A signer whose Ed25519 signatures come from elsewhere (a key source that never hands out its private key). */
class NoteSignerTest {

    private static byte[] ed25519(KeyPair keys, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(keys.getPrivate());
            s.update(message);
            return s.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signsThroughAFunctionAndTheNoteVerifies() throws Exception {
        KeyPair keys = NoteKeys.generate();
        NoteSigner signer = new NoteSigner("example.org/log", keys.getPublic(), m -> ed25519(keys, m));
        String note = signer.sign(new Checkpoint("example.org/log", 3, MerkleHash.emptyRoot()).body());
        assertThat(SignedNote.parse(note).verify(NoteVerifier.fromVerifierKey(signer.verifierKey())))
                .startsWith("example.org/log\n3\n");
        // the same bytes as a signer holding the private key itself (Ed25519 is deterministic)
        assertThat(new NoteSigner("example.org/log", keys.getPrivate(), keys.getPublic())
                .sign(new Checkpoint("example.org/log", 3, MerkleHash.emptyRoot()).body())).isEqualTo(note);
    }

    @Test
    void refusesAFunctionThatSignsWithAnotherKey() {
        KeyPair keys = NoteKeys.generate();
        KeyPair other = NoteKeys.generate();
        assertThatThrownBy(() -> new NoteSigner("example.org/log", keys.getPublic(), m -> ed25519(other, m)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
