package org.semper.mail.keys;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.TokenPayload;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.mail.MailConfig;
import org.semper.runtime.exchange.ExchangeTtpSettings;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.SigningKey;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * This TTP as payloads name it ({@code ttp: {url, certSha256}}) and the signer of everything it issues.
 */
@ApplicationScoped
public class MailTtp {

    private final TtpIdentity identity;
    private final StatementSigner signer;

    @Inject
    public MailTtp(MailConfig config, SigningKey key) {
        String url = config.baseUrl().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElseThrow(
                () -> new KeySourceException("Set semper.mail.base-url (SEMPER_MAIL_BASE_URL): evidence names this TTP by its URL"));
        this.identity = TtpIdentity.of(url, key.certificate());
        this.signer = key.statementSigner();
    }

    /**
     * What ttp-runtime's exchange wiring ({@code ExchangeTtp}, party trust, time-stamping) needs: this TTP serves
     * {@code semper-cm/1}, under {@code semper.mail.*}.
     */
    @Produces
    @Singleton
    ExchangeTtpSettings exchangeTtp(MailConfig config, EscrowKey escrow) {
        return new ExchangeTtpSettings("semper.mail", Set.of(ExchangeProtocol.CERTIFIED_MAIL), identity, signer,
                escrow.key(), config.trust(), config.timeStamping());
    }

    public TtpIdentity identity() {
        return identity;
    }

    public SignedStatement sign(String type, JsonNode payload) {
        return signer.sign(type, payload);
    }

    public SignedStatement sign(TokenPayload token) {
        return token.sign(signer);
    }
}
