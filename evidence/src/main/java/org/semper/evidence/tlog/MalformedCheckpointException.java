package org.semper.evidence.tlog;

/** A note text that should be a C2SP tlog checkpoint breaks the checkpoint format. */
public final class MalformedCheckpointException extends TlogException {
    private static final long serialVersionUID = 1L;

    public MalformedCheckpointException(String message) {
        super(message);
    }
}
