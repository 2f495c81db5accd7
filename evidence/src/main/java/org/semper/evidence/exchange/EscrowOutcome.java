package org.semper.evidence.exchange;

/**
 * What the TTP finds when it opens an escrow on resolve (px, cm): the key, or why the escrow is invalid (which
 * gives an affidavit, not a rejection: the resolve proceeds and the TTP records RESOLVED with the finding).
 */
public sealed interface EscrowOutcome {
    /** {@code ek} opened under the exchange's label and {@code h(K) = keyCommit}. */
    record Released(byte[] key) implements EscrowOutcome {
        public Released {
            key = key.clone();
        }

        @Override
        public byte[] key() {
            return key.clone();
        }
    }

    /** The escrow is invalid; {@link #detail()} is {@code escrow-does-not-open} or {@code key-commit-mismatch}. */
    record Invalid(String detail) implements EscrowOutcome {
        public static final String DOES_NOT_OPEN = "escrow-does-not-open";
        public static final String KEY_COMMIT_MISMATCH = "key-commit-mismatch";
    }
}
