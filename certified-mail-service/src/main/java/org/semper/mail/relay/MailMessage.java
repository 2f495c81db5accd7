package org.semper.mail.relay;

import java.time.Instant;
import java.util.Optional;

/**
 * One relayed message as stored ({@code mail_message}).
 *
 * @param exchangeId  {@code H(EOO)}
 * @param eoo         the EOO as received
 * @param escrow      {@code ek}
 * @param contentOid  large object holding the ciphertext (storage {@code database}), or null
 * @param contentFile file holding it (storage {@code directory}), or null
 */
public record MailMessage(String exchangeId, String sender, String recipient, String subject, String eoo,
        byte[] escrow, String hashCipher, long contentSize, Long contentOid, String contentFile, MailState state,
        String reason, Instant submittedAt, Instant deadline, String eor, Instant closedAt,
        Instant contentDeletedAt) {

    public boolean contentDeleted() {
        return contentDeletedAt != null;
    }

    public Optional<String> receipt() {
        return Optional.ofNullable(eor);
    }
}
