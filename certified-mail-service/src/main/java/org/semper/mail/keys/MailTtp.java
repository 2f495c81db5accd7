package org.semper.mail.keys;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.mail.MailConfig;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.SigningKey;

/**
 * This TTP as payloads name it ({@code ttp: {url, certSha256}}, {@code protocols.md} §0) and the signer of its
 * evidence. Every statement the service issues is signed here.
 */
@ApplicationScoped
public class MailTtp {

    private final String url;
    private final String certSha256;
    private final StatementSigner signer;

    @Inject
    public MailTtp(MailConfig config, SigningKey key) {
        this.url = config.baseUrl().map(MailTtp::withoutTrailingSlash).orElseThrow(() -> new KeySourceException(
                "Set semper.mail.base-url (SEMPER_MAIL_BASE_URL): evidence names this TTP by its URL"));
        this.certSha256 = org.semper.mail.party.Fingerprints.of(key.certificate());
        this.signer = key.statementSigner();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String url() {
        return url;
    }

    /** SHA-256 fingerprint (base64url) of the signing certificate. */
    public String certSha256() {
        return certSha256;
    }

    /** The {@code ttp} member of a payload. */
    public Map<String, String> identity() {
        return Map.of("url", url, "certSha256", certSha256);
    }

    public SignedStatement sign(String type, Map<String, ?> payload) {
        return signer.sign(type, payload);
    }
}
