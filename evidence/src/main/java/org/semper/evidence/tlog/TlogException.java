package org.semper.evidence.tlog;

/**
 * Base of every checked exception of this package, so that a caller who only needs "valid or not" can catch one
 * type. The subclasses say what was wrong: malformed text ({@link MalformedNoteException},
 * {@link MalformedCheckpointException}, {@link MalformedTlogProofException}) or a failed check
 * ({@link NoteVerificationException}, {@link ProofVerificationException}).
 */
public abstract class TlogException extends Exception {
    private static final long serialVersionUID = 1L;

    protected TlogException(String message) {
        super(message);
    }

    protected TlogException(String message, Throwable cause) {
        super(message, cause);
    }
}
