package org.semper.evidence.verdict;

import java.util.Objects;
import java.util.Optional;

/**
 * The TTP's own signed view of an exchange, as the arbiter fetched it ({@code GET <ttp>/api/v1/exchanges/{id}}):
 * {@code none}, {@code aborted} or {@code resolved}, and the id {@code H(s)} of the token it stored.
 *
 * @param item the bundle item holding the status statement
 */
public record TtpStatus(String item, String state, Optional<String> token) {
    public TtpStatus {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(state, "state");
    }
}
