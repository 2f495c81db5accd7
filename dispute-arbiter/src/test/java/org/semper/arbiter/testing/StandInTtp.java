package org.semper.arbiter.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.semper.evidence.exchange.ExchangeId;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeState;
import org.semper.evidence.exchange.Labels;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A TTP's status endpoint for the arbiter's tests, built from the exchange library's token payloads and signed with a
 * real certificate of the in-process CA (whose CRL and OCSP the arbiter fetches): {@code GET
 * /api/v1/exchanges/{id}} answers the notary's form {@code {status, state, token}}. It has no transparency log
 * ({@code /log/*} answer 404). It can be switched off (503), as a TTP that is down.
 */
public final class StandInTtp implements AutoCloseable {
    private final HttpServer server;
    private final StatementSigner signer;
    private final TtpIdentity identity;
    private final Map<String, SignedStatement> decisions = new ConcurrentHashMap<>();
    private volatile boolean up = true;

    private StandInTtp(HttpServer server, StatementSigner signer) {
        this.server = server;
        this.signer = signer;
        this.identity = TtpIdentity.of("http://127.0.0.1:" + server.getAddress().getPort(),
                signer.certificateChain().get(0));
    }

    public static StandInTtp start(StatementSigner signer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            StandInTtp ttp = new StandInTtp(server, signer);
            server.createContext("/api/v1/exchanges/", ttp::status);
            server.createContext("/log/", exchange -> answer(exchange, 404, "{}"));
            server.start();
            return ttp;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create(identity.url());
    }

    public TtpIdentity identity() {
        return identity;
    }

    public StatementSigner signer() {
        return signer;
    }

    public void up(boolean up) {
        this.up = up;
    }

    /** Stores the decision (token) for an exchange, as the TTP's state. */
    public void decided(String exchange, SignedStatement token) {
        decisions.put(exchange, token);
    }

    private void status(HttpExchange exchange) throws IOException {
        if (!up) {
            answer(exchange, 503, "{}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String query = exchange.getRequestURI().getQuery();
        String protocolId = query == null ? "" : java.net.URLDecoder.decode(query.replace("protocol=", ""),
                StandardCharsets.UTF_8);
        ExchangeProtocol protocol = ExchangeProtocol.fromId(protocolId).orElse(ExchangeProtocol.CONTRACT_SIGNING);
        SignedStatement stored = decisions.get(id);
        ExchangeState state = stored == null ? ExchangeState.NONE
                : Labels.ABORTED.equals(stored.payload().path("msg").asText()) ? ExchangeState.ABORTED : ExchangeState.RESOLVED;
        SignedStatement status = TtpTokens.status(protocol, new ExchangeId(id), state,
                Optional.ofNullable(stored).map(SignedStatement::id), Instant.now()).sign(signer);
        answer(exchange, 200, "{\"status\":" + status.toJson() + ",\"state\":\"" + state.code() + "\""
                + (stored == null ? "" : ",\"token\":" + stored.toJson()) + "}");
    }

    /** Sends a JSON answer (the relay stand-in uses it too). */
    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
