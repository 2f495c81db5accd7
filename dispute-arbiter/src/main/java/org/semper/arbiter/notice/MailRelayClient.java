package org.semper.arbiter.notice;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import org.semper.evidence.exchange.TtpIdentity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * HTTP client of the certified-mail service's relay (certified-mail-service README, "Endpoints"): the TTP's identity
 * and escrow key ({@code GET /api/v1/mail}: {@code ttp: {url, certSha256}, escrow: {certificateChain}}), submission of
 * an EOO, escrow and ciphertext ({@code POST /api/v1/mail/messages}), and the evidence of a message for its sender
 * ({@code POST /api/v1/mail/messages/{id}/evidence} with a signed {@code evidence-request}).
 */
final class MailRelayClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The relay as an EOO names it, and the key the content key is escrowed to. */
    record Relay(TtpIdentity identity, PublicKey escrowKey) {
    }

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    MailRelayClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI base() {
        return base;
    }

    Relay relay() throws IOException, InterruptedException {
        JsonNode answer = json(send(HttpRequest.newBuilder(base.resolve("/api/v1/mail")).GET()), 200);
        try {
            X509Certificate escrow = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(answer.path("escrow").path("certificateChain").asText()
                            .getBytes(StandardCharsets.US_ASCII)));
            return new Relay(new TtpIdentity(answer.path("ttp").path("url").asText(),
                    answer.path("ttp").path("certSha256").asText()), escrow.getPublicKey());
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IOException("the relay's certificates answer is not usable: " + e.getMessage(), e);
        }
    }

    /** Submits; the answer's {@code evidence} is the relay's SubmissionAcceptance statement. */
    JsonNode submit(String eooJson, byte[] ek, byte[] ciphertext) throws IOException, InterruptedException {
        Base64.Encoder b64u = Base64.getUrlEncoder().withoutPadding();
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(base.resolve("/api/v1/mail/messages"))
                .header("Content-Type", "application/octet-stream")
                .header("Semper-Eoo", b64u.encodeToString(eooJson.getBytes(StandardCharsets.UTF_8)))
                .header("Semper-Escrow", b64u.encodeToString(ek))
                .POST(HttpRequest.BodyPublishers.ofByteArray(ciphertext)));
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IOException("the relay refused the notice: HTTP " + response.statusCode() + " "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** Every piece of evidence of message {@code eoo}, for its sender. */
    JsonNode evidence(String eoo, String signedRequest) throws IOException, InterruptedException {
        return json(send(HttpRequest.newBuilder(base.resolve("/api/v1/mail/messages/" + eoo + "/evidence"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(signedRequest))), 200);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<byte[]> response, int expected) throws IOException {
        if (response.statusCode() != expected) {
            throw new IOException("HTTP " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }
}
