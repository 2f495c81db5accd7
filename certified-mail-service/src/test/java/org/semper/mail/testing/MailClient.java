package org.semper.mail.testing;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** A sender's and recipient's view of the service over HTTP, built with the evidence library's party side. */
public final class MailClient {

    /** A sealed message and its EOO. */
    public record Letter(SealedContent content, SignedStatement eoo, MailParty sender, MailParty recipient) {
        public String id() {
            return eoo.id();
        }
    }

    private static volatile TtpIdentity ttp;
    private static volatile PublicKey escrowKey;

    private MailClient() {
    }

    /** The TTP as EOOs name it (from {@code GET /api/v1/mail}). */
    public static TtpIdentity ttp() {
        loadCertificates();
        return ttp;
    }

    public static PublicKey escrowKey() {
        loadCertificates();
        return escrowKey;
    }

    private static synchronized void loadCertificates() {
        if (ttp != null) {
            return;
        }
        JsonPath answer = given().get("/api/v1/mail").then().statusCode(200).extract().jsonPath();
        ttp = new TtpIdentity(answer.getString("ttp.url"), answer.getString("ttp.certSha256"));
        escrowKey = firstCertificate(answer.getString("escrow.certificateChain")).getPublicKey();
    }

    public static X509Certificate firstCertificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals {@code message} for {@code recipient} and signs the EOO. */
    public static Letter letter(MailParty sender, MailParty recipient, byte[] message, Optional<Instant> deadline) {
        SealedContent content = CertifiedMailMessages.seal(message, escrowKey(), sender.certificate(), recipient.certificate());
        SignedStatement eoo = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), ttp(), "Invoice 42",
                content, deadline);
        return new Letter(content, eoo, sender, recipient);
    }

    public static Letter letter(MailParty sender, MailParty recipient, String message) {
        return letter(sender, recipient, message.getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    public static String b64u(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Submits with RestAssured (the body as bytes). */
    public static Response submit(Letter letter) {
        return submit(letter.eoo(), letter.content().ek(), letter.content().ciphertext());
    }

    public static Response submit(SignedStatement eoo, byte[] ek, byte[] body) {
        return given().header("Semper-Eoo", b64u(eoo.toJson())).header("Semper-Escrow", Hashes.b64u(ek))
                .contentType("application/octet-stream").body(body).post("/api/v1/mail/messages");
    }

    /**
     * Submits with the JDK client, streaming the body from {@code body}: with a declared {@code Content-Length}
     * if {@code length >= 0}, else chunked.
     */
    public static HttpResponse<String> stream(SignedStatement eoo, byte[] ek, Supplier<InputStream> body, long length) {
        HttpRequest.BodyPublisher publisher = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length)
                : HttpRequest.BodyPublishers.ofInputStream(body);
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/api/v1/mail/messages"))
                .header("Semper-Eoo", b64u(eoo.toJson())).header("Semper-Escrow", Hashes.b64u(ek))
                .header("Content-Type", "application/octet-stream").POST(publisher).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The application's base URI, for the JDK client. */
    public static URI base() {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port);
    }

    /**
     * A signed party request {@code Sig_P{protocol, msg, ttp, nonce, ...members}} ({@code typ semper-cm/1/<msg>}).
     */
    public static String request(MailParty party, String msg, Map<String, String> members) {
        ExchangeProtocol cm = ExchangeProtocol.CERTIFIED_MAIL;
        ObjectNode payload = Payloads.start(cm, msg).put("nonce", Hashes.b64u(Hashes.random32()));
        payload.set("ttp", Payloads.object().put("url", ttp().url()).put("certSha256", ttp().certSha256()));
        members.forEach(payload::put);
        return party.signer().sign(cm.type(msg), payload).toJson();
    }

    /** The recipient's receipt for {@code eoo}. */
    public static SignedStatement eor(MailParty recipient, SignedStatement eoo) {
        return CertifiedMailMessages.eor(recipient.signer(), eoo);
    }

    public static Response receipt(String exchangeId, SignedStatement eor) {
        return given().contentType("application/json").body(eor.toJson()).post("/api/v1/mail/messages/" + exchangeId + "/receipt");
    }

    public static Response inbox(MailParty recipient) {
        return given().contentType("application/json").body(request(recipient, "inbox-request", Map.of()))
                .post("/api/v1/mail/inbox");
    }

    public static Response content(MailParty party, String exchangeId) {
        return given().contentType("application/json").body(request(party, "content-request", Map.of("eoo", exchangeId)))
                .post("/api/v1/mail/messages/" + exchangeId + "/content");
    }

    public static Response evidence(MailParty party, String exchangeId) {
        return given().contentType("application/json").body(request(party, "evidence-request", Map.of("eoo", exchangeId)))
                .post("/api/v1/mail/messages/" + exchangeId + "/evidence");
    }
}
