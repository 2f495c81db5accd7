package org.semper.notary;

import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.exchange.trust.PartyTrustConfig;
import org.semper.runtime.keys.KeySourceConfig;

import io.smallrye.config.ConfigMapping;

/** Configuration of the fair-exchange notary ({@code semper.notary.*}); README lists every key with its default. */
@ConfigMapping(prefix = "semper.notary")
public interface NotaryConfig {

    /**
     * The notary's public URL, as parties name it in their first messages ({@code ttp.url}, with the fingerprint of
     * the signing certificate). A request naming another URL is refused ({@code wrong-ttp}). Required; the local
     * profile uses {@code http://127.0.0.1:8083}.
     */
    String url();

    /** The key that signs tokens (ES256 on P-256 by default); PKCS#12 or PKCS#11. */
    KeySourceConfig signingKey();

    /**
     * The escrow (decryption) key: P-256, certificate with key usage keyAgreement. Parties seal the content keys of
     * semper-px/1 to it (HPKE). PKCS#12 only: Bouncy Castle's HPKE needs the key in memory.
     */
    KeySourceConfig escrowKey();

    /** Which parties are accepted: trust anchors and revocation checking. */
    PartyTrustConfig trust();

    /** Signature time-stamps (JAdES B-T) added to tokens after the decision. */
    TimeStampingConfig timeStamping();
}
