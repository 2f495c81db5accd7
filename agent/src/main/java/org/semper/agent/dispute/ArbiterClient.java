package org.semper.agent.dispute;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.semper.agent.net.UnreachableException;
import org.semper.agent.net.WebClient;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The dispute arbiter's party API ({@code dispute-arbiter}, port 8085): filing a dispute ({@code POST
 * /api/v1/disputes} with the signed claim and the claimant's bundle), answering one ({@code POST
 * /api/v1/disputes/{id}/responses} with the respondent's bundle), and fetching one's own record once decided
 * ({@code POST /api/v1/disputes/{id}/record} with a signed access request: the transcript, its HTML or PDF, the case
 * bundle). Refusals come back as problem+json with the arbiter's code.
 */
public final class ArbiterClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final WebClient web;

    public ArbiterClient(URI base, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.web = new WebClient(timeout);
    }

    public URI base() {
        return base;
    }

    /** The arbiter refused (problem+json code) or could not be reached. */
    public static final class ArbiterException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String code;

        ArbiterException(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /** Files a dispute; the arbiter's view of it ({@code id}, {@code state}, {@code respondBy}, ...). */
    public JsonNode file(SignedStatement claim, byte[] bundle) throws ArbiterException {
        ObjectNode body = JSON.createObjectNode();
        try {
            body.set("claim", JSON.readTree(claim.toJson()));
            body.set("bundle", JSON.readTree(bundle));
        } catch (IOException e) {
            throw new IllegalArgumentException("the claim or bundle is not JSON", e);
        }
        return json(post("/api/v1/disputes", body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** The respondent's answer: its own bundle. */
    public JsonNode respond(String dispute, byte[] bundle) throws ArbiterException {
        return json(post("/api/v1/disputes/" + dispute + "/responses", bundle));
    }

    /**
     * A party's own record ({@code what}: transcript, html, pdf, bundle), with a signed access request; empty while
     * the dispute is not decided.
     */
    public Optional<byte[]> record(String dispute, SignedStatement accessRequest) throws ArbiterException {
        try {
            WebClient.Answer answer = web.post(URI.create(base + "/api/v1/disputes/" + dispute + "/record"),
                    "application/json", accessRequest.toJson().getBytes(StandardCharsets.UTF_8), Map.of());
            if (answer.ok()) {
                return Optional.of(answer.body());
            }
            WebClient.Problem problem = answer.problem();
            if (problem.code().equals("not-decided")) {
                return Optional.empty();
            }
            throw new ArbiterException(problem.code(), "the arbiter refused: " + problem, null);
        } catch (UnreachableException e) {
            throw new ArbiterException("unreachable", "the arbiter at " + base + " is unreachable: " + e.getMessage(), e);
        }
    }

    private WebClient.Answer post(String path, byte[] body) throws ArbiterException {
        try {
            WebClient.Answer answer = web.post(URI.create(base + path), "application/json", body, Map.of());
            if (!answer.ok()) {
                WebClient.Problem problem = answer.problem();
                throw new ArbiterException(problem.code(), "the arbiter refused: " + problem, null);
            }
            return answer;
        } catch (UnreachableException e) {
            throw new ArbiterException("unreachable", "the arbiter at " + base + " is unreachable: " + e.getMessage(), e);
        }
    }

    private static JsonNode json(WebClient.Answer answer) throws ArbiterException {
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new ArbiterException("malformed-answer", "the arbiter's answer is not JSON", e);
        }
    }
}
