package org.semper.evidence.tlog;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP {@code tlog-checkpoint}: the note text by which a log commits to its Merkle tree at one size.
 *
 * <pre>
 * &lt;origin&gt;
 * &lt;tree size, decimal, no leading zero&gt;
 * &lt;root hash, base64&gt;
 * [extension lines, each non-empty]
 * </pre>
 *
 * Every line ends with a newline. A checkpoint is signed as a {@link SignedNote}; its key name should be the
 * origin. A log must never sign two checkpoints that are not consistent with each other.
 *
 * @param origin the log's identity, non-empty (a schema-less URL such as {@code log.example/semper} is
 *     recommended but not required)
 * @param treeSize the number of leaves
 * @param rootHash the RFC 6962 root of the first {@code treeSize} leaves (32 bytes)
 * @param extensionLines opaque extra lines, each non-empty (not recommended by the spec)
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, List<String> extensionLines) {

    /**
     * @throws IllegalArgumentException if a field cannot appear in a checkpoint
     */
    public Checkpoint {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("the origin must be non-empty");
        }
        requireLine(origin, "the origin");
        if (treeSize < 0) {
            throw new IllegalArgumentException("tree size " + treeSize + " is negative");
        }
        rootHash = MerkleHash.requireHash(rootHash, "the root hash").clone();
        extensionLines = List.copyOf(extensionLines);
        for (String line : extensionLines) {
            if (line.isEmpty()) {
                throw new IllegalArgumentException("extension lines must be non-empty");
            }
            requireLine(line, "an extension line");
        }
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long treeSize, byte[] rootHash) {
        this(origin, treeSize, rootHash, List.of());
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text: origin, tree size, base64 root hash and extension lines, each ending with a newline. */
    public String body() {
        StringBuilder body = new StringBuilder()
                .append(origin).append('\n')
                .append(treeSize).append('\n')
                .append(Text.base64(rootHash)).append('\n');
        for (String line : extensionLines) {
            body.append(line).append('\n');
        }
        return body.toString();
    }

    /**
     * Parses a checkpoint note text, strictly.
     *
     * @param body the note text, as returned by {@link SignedNote#verify}
     * @throws MalformedCheckpointException if it is not a checkpoint: fewer than three lines, an empty line, no
     *     final newline, a control character, a tree size that is not a canonical decimal (no sign, no leading
     *     zero, at most 2^63-1), a root hash that is not canonical base64 of 32 bytes
     */
    public static Checkpoint parse(String body) throws MalformedCheckpointException {
        if (body == null || !body.endsWith("\n")) {
            throw new MalformedCheckpointException("a checkpoint must end with a newline");
        }
        String forbidden = Text.forbiddenCharacter(body);
        if (forbidden != null) {
            throw new MalformedCheckpointException("a checkpoint may not contain a " + forbidden);
        }
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new MalformedCheckpointException(
                    "a checkpoint has at least three lines (origin, size, root hash), not " + lines.length);
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                throw new MalformedCheckpointException("line " + (i + 1) + " of the checkpoint is empty");
            }
        }
        long size = Text.parseCanonicalDecimal(lines[1]);
        if (size < 0) {
            throw new MalformedCheckpointException("the tree size '" + lines[1]
                    + "' is not a decimal number without sign or leading zero, at most " + Long.MAX_VALUE);
        }
        byte[] root;
        try {
            root = Text.decodeBase64(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new MalformedCheckpointException("the root hash '" + lines[2] + "' is not canonical base64");
        }
        if (root.length != MerkleHash.LENGTH) {
            throw new MalformedCheckpointException(
                    "the root hash has " + root.length + " bytes, not " + MerkleHash.LENGTH);
        }
        return new Checkpoint(lines[0], size, root, Arrays.asList(lines).subList(3, lines.length));
    }

    /**
     * Verifies a signed checkpoint note against the log's keys and parses it: the note must carry a valid signature
     * of one of {@code logKeys} and name {@code expectedOrigin}.
     *
     * @throws MalformedNoteException if the text is not a signed note
     * @throws NoteVerificationException if no log key signed it validly, or its origin is another log's
     * @throws MalformedCheckpointException if the signed text is not a checkpoint
     */
    public static Checkpoint verify(String signedNote, String expectedOrigin, NoteVerifier... logKeys)
            throws MalformedNoteException, NoteVerificationException, MalformedCheckpointException {
        return fromVerifiedNote(SignedNote.parse(signedNote), expectedOrigin, logKeys);
    }

    static Checkpoint fromVerifiedNote(SignedNote note, String expectedOrigin, NoteVerifier... logKeys)
            throws NoteVerificationException, MalformedCheckpointException {
        Objects.requireNonNull(expectedOrigin, "expectedOrigin");
        Checkpoint checkpoint = parse(note.verify(logKeys));
        if (!checkpoint.origin().equals(expectedOrigin)) {
            throw new NoteVerificationException(NoteVerificationException.Reason.ORIGIN_MISMATCH,
                    "the checkpoint is of log '" + checkpoint.origin() + "', not of '" + expectedOrigin + "'");
        }
        return checkpoint;
    }

    private static void requireLine(String text, String what) {
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " may not contain a newline");
        }
        String forbidden = Text.forbiddenCharacter(text);
        if (forbidden != null) {
            throw new IllegalArgumentException(what + " may not contain a " + forbidden);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash) && extensionLines.equals(that.extensionLines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(origin, treeSize, Arrays.hashCode(rootHash), extensionLines);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size " + treeSize + ", root " + Text.base64(rootHash)
                + (extensionLines.isEmpty() ? "" : ", " + extensionLines.size() + " extension lines") + "]";
    }
}
