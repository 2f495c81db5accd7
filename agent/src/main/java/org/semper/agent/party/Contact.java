package org.semper.agent.party;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.semper.agent.transport.PeerAddress;
import org.semper.evidence.exchange.Hashes;

/** Another party this agent deals with: its name, certificate chain (leaf first) and where it receives envelopes. */
public record Contact(String name, List<X509Certificate> chain, String address) {
    public Contact {
        Objects.requireNonNull(name, "name");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a contact needs its certificate");
        }
        Objects.requireNonNull(address, "address");
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public String fingerprint() {
        return Hashes.fingerprint(certificate());
    }

    public PeerAddress peerAddress() {
        return PeerAddress.parse(address);
    }
}
