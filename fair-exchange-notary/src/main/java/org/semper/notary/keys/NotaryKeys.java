package org.semper.notary.keys;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.statement.StatementSigner;
import org.semper.notary.NotaryConfig;
import org.semper.runtime.exchange.ExchangeTtpSettings;
import org.semper.runtime.keys.KeyAgreementKey;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/**
 * Opens the notary's two keys at startup, failing fast with the setting to fix: the token signing key, and the
 * escrow key parties seal content keys to. Both are checked to work before the first request: the signing key
 * signs a probe, the escrow key opens an escrow sealed to its own certificate.
 */
@ApplicationScoped
public class NotaryKeys {

    /** The protocols this TTP serves; certified mail ({@code semper-cm/1}) has its own service. */
    static final Set<ExchangeProtocol> SERVED = EnumSet.of(ExchangeProtocol.CONTRACT_SIGNING, ExchangeProtocol.PURCHASE);

    static final String SIGNING_PREFIX = "semper.notary.signing-key";
    static final String ESCROW_PREFIX = "semper.notary.escrow-key";

    @Produces
    @Singleton
    SigningKey signingKey(NotaryConfig config) {
        SigningKey key = KeySources.open(config.signingKey(), SIGNING_PREFIX);
        if (!key.selfTest()) {
            throw new KeySourceException("The notary key " + key.description() + " does not match its certificate or cannot sign");
        }
        return key;
    }

    @Produces
    @Singleton
    StatementSigner tokenSigner(SigningKey key) {
        return key.statementSigner();
    }

    @Produces
    @Singleton
    TtpIdentity identity(NotaryConfig config, SigningKey key) {
        try {
            return TtpIdentity.of(config.url(), key.certificate());
        } catch (IllegalArgumentException e) {
            throw new KeySourceException("semper.notary.url: " + e.getMessage(), e);
        }
    }

    /** What ttp-runtime's exchange wiring needs: the protocols the notary serves, its identity, keys and config. */
    @Produces
    @Singleton
    ExchangeTtpSettings exchangeTtp(NotaryConfig config, TtpIdentity identity, StatementSigner signer,
            KeyAgreementKey escrowKey) {
        return new ExchangeTtpSettings("semper.notary", SERVED, identity, signer, escrowKey, config.trust(),
                config.timeStamping());
    }

    @Produces
    @Singleton
    KeyAgreementKey escrowKey(NotaryConfig config) {
        KeyAgreementKey key = KeySources.openKeyAgreement(config.escrowKey(), ESCROW_PREFIX);
        if (!(key.publicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new KeySourceException("The escrow key " + key.description()
                    + " must be an EC P-256 key (HPKE DHKEM(P-256, HKDF-SHA256))");
        }
        if (!key.extractable()) {
            throw new KeySourceException("The escrow key " + key.description()
                    + " is in a token; HPKE here needs it in a PKCS#12 file (see the README)");
        }
        if (!opensItsOwnEscrow(key)) {
            throw new KeySourceException("The escrow key " + key.description() + " does not match its certificate");
        }
        return key;
    }

    /** Seals a probe to the certificate's public key and opens it with the private key. */
    public static boolean opensItsOwnEscrow(KeyAgreementKey key) {
        try {
            byte[] probe = new byte[EscrowOpening.KEY_LENGTH];
            Arrays.fill(probe, (byte) 0x5a);
            byte[] label = "semper-notary-escrow-self-test".getBytes(StandardCharsets.US_ASCII);
            Optional<byte[]> opened = EscrowOpening.open(key.privateKey(), EscrowOpening.seal(key.publicKey(), probe, label),
                    label);
            return opened.isPresent() && Arrays.equals(opened.get(), probe);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
