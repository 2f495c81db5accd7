package org.semper.arbiter.decision;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.trust.ArbiterTrust;
import org.semper.evidence.validation.RevocationData;
import org.semper.runtime.exchange.trust.HttpRevocationFetcher;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.tlog.MerkleHash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Fetches a TTP's own view of an exchange for the record: its signed status statement and the token it stored
 * ({@code GET <ttp>/api/v1/exchanges/{id}}, or the certified-mail service's {@code /api/v1/mail/exchanges/{id}}), the
 * certificate of its log key ({@code /log/key}) and offline inclusion proofs of both statements
 * ({@code /log/bundle?hash=}). Only TTPs listed in {@code semper.arbiter.ttps.trusted} are asked: the arbiter does not
 * call URLs taken from evidence. Anything that fails is reported, never guessed: the verdict then names the TTP's
 * status as a missing fact.
 */
@ApplicationScoped
public class TtpViews {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 4 << 20;

    /** An item for the case bundle. */
    public record Item(ItemRole role, String mediaType, byte[] content, String description) {
    }

    /** What was fetched; {@code missing} says what could not be (empty: everything was). */
    public record View(List<Item> items, Optional<String> missing, Optional<byte[]> status, String summary) {
    }

    private final ArbiterConfig config;
    private final HttpClient http;
    private final HttpRevocationFetcher revocation;
    private final ArbiterTrust trust;

    @Inject
    public TtpViews(ArbiterConfig config, ArbiterTrust trust) {
        this.config = config;
        this.trust = trust;
        this.http = HttpClient.newBuilder().connectTimeout(config.ttps().timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.revocation = new HttpRevocationFetcher(config.ttps().timeout());
    }

    public View fetch(String ttpUrl, String protocol, String exchange) {
        Optional<URI> base = config.ttps().trusted().orElse(List.of()).stream()
                .filter(uri -> strip(uri.toString()).equals(strip(ttpUrl))).findFirst();
        if (base.isEmpty()) {
            return missing("TTP " + ttpUrl + " is not among the TTPs this arbiter asks (semper.arbiter.ttps.trusted)");
        }
        String root = strip(base.get().toString());
        String id = URLEncoder.encode(exchange, StandardCharsets.UTF_8);
        try {
            Answer answer = get(root + "/api/v1/exchanges/" + id + "?protocol=" + URLEncoder.encode(protocol,
                    StandardCharsets.UTF_8));
            if (answer.status() == 404) {
                answer = get(root + "/api/v1/mail/exchanges/" + id);
            }
            if (answer.status() != 200) {
                return missing("TTP " + root + " answered HTTP " + answer.status() + " for the status of " + exchange);
            }
            JsonNode node = JSON.readTree(answer.body());
            SignedStatement status = statement(node.has("protected") ? node : node.get("status"));
            Optional<SignedStatement> token = node.hasNonNull("token") ? Optional.of(statement(node.get("token")))
                    : Optional.empty();
            List<Item> items = new ArrayList<>();
            byte[] statusBytes = status.toJson().getBytes(StandardCharsets.UTF_8);
            items.add(new Item(ItemRole.STATUS, "application/jose+json", statusBytes, "status fetched from " + root));
            token.ifPresent(t -> items.add(new Item(role(t), "application/jose+json",
                    t.toJson().getBytes(StandardCharsets.UTF_8), "the token the status names, fetched from " + root)));
            List<String> notes = new ArrayList<>();
            revocationOf(status.signerCertificate(), status.certificateChain()).forEach(items::add);
            logKey(root).ifPresentOrElse(cert -> items.add(new Item(ItemRole.CERTIFICATE, "application/pkix-cert", cert,
                    "the log key certificate of " + root)), () -> notes.add("no log key certificate"));
            List<byte[]> logged = new ArrayList<>(List.of(statusBytes));
            token.ifPresent(t -> logged.add(t.toJson().getBytes(StandardCharsets.UTF_8)));
            for (byte[] entry : logged) {
                proof(root, entry).ifPresentOrElse(p -> items.add(new Item(ItemRole.TLOG_PROOF, "text/plain", p,
                        "inclusion proof from " + root + "/log/bundle")), () -> notes.add("an inclusion proof was not "
                                + "yet available"));
            }
            return new View(items, Optional.empty(), Optional.of(statusBytes), "status "
                    + status.payload().path("state").asText() + " of " + root + (token.isPresent() ? " with its token" : "")
                    + (notes.isEmpty() ? "" : "; " + String.join("; ", notes)));
        } catch (IOException | MalformedStatementException | RuntimeException e) {
            return missing("TTP " + root + " could not be asked for the status of " + exchange + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return missing("interrupted while asking TTP " + root);
        }
    }

    /**
     * The CA's current CRL or OCSP response for the TTP's certificate (fetched from its CDP / AIA, as parties' trust
     * does), so that the TTP's statements can be validated offline at the decision.
     */
    private List<Item> revocationOf(X509Certificate signer, List<X509Certificate> chain) {
        List<Item> items = new ArrayList<>();
        List<X509Certificate> candidates = new ArrayList<>(chain);
        candidates.addAll(trust.trust().signers().certificates());
        for (X509Certificate issuer : candidates) {
            if (!issuer.getSubjectX500Principal().equals(signer.getIssuerX500Principal()) || issuer.equals(signer)) {
                continue;
            }
            try {
                signer.verify(issuer.getPublicKey());
            } catch (java.security.GeneralSecurityException e) {
                continue;
            }
            RevocationData data = revocation.fetch(signer, issuer);
            try {
                for (java.security.cert.X509CRL crl : data.crls()) {
                    items.add(new Item(ItemRole.CRL, "application/pkix-crl", crl.getEncoded(),
                            "the CRL of the TTP's CA, fetched at the decision"));
                }
                for (org.bouncycastle.cert.ocsp.BasicOCSPResp response : data.ocspResponses()) {
                    items.add(new Item(ItemRole.OCSP, "application/ocsp-response", new org.bouncycastle.cert.ocsp
                            .OCSPRespBuilder().build(org.bouncycastle.cert.ocsp.OCSPRespBuilder.SUCCESSFUL, response)
                            .getEncoded(), "the OCSP response about the TTP's certificate, fetched at the decision"));
                }
            } catch (java.security.cert.CRLException | IOException | org.bouncycastle.cert.ocsp.OCSPException e) {
                // an unusable answer: the status stays without revocation data and the verdict says so
            }
            break;
        }
        return items;
    }

    private static View missing(String why) {
        return new View(List.of(), Optional.of(why), Optional.empty(), why);
    }

    private static ItemRole role(SignedStatement token) {
        return switch (token.payload().path("msg").asText()) {
            case "aborted" -> ItemRole.ABORT_TOKEN;
            case "affidavit" -> ItemRole.AFFIDAVIT;
            case "key-released" -> ItemRole.KEY_RELEASED;
            default -> ItemRole.RESOLVE_TOKEN;
        };
    }

    private Optional<byte[]> logKey(String root) throws IOException, InterruptedException {
        Answer answer = get(root + "/log/key");
        if (answer.status() != 200) {
            return Optional.empty();
        }
        String pem = JSON.readTree(answer.body()).path("certificateChain").asText("");
        if (pem.isEmpty()) {
            return Optional.empty();
        }
        try {
            X509Certificate first = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return Optional.of(first.getEncoded());
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }

    /** The C2SP tlog-proof of {@code entry}; retried briefly while the log has not sequenced it yet. */
    private Optional<byte[]> proof(String root, byte[] entry) throws IOException, InterruptedException {
        String hash = URLEncoder.encode(Base64.getEncoder().encodeToString(MerkleHash.leaf(entry)), StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 5; attempt++) {
            Answer answer = get(root + "/log/bundle?hash=" + hash);
            if (answer.status() == 200) {
                return Optional.of(answer.body());
            }
            if (answer.status() != 503) {
                return Optional.empty();
            }
            Thread.sleep(400);
        }
        return Optional.empty();
    }

    private record Answer(int status, byte[] body) {
    }

    private Answer get(String url) throws IOException, InterruptedException {
        HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(config.ttps().timeout()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
            if (bytes.length > MAX_ANSWER) {
                throw new IOException("answer longer than " + MAX_ANSWER + " bytes");
            }
            return new Answer(response.statusCode(), bytes);
        }
    }

    private static SignedStatement statement(JsonNode node) throws MalformedStatementException {
        if (node == null || !node.isObject()) {
            throw new MalformedStatementException("no statement in the answer");
        }
        return SignedStatement.parse(node.toString());
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
