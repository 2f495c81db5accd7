package org.semper.arbiter.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.keys.CertificatePem;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The certified-mail relay's submission and evidence endpoints as the arbiter uses them (certified-mail-service
 * {@code MailResource}), for the arbiter's tests: it checks that the EOO is a valid semper-cm/1 first message
 * (exchange library) naming this relay and that {@code h(c)} is its {@code hashCipher}, then answers with a signed
 * SubmissionAcceptance; the evidence endpoint gives ContentHandover once {@link #handOver} was called. It can be
 * switched off (503) to test the retry of notices.
 */
public final class StandInRelay implements AutoCloseable {
    private final HttpServer server;
    private final StatementSigner signer;
    private final X509Certificate escrowCertificate;
    private final TtpIdentity identity;
    private final Map<String, SignedStatement> submitted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> handedOver = new ConcurrentHashMap<>();
    private final AtomicInteger submissions = new AtomicInteger();
    private volatile boolean up = true;

    private StandInRelay(HttpServer server, StatementSigner signer, X509Certificate escrowCertificate) {
        this.server = server;
        this.signer = signer;
        this.escrowCertificate = escrowCertificate;
        this.identity = TtpIdentity.of("http://127.0.0.1:" + server.getAddress().getPort(),
                signer.certificateChain().get(0));
    }

    public static StandInRelay start(StatementSigner signer, KeyPair escrowKey, X509Certificate escrowCertificate) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandInRelay relay = new StandInRelay(server, signer, escrowCertificate);
            server.createContext("/api/v1/mail", relay::description);
            server.createContext("/api/v1/mail/messages", relay::messages);
            server.start();
            return relay;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create(identity.url());
    }

    public void up(boolean up) {
        this.up = up;
    }

    public int submissions() {
        return submissions.get();
    }

    /** The EOOs accepted, by id. */
    public Map<String, SignedStatement> submitted() {
        return submitted;
    }

    /** The recipient collected message {@code eoo}. */
    public void handOver(String eoo) {
        handedOver.put(eoo, true);
    }

    /** {@code GET /api/v1/mail}: the identity EOOs name, the signing chain, the escrow key's chain. */
    private void description(HttpExchange exchange) throws IOException {
        if (!up) {
            StandInTtp.answer(exchange, 503, "{}");
            return;
        }
        StandInTtp.answer(exchange, 200, "{\"ttp\":{\"url\":\"" + identity.url() + "\",\"certSha256\":\""
                + identity.certSha256() + "\"},\"protocols\":[\"semper-cm/1\"],\"signingCertificateChain\":"
                + json(CertificatePem.encode(signer.certificateChain())) + ",\"escrow\":{\"certificateChain\":"
                + json(CertificatePem.encode(List.of(escrowCertificate))) + "}}");
    }

    private void messages(HttpExchange exchange) throws IOException {
        if (!up) {
            StandInTtp.answer(exchange, 503, "{}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/evidence")) {
            String eoo = path.split("/")[5];
            String evidence = handedOver.containsKey(eoo) ? "[{\"event\":\"ContentHandover\",\"statement\":"
                    + event("ContentHandover", eoo).toJson() + "}]" : "[]";
            StandInTtp.answer(exchange, 200, "{\"exchange\":\"" + eoo + "\",\"evidence\":" + evidence + "}");
            return;
        }
        submissions.incrementAndGet();
        try {
            String eooJson = new String(Base64.getUrlDecoder().decode(exchange.getRequestHeaders().getFirst("Semper-Eoo")),
                    StandardCharsets.UTF_8);
            byte[] c = exchange.getRequestBody().readAllBytes();
            FirstMessage eoo = FirstMessage.read(SignedStatement.parse(eooJson));
            if (!eoo.ttp().equals(identity) || !Hashes.h(c).equals(eoo.hashCipher().orElseThrow())) {
                StandInTtp.answer(exchange, 400, "{\"code\":\"content-mismatch\"}");
                return;
            }
            submitted.put(eoo.exchange().value(), eoo.statement());
            StandInTtp.answer(exchange, 201, "{\"exchange\":\"" + eoo.exchange().value() + "\",\"state\":\"consigned\",\"evidence\":"
                    + event("SubmissionAcceptance", eoo.exchange().value()).toJson() + "}");
        } catch (Exception e) {
            StandInTtp.answer(exchange, 400, "{\"code\":\"malformed\"}");
        }
    }

    private SignedStatement event(String event, String eoo) {
        return signer.sign("semper-cm/1/relay-evidence", Map.of("protocol", "semper-cm/1", "msg", "relay-evidence",
                "event", event, "eoo", eoo));
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }


    @Override
    public void close() {
        server.stop(0);
    }
}
