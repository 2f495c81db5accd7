package org.semper.evidence.tlog;

/** Text that should be a C2SP signed note breaks the note format. */
public final class MalformedNoteException extends TlogException {
    private static final long serialVersionUID = 1L;

    public MalformedNoteException(String message) {
        super(message);
    }

    public MalformedNoteException(String message, Throwable cause) {
        super(message, cause);
    }
}
