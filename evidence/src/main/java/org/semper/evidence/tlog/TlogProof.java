package org.semper.evidence.tlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An offline proof that an entry is in a transparency log, in the C2SP {@code tlog-proof} text format
 * ({@code c2sp.org/tlog-proof@v1}): the entry's index, its inclusion proof, and the log's signed checkpoint
 * (with whatever witness cosignatures it carries), plus optional opaque extra data.
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * extra &lt;base64&gt;            (optional; not authenticated)
 * index &lt;decimal&gt;
 * &lt;base64 hash&gt;              (zero or more: the inclusion proof, leaf's sibling first)
 *
 * &lt;signed checkpoint note, verbatim&gt;
 * </pre>
 *
 * <pre>{@code
 * TlogProof proof = TlogProof.of(index, MerkleProofs.inclusion(tree, index, size), signedCheckpoint);
 * Files.writeString(Path.of("statement.tlog-proof"), proof.encode());
 * Checkpoint checkpoint = TlogProof.parse(text).verify(MerkleHash.leaf(entry), "log.example/semper", logKey);
 * }</pre>
 */
public final class TlogProof {
    /** The first line of every proof. */
    public static final String HEADER = "c2sp.org/tlog-proof@v1";

    /** More hashes than any tree of at most 2^63-1 leaves needs. */
    private static final int MAX_HASHES = 63;

    private final long index;
    private final List<byte[]> inclusionProof;
    private final SignedNote checkpoint;
    private final byte[] extra;

    private TlogProof(long index, List<byte[]> inclusionProof, SignedNote checkpoint, byte[] extra) {
        this.index = index;
        this.inclusionProof = inclusionProof;
        this.checkpoint = checkpoint;
        this.extra = extra;
    }

    /**
     * A proof without extra data.
     *
     * @param index the entry's index in the log
     * @param inclusionProof the inclusion proof of the entry in the checkpoint's tree ({@link MerkleProofs#inclusion})
     * @param signedCheckpoint the signed checkpoint note
     * @throws IllegalArgumentException if the index is negative, a hash is not 32 bytes or the checkpoint text is
     *     not a signed note of a checkpoint
     */
    public static TlogProof of(long index, List<byte[]> inclusionProof, String signedCheckpoint) {
        return build(index, inclusionProof, signedCheckpoint, null);
    }

    /** A proof with opaque extra data (which verifiers must not trust: it is not signed). */
    public static TlogProof of(long index, List<byte[]> inclusionProof, String signedCheckpoint, byte[] extra) {
        if (extra == null) {
            throw new IllegalArgumentException("no extra data; use of(index, proof, checkpoint)");
        }
        return build(index, inclusionProof, signedCheckpoint, extra.clone());
    }

    private static TlogProof build(long index, List<byte[]> inclusionProof, String signedCheckpoint, byte[] extra) {
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " is negative");
        }
        if (inclusionProof.size() > MAX_HASHES) {
            throw new IllegalArgumentException("an inclusion proof has at most " + MAX_HASHES + " hashes");
        }
        List<byte[]> hashes = new ArrayList<>(inclusionProof.size());
        for (byte[] hash : inclusionProof) {
            hashes.add(MerkleHash.requireHash(hash, "an inclusion proof hash").clone());
        }
        try {
            return new TlogProof(index, hashes, signedCheckpoint(signedCheckpoint), extra);
        } catch (MalformedTlogProofException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The signed note, if it is one and its text has the syntax of a checkpoint (nothing is verified yet). */
    private static SignedNote signedCheckpoint(String text) throws MalformedTlogProofException {
        SignedNote note;
        try {
            note = SignedNote.parse(text);
        } catch (MalformedNoteException e) {
            throw new MalformedTlogProofException("the checkpoint is not a signed note: " + e.getMessage(), e);
        }
        try {
            Checkpoint.parse(note.unverifiedBody());
        } catch (MalformedCheckpointException e) {
            throw new MalformedTlogProofException("the signed note is not a checkpoint: " + e.getMessage());
        }
        return note;
    }

    /**
     * Parses a proof, strictly: the exact header, canonical decimal index, canonical base64 hashes of 32 bytes, the
     * blank line, and after it a well-formed signed note whose text has the syntax of a checkpoint. Nothing is
     * verified yet.
     *
     * @throws MalformedTlogProofException if the text is not such a proof
     */
    public static TlogProof parse(String text) throws MalformedTlogProofException {
        if (text == null) {
            throw new MalformedTlogProofException("no proof");
        }
        int position = 0;
        String line = lineAt(text, position);
        if (!HEADER.equals(line)) {
            throw new MalformedTlogProofException("a tlog proof starts with the line " + HEADER);
        }
        position += line.length() + 1;
        line = lineAt(text, position);
        byte[] extra = null;
        if (line != null && line.startsWith("extra ")) {
            try {
                extra = Text.decodeBase64(line.substring("extra ".length()));
            } catch (IllegalArgumentException e) {
                throw new MalformedTlogProofException("the extra data is not canonical base64", e);
            }
            position += line.length() + 1;
            line = lineAt(text, position);
        }
        if (line == null || !line.startsWith("index ")) {
            throw new MalformedTlogProofException("the line 'index <n>' is missing");
        }
        long index = Text.parseCanonicalDecimal(line.substring("index ".length()));
        if (index < 0) {
            throw new MalformedTlogProofException("the index '" + line.substring("index ".length())
                    + "' is not a decimal number without sign or leading zero, at most " + Long.MAX_VALUE);
        }
        position += line.length() + 1;
        List<byte[]> hashes = new ArrayList<>();
        while (true) {
            line = lineAt(text, position);
            if (line == null) {
                throw new MalformedTlogProofException("no blank line before the checkpoint");
            }
            position += line.length() + 1;
            if (line.isEmpty()) {
                break;
            }
            if (hashes.size() == MAX_HASHES) {
                throw new MalformedTlogProofException("more than " + MAX_HASHES + " inclusion proof hashes");
            }
            byte[] hash;
            try {
                hash = Text.decodeBase64(line);
            } catch (IllegalArgumentException e) {
                throw new MalformedTlogProofException("inclusion proof hash " + hashes.size()
                        + " is not canonical base64", e);
            }
            if (hash.length != MerkleHash.LENGTH) {
                throw new MalformedTlogProofException("inclusion proof hash " + hashes.size() + " has "
                        + hash.length + " bytes, not " + MerkleHash.LENGTH);
            }
            hashes.add(hash);
        }
        return new TlogProof(index, hashes, signedCheckpoint(text.substring(position)), extra);
    }

    /** The line starting at {@code position} without its newline, or null if no complete line starts there. */
    private static String lineAt(String text, int position) {
        int end = text.indexOf('\n', position);
        return end < 0 ? null : text.substring(position, end);
    }

    /**
     * Verifies the proof for an entry: the checkpoint carries a valid signature of one of {@code logKeys} and is
     * of the log {@code expectedOrigin}, and the inclusion proof proves {@code leafHash} at {@link #index()} in
     * the checkpoint's tree. Witness cosignatures are ignored (the keys given are the log's).
     *
     * @param leafHash {@link MerkleHash#leaf(byte[])} of the entry
     * @return the verified checkpoint
     * @throws NoteVerificationException if the checkpoint is not signed by a log key, or is another log's
     * @throws MalformedCheckpointException if the signed text is not a checkpoint
     * @throws ProofVerificationException if the entry is not proven in the checkpoint's tree
     */
    public Checkpoint verify(byte[] leafHash, String expectedOrigin, NoteVerifier... logKeys)
            throws NoteVerificationException, MalformedCheckpointException, ProofVerificationException {
        Checkpoint verified = Checkpoint.fromVerifiedNote(checkpoint, expectedOrigin, logKeys);
        MerkleVerifier.verifyInclusion(leafHash, index, verified.treeSize(), inclusionProof(), verified.rootHash());
        return verified;
    }

    /** The proof in its text form. */
    public String encode() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        if (extra != null) {
            text.append("extra ").append(Text.base64(extra)).append('\n');
        }
        text.append("index ").append(index).append('\n');
        for (byte[] hash : inclusionProof) {
            text.append(Text.base64(hash)).append('\n');
        }
        return text.append('\n').append(checkpoint.text()).toString();
    }

    public long index() {
        return index;
    }

    /** The inclusion proof hashes (copies). */
    public List<byte[]> inclusionProof() {
        List<byte[]> copy = new ArrayList<>(inclusionProof.size());
        for (byte[] hash : inclusionProof) {
            copy.add(hash.clone());
        }
        return copy;
    }

    /** The signed checkpoint note, not yet verified. */
    public SignedNote signedCheckpoint() {
        return checkpoint;
    }

    /** The extra data, if the proof has any. Not authenticated: do not trust it implicitly. */
    public Optional<byte[]> extra() {
        return Optional.ofNullable(extra).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return encode();
    }
}
