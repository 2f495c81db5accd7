package org.semper.runtime.exchange.stamping;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

import org.semper.evidence.timestamp.MalformedTimeStampException;
import org.semper.evidence.timestamp.TimeStampQuery;
import org.semper.evidence.timestamp.TimeStampReply;

/** Asks an RFC 3161 TSA over HTTP (RFC 3161 §3.4: POST {@code application/timestamp-query}). Thread-safe. */
public final class TimeStampAuthorityClient {

    /** Longest reply read: a token with its certificates is a few KiB. */
    static final int MAX_REPLY_BYTES = 256 * 1024;

    private final URI url;
    private final Duration timeout;
    private final HttpClient http;

    public TimeStampAuthorityClient(URI url, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI url() {
        return url;
    }

    /** Sends the query and parses the reply (granted or not). */
    public TimeStampReply request(TimeStampQuery query) throws TimeStampingException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/timestamp-query")
                .POST(HttpRequest.BodyPublishers.ofByteArray(query.encoded())).build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new TimeStampingException("TSA " + url + " answered HTTP " + response.statusCode());
                }
                byte[] der = body.readNBytes(MAX_REPLY_BYTES + 1);
                if (der.length > MAX_REPLY_BYTES) {
                    throw new TimeStampingException("TSA " + url + " answered more than " + MAX_REPLY_BYTES + " bytes");
                }
                return TimeStampReply.parse(der);
            }
        } catch (IOException e) {
            throw new TimeStampingException("TSA " + url + " unreachable: " + e, e);
        } catch (MalformedTimeStampException e) {
            throw new TimeStampingException("TSA " + url + " answered something that is not a TimeStampResp: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeStampingException("interrupted while asking TSA " + url, e);
        }
    }
}
