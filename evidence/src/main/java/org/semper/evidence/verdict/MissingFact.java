package org.semper.evidence.verdict;

import java.util.List;
import java.util.Objects;

/**
 * A fact the decision needs and the case file does not hold, e.g. {@code ttp-status} (the TTP's signed status of the
 * exchange: the TTP was unreachable), {@code revocation-data} (no CRL or OCSP response for a signer at the time
 * that matters), {@code consistency-proof}. An {@code INDETERMINATE} verdict lists them.
 *
 * @param items the items concerned (e.g. the statement whose revocation status is unknown), possibly none
 */
public record MissingFact(String code, String text, List<String> items) {
    public MissingFact {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(text, "text");
        items = List.copyOf(items);
    }
}
