package org.semper.agent.consent;

import java.util.Optional;

/** Who a certificate fingerprint ({@code h(DER)}) is, as the agent knows it: itself, its contacts, its TTPs. */
@FunctionalInterface
public interface PartyNames {
    Optional<String> nameOf(String fingerprint);

    static PartyNames none() {
        return fingerprint -> Optional.empty();
    }
}
