package org.semper.agent.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.semper.agent.net.Pem;
import org.semper.agent.net.UnreachableException;
import org.semper.agent.net.WebClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Enrollment with Semper's {@code ca-service} ({@code ca-service/README.md}, "Enrollment"): the party sends the
 * PKCS#10 request of its key and gets its certificate chain, either
 * <ul>
 * <li>over EST (RFC 7030 §4.2 {@code simpleenroll}, the one-time enrollment token as the HTTP Basic password, the
 * chain from {@code cacerts}),</li>
 * <li>over REST with the token ({@code POST /api/v1/certificates}), or</li>
 * <li>over REST without a token: the request waits for a registration officer's approval, polled at
 * {@code GET /api/v1/enrollment-requests/{id}}.</li>
 * </ul>
 */
public final class CaEnrollment {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final WebClient web;

    public CaEnrollment(URI caBaseUrl, Duration timeout) {
        this.base = Objects.requireNonNull(caBaseUrl, "caBaseUrl");
        this.web = new WebClient(timeout);
    }

    /** EST simpleenroll for {@code profile} (the path label) with the enrollment token, then cacerts. */
    public List<X509Certificate> enrollEst(byte[] csr, String profile, String token) throws EnrollmentException {
        String basic = Base64.getEncoder().encodeToString(("semper:" + token).getBytes(StandardCharsets.UTF_8));
        WebClient.Answer answer = call(() -> web.post(base.resolve("/.well-known/est/" + profile + "/simpleenroll"),
                "application/pkcs10", Base64.getMimeEncoder().encode(csr),
                Map.of("Authorization", "Basic " + basic, "Content-Transfer-Encoding", "base64")));
        requireOk(answer, "EST simpleenroll");
        List<X509Certificate> issued = certsOnly(answer.body());
        WebClient.Answer cacerts = call(() -> web.get(base.resolve("/.well-known/est/cacerts"), "application/pkcs7-mime"));
        requireOk(cacerts, "EST cacerts");
        List<X509Certificate> chain = new ArrayList<>(issued.subList(0, 1));
        for (X509Certificate ca : certsOnly(cacerts.body())) {
            if (chain.stream().noneMatch(ca::equals)) {
                chain.add(ca);
            }
        }
        return order(chain);
    }

    /** {@code POST /api/v1/certificates} with the enrollment token: the issued certificate and chain. */
    public List<X509Certificate> enrollWithToken(byte[] csr, String profile, String token) throws EnrollmentException {
        WebClient.Answer answer = submit(Map.of("csr", pem(csr), "profile", profile, "enrollmentToken", token));
        requireOk(answer, "enrollment");
        return issued(read(answer));
    }

