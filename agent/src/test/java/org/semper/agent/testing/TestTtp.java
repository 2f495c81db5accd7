package org.semper.agent.testing;

import static org.semper.agent.testing.HttpAnswers.answer;
import static org.semper.agent.testing.HttpAnswers.problem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.semper.agent.net.Pem;
import org.semper.agent.ttp.TtpApi;
import org.semper.evidence.exchange.AbortRequest;
import org.semper.evidence.exchange.EscrowCheck;
import org.semper.evidence.exchange.EscrowOutcome;
import org.semper.evidence.exchange.ExchangeId;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.ExchangeState;
import org.semper.evidence.exchange.Labels;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.exchange.VerifiedAbort;
import org.semper.evidence.exchange.VerifiedResolve;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.validation.RevocationFetcher;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A TTP over HTTP built only from the evidence library (as the evidence module's {@code InMemoryTtp}): the notary's
 * or the certified-mail service's endpoints, {@code TtpRequestVerifier} for every check, {@code EscrowCheck} and
 * {@code TtpTokens} for the decision, one decision per exchange id in a map (what the services do, minus
 * PostgreSQL and the log). Rejections are problem+json with the library's reason code.
 */
public final class TestTtp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TtpApi api;
    private final HttpServer server;
    private final Pki.Entity signing;
    private final Pki.Entity escrow;
    private final TtpIdentity identity;
    private final TtpRequestVerifier verifier;
    private final StatementSigner signer;
    private final Map<ExchangeId, SignedStatement> decisions = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean down;

    public TestTtp(TtpApi api, Pki.Entity ca, RevocationFetcher revocation, String crlUrl) throws IOException {
        this.api = api;
        this.signing = ca.issue(api == TtpApi.MAIL ? "Test Certified Mail" : "Test Notary", Pki.Usage.SIGNING, crlUrl);
        this.escrow = ca.issue("Test Escrow Key", Pki.Usage.KEY_AGREEMENT, crlUrl);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.identity = TtpIdentity.of(url(), signing.certificate());
        this.verifier = new TtpRequestVerifier(TrustAnchors.of(ca.certificate()),
                ValidationPolicy.builder().revocationFetcher(revocation).build());
        this.signer = StatementSigner.of(signing.key().getPrivate(), List.of(signing.certificate()));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(api.abortPath(), exchange -> handle(exchange, () -> abort(exchange)));
        server.createContext(api.resolvePath(), exchange -> handle(exchange, () -> resolve(exchange)));
        server.createContext(api.statusPath(""), exchange -> handle(exchange, () -> status(exchange)));
        server.createContext(api.describePath(), exchange -> handle(exchange, () -> {
            if (exchange.getRequestURI().getPath().replaceAll("/$", "").equals(api.describePath())) {
                describe(exchange);
            } else {
                answer(exchange, 404, "application/problem+json", problem("not-found", "no such endpoint"));
            }
        }));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public TtpIdentity identity() {
        return identity;
    }

    /** While down, every request gets 503 (as a TTP being restarted). */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** How many abort and resolve requests were answered with a token. */
    public int decisionsMade() {
        return requests.get();
    }

    public Optional<SignedStatement> decision(String exchange) {
        return Optional.ofNullable(decisions.get(new ExchangeId(exchange)));
    }

    private interface Handler {
        void run() throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) {
        try (exchange) {
            if (down) {
                answer(exchange, 503, "application/problem+json", problem("unavailable", "restarting"));
                return;
            }
            handler.run();
        } catch (IOException e) {
            // the client went away
        }
    }

    private void abort(HttpExchange exchange) throws IOException {
        try {
            AbortRequest request = AbortRequest.parse(exchange.getRequestBody().readAllBytes());
            Instant now = Instant.now();
            VerifiedAbort abort = verifier.verifyAbort(request, identity, now);
            SignedStatement token = decisions.computeIfAbsent(abort.exchange(),
                    x -> TtpTokens.aborted(abort, now).sign(signer));
            requests.incrementAndGet();
            answer(exchange, 200, "application/jose+json", token.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (ExchangeRejection e) {
            answer(exchange, 400, "application/problem+json", problem(e.reason().code(), e.getMessage()));
        }
    }

    private void resolve(HttpExchange exchange) throws IOException {
        try {
            ResolveRequest request = ResolveRequest.parse(exchange.getRequestBody().readAllBytes());
            Instant now = Instant.now();
            VerifiedResolve resolve = verifier.verifyResolve(request, identity, now);
            SignedStatement token = decisions.computeIfAbsent(resolve.exchange(), x -> {
                Optional<EscrowOutcome> outcome = resolve.protocol().usesEscrow()
                        ? Optional.of(EscrowCheck.open(resolve, escrow.key().getPrivate())) : Optional.empty();
                return TtpTokens.resolution(resolve, outcome, now).sign(signer);
            });
            requests.incrementAndGet();
            answer(exchange, 200, "application/jose+json", token.toJson().getBytes(StandardCharsets.UTF_8));
        } catch (ExchangeRejection e) {
            answer(exchange, 400, "application/problem+json", problem(e.reason().code(), e.getMessage()));
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        ExchangeId id = new ExchangeId(path.substring(path.lastIndexOf('/') + 1));
        ExchangeProtocol protocol = api == TtpApi.MAIL ? ExchangeProtocol.CERTIFIED_MAIL
                : ExchangeProtocol.fromId(query(exchange, "protocol")).orElse(ExchangeProtocol.PURCHASE);
        SignedStatement stored = decisions.get(id);
        ExchangeState state = stored == null ? ExchangeState.NONE
                : stored.payload().path("msg").asText().equals(Labels.ABORTED) ? ExchangeState.ABORTED
                : ExchangeState.RESOLVED;
        SignedStatement status = TtpTokens.status(protocol, id, state, Optional.ofNullable(stored)
                .map(SignedStatement::id), Instant.now()).sign(signer);
        ObjectNode view = JSON.createObjectNode();
        view.set("status", JSON.readTree(status.toJson()));
        view.put("state", state.code());
        if (stored != null) {
            view.set("token", JSON.readTree(stored.toJson()));
        }
        answer(exchange, 200, "application/json", view.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void describe(HttpExchange exchange) throws IOException {
        ObjectNode view = JSON.createObjectNode();
        view.putObject("ttp").put("url", identity.url()).put("certSha256", identity.certSha256());
        view.put("signingCertificateChain", Pem.encode(List.of(signing.certificate())));
        view.putObject("escrow").put("certificateChain", Pem.encode(List.of(escrow.certificate())));
        answer(exchange, 200, "application/json", view.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return "";
    }



    @Override
    public void close() {
        server.stop(0);
    }
}
