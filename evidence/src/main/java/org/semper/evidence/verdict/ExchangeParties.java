package org.semper.evidence.verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parties an exchange's first message names (by certificate fingerprint h(DER)): initiator (originator,
 * merchant, sender), responder (responder, buyer, recipient), and the TTP (URL and signing-certificate fingerprint).
 *
 * @param items the first message's item id
 */
public record ExchangeParties(String initiator, String responder, Optional<String> ttpUrl,
        Optional<String> ttpCertificate, List<String> items) {
    public ExchangeParties {
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(responder, "responder");
        items = List.copyOf(items);
    }

    public boolean isParty(String fingerprint) {
        return initiator.equals(fingerprint) || responder.equals(fingerprint);
    }
}
