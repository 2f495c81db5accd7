package org.semper.mail.keys;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.mail.MailConfig;
import org.semper.mail.relay.KeyEscrow;
import org.semper.runtime.keys.KeyAgreementKey;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;

/**
 * The P-256 key senders escrow content keys to (HPKE, {@code docs/protocols.md}). It stays in this process; only
 * {@link #open} uses it, through the evidence library.
 */
@ApplicationScoped
public class EscrowKey implements KeyEscrow {

    private final KeyAgreementKey key;

    @Inject
    public EscrowKey(MailConfig config) {
        this.key = KeySources.openKeyAgreement(config.escrowKey(), MailConfig.ESCROW_KEY_PREFIX);
        if (!key.extractable()) {
            throw new KeySourceException("The escrow key " + key.description()
                    + " is in a token; HPKE (Bouncy Castle) needs a software key (PKCS#12)");
        }
    }

    /** The key's certificate chain, for senders (leaf first). */
    public KeyAgreementKey key() {
        return key;
    }

    @Override
    public Optional<byte[]> open(FirstMessage eoo, byte[] ek) {
        return EscrowOpening.open(key.privateKey(), ek, eoo.escrowLabel())
                .filter(k -> Hashes.h(k).equals(eoo.keyCommit().orElseThrow()));
    }
}
