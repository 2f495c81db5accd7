package org.semper.agent.deal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.bundle.ItemRole;

/**
 * One line of a deal's timeline ({@code timeline.jsonl}): when, what happened, and the item it produced, if any
 * (a message sent or received, a TTP token, a key, a ciphertext, a certificate, revocation data).
 *
 * @param direction {@code sent}, {@code received}, {@code ttp} (asked of or answered by a TTP), {@code local}
 * @param item      the item's file under {@code items/}
 */
public record DealEvent(Instant time, String event, String direction, String detail, Optional<String> item,
        Optional<ItemRole> role, Optional<String> mediaType) {
    public DealEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(direction, "direction");
        detail = detail == null ? "" : detail;
    }
}
