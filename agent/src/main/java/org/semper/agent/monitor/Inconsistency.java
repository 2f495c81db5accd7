package org.semper.agent.monitor;

import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.tlog.Checkpoint;

/**
 * Two checkpoints, both validly signed by the log's key, that an honest log could not have signed: what a monitor
 * exists to catch. The signed notes are kept verbatim, since they are the evidence.
 *
 * @param kind what is wrong
 * @param message the explanation, for people
 * @param older the checkpoint seen (and verified) before
 * @param olderNote its signed note, verbatim
 * @param newer the checkpoint just served
 * @param newerNote its signed note, verbatim
 * @param proofJson the consistency proof the log served for the two, verbatim, if one was asked for
 */
public record Inconsistency(Kind kind, String message, Checkpoint older, String olderNote, Checkpoint newer,
        String newerNote, Optional<String> proofJson) {

    /** What kind of misbehaviour. */
    public enum Kind {
        /**
         * Two different roots for the same tree size: a fork. The two signed notes alone prove that the log signed
         * two views of its history.
         */
        SAME_SIZE_DIFFERENT_ROOT,
        /**
         * A larger tree whose consistency proof from the smaller one fails. An honest log can always prove that its
         * new tree extends the old one; this one did not. The two notes and the proof served are kept so that anyone
         * can re-run the check; the entries of the log, or a valid proof from its operator, settle it.
         */
        CONSISTENCY_PROOF_FAILED,
        /**
         * The log served a smaller tree than one it had signed before. Unlike the other kinds this is not proof of a
         * fork by itself (the two notes may be consistent, and notes carry no time): it shows that the log, or
         * something in front of it, went back, e.g. to hide entries from this monitor.
         */
        ROLLBACK
    }

    public Inconsistency {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(older, "older");
        Objects.requireNonNull(olderNote, "olderNote");
        Objects.requireNonNull(newer, "newer");
        Objects.requireNonNull(newerNote, "newerNote");
        Objects.requireNonNull(proofJson, "proofJson");
    }

    /** Whether the two signed notes by themselves prove, to anyone, that the log signed two histories. */
    public boolean provesFork() {
        return kind == Kind.SAME_SIZE_DIFFERENT_ROOT;
    }
}
