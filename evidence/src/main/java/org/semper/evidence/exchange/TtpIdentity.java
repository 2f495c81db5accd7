package org.semper.evidence.exchange;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How a payload names a TTP: its URL and the SHA-256 fingerprint (base64url) of its signing certificate,
 * written as {@code "ttp": {"url": "https://notary.example", "certSha256": "<b64u>"}}. A token counts only if
 * it is signed with the certificate named here.
 */
public record TtpIdentity(String url, String certSha256) {
    public TtpIdentity {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(certSha256, "certSha256");
        if (!Hashes.isDigest(certSha256)) {
            throw new IllegalArgumentException("certSha256 is not a base64url SHA-256 value");
        }
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("TTP url is not an absolute URL with a host: " + url);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("TTP url is not a URL: " + url, e);
        }
    }

    /** The identity of the TTP at {@code url} signing with {@code certificate}. */
    public static TtpIdentity of(String url, X509Certificate certificate) {
        return new TtpIdentity(url, Hashes.fingerprint(certificate));
    }

    /** The JSON member value {@code {"url": ..., "certSha256": ...}}. */
    public ObjectNode toJson() {
        return Payloads.object().put("url", url).put("certSha256", certSha256);
    }

    static TtpIdentity fromJson(JsonNode node) throws ExchangeRejection {
        if (node == null || !node.isObject() || node.size() != 2) {
            throw new ExchangeRejection(ExchangeReason.MALFORMED, "ttp is not {url, certSha256}");
        }
        try {
            return new TtpIdentity(Payloads.text(node, "url"), Payloads.text(node, "certSha256"));
        } catch (IllegalArgumentException e) {
            throw new ExchangeRejection(ExchangeReason.MALFORMED, "ttp: " + e.getMessage());
        }
    }
}
