package org.semper.evidence.tlog;

/** A well-formed signed note (or the checkpoint in it) is not trusted by the given verifier keys. */
public final class NoteVerificationException extends TlogException {
    private static final long serialVersionUID = 1L;

    /** Why the note is not trusted. */
    public enum Reason {
        /** No signature line is from a known key: nothing vouches for the text. */
        NO_TRUSTED_SIGNATURE,
        /** A signature line from a known key does not verify: the whole note is refused (signed-note §Signatures). */
        INVALID_SIGNATURE,
        /** A known key signed more than once; a note this package signs never does. */
        DUPLICATE_SIGNATURE,
        /** The note is a checkpoint, correctly signed, but of a log other than the one expected. */
        ORIGIN_MISMATCH
    }

    private final Reason reason;

    public NoteVerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
