package org.semper.arbiter.keys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/** The arbiter's signing key (it never leaves its key source) and the statement signer over it. */
@ApplicationScoped
public class ArbiterKeys {
    private final SigningKey key;
    private final StatementSigner signer;

    @Inject
    public ArbiterKeys(ArbiterConfig config) {
        this.key = KeySources.open(config.signingKey(), ArbiterConfig.SIGNING_KEY_PREFIX);
        this.signer = key.statementSigner();
    }

    public SigningKey key() {
        return key;
    }

    /** Signs JAdES statements (transcripts, case-bundle manifests, notices, ledger claims) at the current second. */
    public StatementSigner signer() {
        return signer;
    }

    /** h(DER) of the arbiter's certificate: how payloads name it. */
    public String fingerprint() {
        return Hashes.fingerprint(key.certificate());
    }
}