    /**
     * {@code POST /api/v1/certificates} without a token: the request waits for an officer, and this polls it every
     * {@code interval} until it is issued or rejected, or {@code patience} has passed.
     *
     * @param pending told the request's id once the CA has queued it (for the user, e.g. to tell the officer)
     */
    public List<X509Certificate> enrollByApproval(byte[] csr, String profile, String contact, String details,
            Duration interval, Duration patience, Consumer<String> pending) throws EnrollmentException {
        WebClient.Answer answer = submit(Map.of("csr", pem(csr), "profile", profile, "contact", contact,
                "details", details));
        requireOk(answer, "enrollment request");
        JsonNode view = read(answer);
        String id = view.path("id").asText();
        pending.accept(id);
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            switch (view.path("status").asText()) {
                case "issued" -> {
                    return issued(view);
                }
                case "rejected" -> throw new EnrollmentException("enrollment-rejected", "the officer rejected request "
                        + id + ": " + view.path("rejectionReason").asText("no reason given"));
                default -> {
                    if (Instant.now().isAfter(giveUp)) {
                        throw new EnrollmentException("enrollment-pending", "request " + id + " is still waiting for "
                                + "an officer; run the command again later to go on polling");
                    }
                    sleep(interval);
                    WebClient.Answer poll = call(() -> web.get(base.resolve("/api/v1/enrollment-requests/" + id),
                            "application/json"));
                    requireOk(poll, "enrollment request " + id);
                    view = read(poll);
                }
            }
        }
    }

    private WebClient.Answer submit(Map<String, String> body) throws EnrollmentException {
        try {
            byte[] json = JSON.writeValueAsBytes(body);
            return call(() -> web.post(base.resolve("/api/v1/certificates"), "application/json", json, Map.of()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<X509Certificate> issued(JsonNode view) throws EnrollmentException {
        List<X509Certificate> chain = new ArrayList<>(pemCertificates(view.path("certificate").asText()));
        for (X509Certificate ca : pemCertificates(view.path("chain").asText(""))) {
            if (!chain.contains(ca)) {
                chain.add(ca);
            }
        }
        if (chain.isEmpty()) {
            throw new EnrollmentException("no-certificate", "the CA's answer holds no certificate");
        }
        if (chain.size() == 1) {
            // the answer names no CA chain: the CA serves it at /ca/certs (issuing CA, root)
            WebClient.Answer certs = call(() -> web.get(base.resolve("/ca/certs"), "application/pem-certificate-chain"));
            if (certs.ok()) {
                for (X509Certificate ca : pemCertificates(certs.text())) {
                    if (!chain.contains(ca)) {
                        chain.add(ca);
                    }
                }
            }
        }
        return order(chain);
    }

    /** Leaf first, then each issuer; self-signed roots are left out of what goes into statements' x5c. */
    private static List<X509Certificate> order(List<X509Certificate> certificates) {
        List<X509Certificate> ordered = new ArrayList<>(List.of(certificates.get(0)));
        List<X509Certificate> rest = new ArrayList<>(certificates.subList(1, certificates.size()));
        while (!rest.isEmpty()) {
            X509Certificate last = ordered.get(ordered.size() - 1);
            X509Certificate issuer = rest.stream()
                    .filter(c -> c.getSubjectX500Principal().equals(last.getIssuerX500Principal())).findFirst()
                    .orElse(null);
            if (issuer == null || issuer.getSubjectX500Principal().equals(issuer.getIssuerX500Principal())) {
                break;
            }
            ordered.add(issuer);
            rest.remove(issuer);
        }
        return ordered;
    }

    private static List<X509Certificate> certsOnly(byte[] body) throws EnrollmentException {
        try {
            byte[] der = Base64.getMimeDecoder().decode(new String(body, StandardCharsets.US_ASCII).strip());
            Collection<X509CertificateHolder> holders = new CMSSignedData(der).getCertificates().getMatches(null);
            List<X509Certificate> certificates = new ArrayList<>();
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (X509CertificateHolder holder : holders) {
                certificates.add(converter.getCertificate(holder));
            }
            if (certificates.isEmpty()) {
                throw new EnrollmentException("no-certificate", "the EST answer holds no certificate");
            }
            return certificates;
        } catch (CMSException | CertificateException | IllegalArgumentException e) {
            throw new EnrollmentException("the EST answer is not a base64 certs-only CMS: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> pemCertificates(String pem) throws EnrollmentException {
        try {
            return Pem.certificates(pem);
        } catch (CertificateException e) {
            throw new EnrollmentException("the CA's answer holds no readable PEM certificate: " + e.getMessage(), e);
        }
    }

    private static String pem(byte[] csr) {
        return Pem.block("CERTIFICATE REQUEST", csr);
    }

    private static JsonNode read(WebClient.Answer answer) throws EnrollmentException {
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new EnrollmentException("the CA's answer is not JSON: " + e.getMessage(), e);
        }
    }

    private static void requireOk(WebClient.Answer answer, String what) throws EnrollmentException {
        if (!answer.ok()) {
            WebClient.Problem problem = answer.problem();
            throw new EnrollmentException(problem.code(), what + " refused: " + problem + nextStep(problem.code()));
        }
    }

    private static String nextStep(String code) {
        return switch (code) {
            case "enrollment-token-required", "enrollment-token-invalid" ->
                    "; next: ask a registration officer for an enrollment token (or enroll without one and wait for "
                            + "approval)";
            case "enrollment-token-used" -> "; next: each token works once, ask the officer for a new one";
            case "subject-not-allowed" -> "; next: the token is for another subject; create the key with the subject "
                    + "the officer vetted";
            case "profile-not-allowed" -> "; next: use the profile the token was issued for";
            default -> "";
        };
    }

    private interface Call {
        WebClient.Answer run() throws UnreachableException;
    }

    private WebClient.Answer call(Call call) throws EnrollmentException {
        try {
            return call.run();
        } catch (UnreachableException e) {
            throw new EnrollmentException("the CA at " + base + " is unreachable: " + e.getMessage()
                    + "; next: start it (./semper ca) or check --ca", e);
        }
    }

    private static void sleep(Duration interval) throws EnrollmentException {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentException("interrupted while waiting for the officer", e);
        }
    }
}
