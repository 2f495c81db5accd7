package org.semper.agent.testing;

import static org.semper.agent.testing.HttpAnswers.answer;
import static org.semper.agent.testing.HttpAnswers.problem;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.semper.agent.net.Pem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The enrollment endpoints of {@code ca-service} as its README specifies them (EST simpleenroll and cacerts with the
 * token as the Basic password; REST with a token; REST without one, pending until "approved" on the second poll),
 * issuing real certificates from a test CA for the CSR's key after checking the CSR's signature.
 */
public final class TestCa implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pki.Entity ca;
    private final HttpServer server;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> pending = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
    private final Map<java.security.cert.X509Certificate, java.time.Instant> revoked;

    public TestCa(Pki.Entity ca) throws IOException {
        this(ca, new ConcurrentHashMap<>());
    }

    /** A CA that also serves its CRL, fresh on every request, revoking {@code revoked}. */
    public TestCa(Pki.Entity ca, Map<java.security.cert.X509Certificate, java.time.Instant> revoked) throws IOException {
        this.ca = ca;
        this.revoked = revoked;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/est/", exchange -> handle(exchange, () -> est(exchange)));
        server.createContext("/api/v1/certificates", exchange -> handle(exchange, () -> rest(exchange)));
        server.createContext("/api/v1/enrollment-requests/", exchange -> handle(exchange, () -> poll(exchange)));
        server.createContext("/crl/issuing.crl", exchange -> handle(exchange, () -> answer(exchange, 200,
                "application/pkix-crl", Pki.crl(ca, java.time.Instant.now(), revoked).getEncoded())));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Where its CRL is served; named in every certificate it issues. */
    public String crlUrl() {
        return url() + "/crl/issuing.crl";
    }

    /** An officer's one-time enrollment token. */
    public String token() {
        String token = "token-" + tokens.size() + "-" + System.nanoTime();
        tokens.add(token);
        return token;
    }

    private interface Handler {
        void run() throws Exception;
    }

    private void handle(HttpExchange exchange, Handler handler) {
        try (exchange) {
            handler.run();
        } catch (Exception e) {
            try {
                answer(exchange, 500, "application/problem+json", problem("internal", String.valueOf(e)));
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    private void est(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        if (path.endsWith("/cacerts")) {
            answer(exchange, 200, "application/pkcs7-mime", certsOnly(List.of(ca.certificate())));
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String token = authorization == null ? "" : new String(Base64.getDecoder().decode(
                authorization.substring("Basic ".length())), StandardCharsets.UTF_8).split(":", 2)[1];
        if (!tokens.remove(token)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"est\"");
            answer(exchange, 401, "application/problem+json", problem("enrollment-token-invalid", "unknown token"));
            return;
        }
        byte[] csr = Base64.getMimeDecoder().decode(exchange.getRequestBody().readAllBytes());
        answer(exchange, 200, "application/pkcs7-mime", certsOnly(List.of(issue(csr))));
    }

    private void rest(HttpExchange exchange) throws Exception {
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        byte[] csr = pemToDer(body.path("csr").asText());
        if (body.hasNonNull("enrollmentToken")) {
            if (!tokens.remove(body.get("enrollmentToken").asText())) {
                answer(exchange, 409, "application/problem+json", problem("enrollment-token-used", "used or unknown"));
                return;
            }
            answer(exchange, 201, "application/json", JSON.createObjectNode().put("serial", "1")
                    .put("certificate", Pem.encode(List.of(issue(csr)))).put("chain", Pem.encode(List.of(ca.certificate())))
                    .toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        String id = "req-" + System.nanoTime();
        pending.put(id, body.path("csr").asText());
        polls.put(id, new AtomicInteger());
        answer(exchange, 202, "application/json", JSON.createObjectNode().put("id", id).put("status", "pending")
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private void poll(HttpExchange exchange) throws Exception {
        String path = exchange.getRequestURI().getPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        if (!pending.containsKey(id)) {
            answer(exchange, 404, "application/problem+json", problem("not-found", id));
            return;
        }
        if (polls.get(id).incrementAndGet() < 2) {
            answer(exchange, 200, "application/json", JSON.createObjectNode().put("id", id).put("status", "pending")
                    .toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        answer(exchange, 200, "application/json", JSON.createObjectNode().put("id", id).put("status", "issued")
                .put("certificate", Pem.encode(List.of(issue(pemToDer(pending.get(id))))))
                .put("chain", Pem.encode(List.of(ca.certificate()))).toString().getBytes(StandardCharsets.UTF_8));
    }

    private java.security.cert.X509Certificate issue(byte[] der) throws Exception {
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(der));
        if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))) {
            throw new IllegalArgumentException("no proof of possession");
        }
        return ca.certify(X500Name.getInstance(csr.getSubject()), csr.getPublicKey(), Pki.Usage.SIGNING, crlUrl());
    }

    private static byte[] pemToDer(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static byte[] certsOnly(List<java.security.cert.X509Certificate> certificates) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addCertificates(new JcaCertStore(certificates));
        return Base64.getMimeEncoder().encode(generator.generate(new CMSAbsentContent()).getEncoded());
    }



    @Override
    public void close() {
        server.stop(0);
    }
}
