package org.semper.evidence.tlog;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.semper.evidence.tlog.NoteVerificationException.Reason;

/**
 * A C2SP signed note, parsed but not yet trusted: a text ending in a newline, a blank line, and one or more lines
 * {@code — <key name> <base64(4-byte key ID || signature)>}. The text is separated from the signatures by the last
 * blank line, so it may itself contain blank lines.
 *
 * <p>{@link #parse} checks the syntax only: valid UTF-8, no ASCII control character but newline, at most
 * {@value #MAX_SIGNATURES} signature lines (the spec requires accepting at least 16; Go's reference accepts 100),
 * valid key names, canonical base64 of at least 5 bytes. {@link #verify} then decides trust, following the
 * spec's rules: signatures from unknown keys are ignored (even if they share a name or an ID, but not both, with a
 * known key); every signature from a known key must verify, else the whole note is refused; at least one must.
 * Stricter than the spec and than Go (which skips them): two signatures from the same known key are refused.
 */
public final class SignedNote {
    /** The most signature lines a note may have. */
    public static final int MAX_SIGNATURES = 100;

    /** One signature line: the key name, the key ID and the signature bytes after the key ID. */
    public record Signature(String keyName, int keyId, byte[] signature) {
        public Signature {
            Objects.requireNonNull(keyName, "keyName");
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature that && keyName.equals(that.keyName) && keyId == that.keyId
                    && Arrays.equals(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
        }

        @Override
        public String toString() {
            return "Signature[" + keyName + "+" + NoteVerifier.hex(keyId) + "]";
        }
    }

    private final String text;
    private final String body;
    private final List<Signature> signatures;

    private SignedNote(String text, String body, List<Signature> signatures) {
        this.text = text;
        this.body = body;
        this.signatures = List.copyOf(signatures);
    }

    /**
     * Parses a signed note given as UTF-8 bytes (as read from a file or an HTTP body).
     *
     * @throws MalformedNoteException if the bytes are not valid UTF-8 or not a signed note
     */
    public static SignedNote parse(byte[] utf8) throws MalformedNoteException {
        try {
            return parse(Text.decodeUtf8(utf8));
        } catch (CharacterCodingException e) {
            throw new MalformedNoteException("a signed note must be valid UTF-8", e);
        }
    }

    /**
     * Parses a signed note.
     *
     * @throws MalformedNoteException if the text is not a signed note
     */
    public static SignedNote parse(String note) throws MalformedNoteException {
        if (note == null) {
            throw new MalformedNoteException("no note");
        }
        String forbidden = Text.forbiddenCharacter(note);
        if (forbidden != null) {
            throw new MalformedNoteException("a signed note may not contain a " + forbidden);
        }
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new MalformedNoteException("no blank line separates the text from the signatures");
        }
        String body = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) {
            throw new MalformedNoteException("the note has no signature line");
        }
        if (!block.endsWith("\n")) {
            throw new MalformedNoteException("the last signature line does not end with a newline");
        }
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new MalformedNoteException(
                    "the note has " + lines.length + " signatures; at most " + MAX_SIGNATURES + " are accepted");
        }
        List<Signature> signatures = new ArrayList<>(lines.length);
        for (String line : lines) {
            signatures.add(parseSignatureLine(line));
        }
        return new SignedNote(note, body, signatures);
    }

    private static Signature parseSignatureLine(String line) throws MalformedNoteException {
        if (!line.startsWith(NoteSigner.SIGNATURE_LINE_PREFIX)) {
            throw new MalformedNoteException("a signature line must start with an em dash (U+2014) and a space: '"
                    + abbreviate(line) + "'");
        }
        String rest = line.substring(NoteSigner.SIGNATURE_LINE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new MalformedNoteException("a signature line is '— <key name> <signature>': '"
                    + abbreviate(line) + "'");
        }
        String name = rest.substring(0, space);
        if (!Text.isValidKeyName(name)) {
            throw new MalformedNoteException("'" + abbreviate(name) + "' is not a valid key name");
        }
        byte[] decoded;
        try {
            decoded = Text.decodeBase64(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new MalformedNoteException("the signature of " + name + " is not canonical base64", e);
        }
        if (decoded.length < 5) {
            throw new MalformedNoteException("the signature of " + name + " is shorter than a key ID and a byte");
        }
        int keyId = ((decoded[0] & 0xff) << 24) | ((decoded[1] & 0xff) << 16) | ((decoded[2] & 0xff) << 8)
                | (decoded[3] & 0xff);
        return new Signature(name, keyId, Arrays.copyOfRange(decoded, 4, decoded.length));
    }

    /**
     * Verifies the note against the trusted keys and returns its text.
     *
     * @return the note text (the signed part, ending with a newline)
     * @throws NoteVerificationException if no trusted key signed it, or a trusted key's signature fails, or a
     *     trusted key signed twice
     * @throws IllegalArgumentException if two of the given verifiers have the same key name and key ID
     */
    public String verify(NoteVerifier... trusted) throws NoteVerificationException {
        return verify(Arrays.asList(trusted));
    }

    /** {@link #verify(NoteVerifier...)} with a collection of trusted keys. */
    public String verify(Collection<NoteVerifier> trusted) throws NoteVerificationException {
        Map<String, NoteVerifier> byNameAndId = new HashMap<>();
        for (NoteVerifier verifier : trusted) {
            String handle = verifier.keyName() + "+" + NoteVerifier.hex(verifier.keyId());
            if (byNameAndId.putIfAbsent(handle, verifier) != null) {
                throw new IllegalArgumentException("two trusted keys are named " + handle);
            }
        }
        byte[] message = body.getBytes(StandardCharsets.UTF_8);
        Set<String> seen = new HashSet<>();
        for (Signature signature : signatures) {
            String handle = signature.keyName() + "+" + NoteVerifier.hex(signature.keyId());
            NoteVerifier verifier = byNameAndId.get(handle);
            if (verifier == null) {
                continue;
            }
            if (!seen.add(handle)) {
                throw new NoteVerificationException(Reason.DUPLICATE_SIGNATURE,
                        "key " + handle + " signed the note more than once");
            }
            if (!verifier.verify(message, signature.signature)) {
                throw new NoteVerificationException(Reason.INVALID_SIGNATURE,
                        "the signature of key " + handle + " does not verify");
            }
        }
        if (seen.isEmpty()) {
            throw new NoteVerificationException(Reason.NO_TRUSTED_SIGNATURE,
                    "none of the " + signatures.size() + " signatures is from a trusted key");
        }
        return body;
    }

    /**
     * The note text <em>before</em> any verification. The spec: the text MUST be ignored unless a trusted key's
     * signature has been verified; use {@link #verify} to get it.
     */
    public String unverifiedBody() {
        return body;
    }

    /** The signature lines, in order. */
    public List<Signature> signatures() {
        return signatures;
    }

    /** The whole note as parsed. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
