package org.semper.mail.relay;

import java.util.Optional;

import org.semper.evidence.exchange.FirstMessage;

/** Opens the escrow {@code ek} an EOO commits to, with this TTP's escrow key. */
public interface KeyEscrow {

    /**
     * The key {@code K} in {@code ek}, if it opens under the EOO's label and {@code h(K)} is the EOO's
     * {@code keyCommit}; empty otherwise.
     */
    Optional<byte[]> open(FirstMessage eoo, byte[] ek);
}
