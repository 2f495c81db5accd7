package org.semper.evidence.exchange;

import java.security.PrivateKey;
import java.util.Optional;

import org.semper.evidence.exchange.escrow.EscrowOpening;

/** The TTP's escrow step of a resolve in px and cm ({@code docs/protocols.md} §5.2, step 10). */
public final class EscrowCheck {
    private EscrowCheck() {
    }

    /**
     * Opens the escrow of a verified resolve with the TTP's escrow key under the exchange's label and compares
     * {@code h(K)} with the key commitment.
     *
     * @throws IllegalArgumentException if the protocol has no escrow, or the key is not an in-memory P-256 key
     */
    public static EscrowOutcome open(VerifiedResolve resolve, PrivateKey escrowKey) {
        if (!resolve.protocol().usesEscrow()) {
            throw new IllegalArgumentException(resolve.protocol().id() + " has no escrow");
        }
        Optional<byte[]> key = EscrowOpening.open(escrowKey, resolve.ek().orElseThrow(),
                resolve.first().escrowLabel());
        if (key.isEmpty()) {
            return new EscrowOutcome.Invalid(EscrowOutcome.Invalid.DOES_NOT_OPEN);
        }
        if (!Hashes.h(key.get()).equals(resolve.keyCommit().orElseThrow())) {
            return new EscrowOutcome.Invalid(EscrowOutcome.Invalid.KEY_COMMIT_MISMATCH);
        }
        return new EscrowOutcome.Released(key.get());
    }
}
