package org.semper.mail.relay;

import java.time.Instant;
import java.util.Optional;

import org.semper.evidence.exchange.FirstMessage;

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

    /** A message as first recorded: accepted (consigned) or rejected. */
    public static MailMessage submitted(FirstMessage eoo, byte[] ek, long size, ContentStore.Location location,
            MailState state, String reason, Instant now, Instant deadline) {
        return new MailMessage(eoo.exchange().value(), eoo.initiator(), eoo.responder(),
                eoo.payload().get("subject").textValue(), eoo.statement().toJson(), ek, eoo.hashCipher().orElseThrow(),
                size, location.oid(), location.file(), state, reason, now, deadline, null,
                state == MailState.REJECTED ? now : null, null);
    }

    public boolean contentDeleted() {
        return contentDeletedAt != null;
    }

    public Optional<String> receipt() {
        return Optional.ofNullable(eor);
    }
}
