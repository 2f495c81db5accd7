package org.semper.mail.party;

import java.time.Instant;
import java.util.Optional;

/**
 * A verified EOO ({@code protocols.md} §3): signed by the sender it names, naming this TTP.
 *
 * @param exchangeId {@code H(EOO)}
 * @param escrowHash {@code h(ek)}
 * @param keyCommit  {@code h(K)}
 */
public record Eoo(VerifiedStatement statement, String exchangeId, String sender, String recipient, String subject,
        String hashCipher, String escrowHash, String keyCommit, Optional<Instant> deadline) {
}
