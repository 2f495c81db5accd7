package org.semper.runtime.exchange;

import java.util.Objects;
import java.util.Set;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.exchange.trust.PartyTrustConfig;
import org.semper.runtime.keys.KeyAgreementKey;

/**
 * What a service that settles exchanges tells ttp-runtime's {@link ExchangeWiring} about itself: a CDI bean it
 * produces. The configuration stays under the service's own prefix ({@code semper.notary.*}, {@code semper.mail.*}):
 * the service embeds {@link PartyTrustConfig} and {@link TimeStampingConfig} in its {@code @ConfigMapping} and hands
 * them over here.
 *
 * @param configPrefix the service's configuration prefix (e.g. {@code semper.notary}), named in error messages and
 *        used as the prefix of its decision metrics ({@code <prefix>.decisions}, {@code <prefix>.rejections})
 * @param served the protocols this TTP settles; any other is {@code wrong-protocol}
 * @param identity this TTP as first messages name it ({@code ttp: {url, certSha256}})
 * @param signer signs tokens and status statements (the key stays in its key source)
 * @param escrowKey opens the escrows of protocols that use one
 * @param trust which parties are accepted
 * @param timeStamping the background B-T time-stamping of stored statements
 */
public record ExchangeTtpSettings(String configPrefix, Set<ExchangeProtocol> served, TtpIdentity identity,
        StatementSigner signer, KeyAgreementKey escrowKey, PartyTrustConfig trust, TimeStampingConfig timeStamping) {

    public ExchangeTtpSettings {
        Objects.requireNonNull(configPrefix, "configPrefix");
        served = Set.copyOf(served);
        if (served.isEmpty()) {
            throw new IllegalArgumentException("a TTP serves at least one protocol");
        }
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(escrowKey, "escrowKey");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(timeStamping, "timeStamping");
    }
}
