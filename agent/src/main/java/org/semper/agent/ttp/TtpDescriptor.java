package org.semper.agent.ttp;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.semper.evidence.exchange.TtpIdentity;

/**
 * A TTP as parties name it in their first messages ({@code ttp: {url, certSha256}}), with its signing certificate
 * chain and the certified key parties escrow content keys to (HPKE, P-256, key usage keyAgreement).
 */
public record TtpDescriptor(TtpApi api, String baseUrl, TtpIdentity identity, List<X509Certificate> signingChain,
        List<X509Certificate> escrowChain) {
    public TtpDescriptor {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(identity, "identity");
        signingChain = List.copyOf(signingChain);
        escrowChain = List.copyOf(escrowChain);
    }

    /** The escrow public key (the leaf of the escrow chain). */
    public PublicKey escrowKey() {
        if (escrowChain.isEmpty()) {
            throw new IllegalStateException("the TTP at " + baseUrl + " publishes no escrow key");
        }
        return escrowChain.get(0).getPublicKey();
    }
}
