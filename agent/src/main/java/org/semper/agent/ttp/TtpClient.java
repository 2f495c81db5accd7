package org.semper.agent.ttp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.semper.agent.net.Pem;
import org.semper.agent.net.UnreachableException;
import org.semper.agent.net.WebClient;
import org.semper.evidence.exchange.AbortRequest;
import org.semper.evidence.exchange.ExchangeId;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.CertificationPath;
import org.semper.evidence.validation.TrustAnchors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A party's client of one TTP: abort, resolve, status and the TTP's description. Answers are handed back as
 * received (a token is a signed statement); the caller checks them with {@code TtpToken.read}. Network failures
 * and server errors are retried with backoff; a refusal with a protocol reason is reported at once
 * ({@link TtpRefusal}).
 */
public final class TtpClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TtpApi api;
    private final URI base;
    private final WebClient web;
    private final int attempts;
    private final Duration backoff;

    public TtpClient(TtpApi api, URI base, Duration timeout, int attempts, Duration backoff) {
        this.api = Objects.requireNonNull(api, "api");
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.web = new WebClient(timeout);
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    public static TtpClient of(TtpApi api, URI base) {
        return new TtpClient(api, base, Duration.ofSeconds(15), 4, Duration.ofMillis(500));
    }

    public URI base() {
        return base;
    }

    public TtpApi api() {
        return api;
    }

    /** The initiator's abort: the abort token, or the token stored earlier for the exchange. */
    public SignedStatement abort(AbortRequest request) throws TtpRefusal, TtpUnreachableException {
        return token(api.abortPath(), request.toJson());
    }

    /** A party's resolve: the resolve token or affidavit, or the token stored earlier for the exchange. */
    public SignedStatement resolve(ResolveRequest request) throws TtpRefusal, TtpUnreachableException {
        return token(api.resolvePath(), request.toJson());
    }

    /** What the TTP says about an exchange: its signed status statement and, if decided, the stored token. */
    public record Status(SignedStatement statement, Optional<SignedStatement> token) {
    }

    public Status status(ExchangeProtocol protocol, ExchangeId exchange) throws TtpRefusal, TtpUnreachableException {
        WebClient.Answer answer = call(() -> web.get(base.resolve(api.statusPath(exchange.value()) + "?protocol="
                + protocol.id()), "application/json"));
        try {
            JsonNode body = JSON.readTree(answer.body());
            if (body.has("status") && body.get("status").isObject()) {
                Optional<SignedStatement> token = body.hasNonNull("token")
                        ? Optional.of(SignedStatement.parse(body.get("token").toString())) : Optional.empty();
                return new Status(SignedStatement.parse(body.get("status").toString()), token);
            }
            return new Status(SignedStatement.parse(answer.text()), Optional.empty());
        } catch (IOException | MalformedStatementException e) {
            throw new TtpRefusal(answer.status(), "malformed-answer", "the TTP's status answer is not a signed "
                    + "statement: " + e.getMessage());
        }
    }

    /**
     * Who the TTP is, as it describes itself ({@code {ttp: {url, certSha256}, signingCertificateChain, escrow:
     * {certificateChain, ...}, ...}}, the notary's {@code GET /api/v1/notary} and certified mail's
     * {@code GET /api/v1/mail}), checked: the identity names the signing certificate's fingerprint,
     * and the signing and escrow certificates chain to {@code anchors} and are valid now.
     */
    public TtpDescriptor describe(TrustAnchors anchors) throws TtpRefusal, TtpUnreachableException {
        WebClient.Answer answer = call(() -> web.get(base.resolve(api.describePath()), "application/json"));
        try {
            JsonNode body = JSON.readTree(answer.body());
            JsonNode ttp = body.path("ttp");
            TtpIdentity identity = new TtpIdentity(ttp.path("url").asText(), ttp.path("certSha256").asText());
            List<X509Certificate> signing = pem(body.path("signingCertificateChain").asText());
            List<X509Certificate> escrow = pem(body.path("escrow").path("certificateChain").asText(""));
            if (signing.isEmpty() || !Hashes.fingerprint(signing.get(0)).equals(identity.certSha256())) {
                throw new TtpRefusal(answer.status(), "wrong-ttp", "the TTP at " + base + " names a certificate it "
                        + "does not present");
            }
            requireTrusted(signing, anchors, "signing");
            if (!escrow.isEmpty()) {
                requireTrusted(escrow, anchors, "escrow");
                boolean[] usage = escrow.get(0).getKeyUsage();
                if (usage == null || !usage[4]) {
                    throw new TtpRefusal(answer.status(), "certificate-untrusted", "the TTP's escrow certificate "
                            + "is not for key agreement");
                }
            }
            return new TtpDescriptor(api, base.toString(), identity, signing, escrow);
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            throw new TtpRefusal(answer.status(), "malformed-answer", "the TTP at " + base + " does not describe "
                    + "itself as a Semper TTP: " + e.getMessage());
        }
    }

    private void requireTrusted(List<X509Certificate> chain, TrustAnchors anchors, String what) throws TtpRefusal {
        Optional<CertificationPath> path = CertificationPath.find(chain.get(0), chain, anchors);
        try {
            if (path.isEmpty()) {
                throw new CertPathValidatorException("no path to a trust anchor");
            }
            path.get().validateAt(Instant.now());
        } catch (CertPathValidatorException e) {
            throw new TtpRefusal(200, "certificate-untrusted", "the " + what + " certificate of the TTP at " + base
                    + " is not trusted: " + e.getMessage() + "; next: check the trust anchors (--anchors)");
        }
    }

    private SignedStatement token(String path, String body) throws TtpRefusal, TtpUnreachableException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        WebClient.Answer answer = call(() -> web.post(base.resolve(path), "application/json", bytes, Map.of()));
        try {
            return SignedStatement.parse(answer.text());
        } catch (MalformedStatementException e) {
            throw new TtpRefusal(answer.status(), "malformed-answer", "the TTP's answer is not a signed statement: "
                    + e.getMessage());
        }
    }

    private interface Call {
        WebClient.Answer run() throws UnreachableException;
    }

    /** A successful answer; retries unreachable TTPs and server errors, throws refusals. */
    private WebClient.Answer call(Call call) throws TtpRefusal, TtpUnreachableException {
        Exception last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                WebClient.Answer answer = call.run();
                if (answer.ok()) {
                    return answer;
                }
                WebClient.Problem problem = answer.problem();
                TtpRefusal refusal = new TtpRefusal(answer.status(), problem.code(), "the TTP at " + base
                        + " refused: " + problem);
                if (!refusal.retryable()) {
                    throw refusal;
                }
                last = refusal;
            } catch (UnreachableException e) {
                last = e;
            }
            sleep(backoff.multipliedBy(1L << (attempt - 1)));
        }
        throw new TtpUnreachableException("the TTP at " + base + " could not be reached: no usable answer after "
                + attempts + " attempts (" + last.getMessage() + ")", last);
    }

    private static void sleep(Duration duration) throws TtpUnreachableException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TtpUnreachableException("interrupted", e);
        }
    }

    private static List<X509Certificate> pem(String text) throws CertificateException {
        return Pem.certificates(text);
    }
}
