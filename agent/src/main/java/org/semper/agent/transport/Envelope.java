package org.semper.agent.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One message between two agents ({@code semper-envelope/1}): which deal, which step ({@code kind}: {@code me1},
 * {@code px2}, {@code offer}, ...), who sends it and where to answer, the signed statements it carries and binary
 * attachments (ciphertext {@code c}, escrow {@code ek}, a payment instrument). The envelope itself is not signed:
 * everything that matters in it is a signed statement or is committed to by one, and every receiver checks those
 * with the evidence library.
 *
 * <pre>
 * {"format": "semper-envelope/1", "deal": "&lt;id&gt;", "kind": "px1",
 *  "from": {"name": "Bob Books", "certSha256": "&lt;fp&gt;", "replyTo": "http://127.0.0.1:9002"},
 *  "statements": {"px1": {flattened JWS}}, "attachments": {"c": "&lt;b64u&gt;", "ek": "&lt;b64u&gt;"},
 *  "sent": "2026-01-01T12:00:00Z"}
 * </pre>
 */
public record Envelope(String deal, String kind, Sender from, Map<String, SignedStatement> statements,
        Map<String, byte[]> attachments, Instant sent) {
    public static final String FORMAT = "semper-envelope/1";
    /** The largest envelope accepted: 64 MiB (digital goods travel in it, encrypted). */
    public static final int MAX_BYTES = 64 << 20;

    /** The steps an envelope can be: business documents and protocol messages. */
    public static final Set<String> KINDS = Set.of("offer", "order", "decline", "me1", "me2", "me3", "me4", "px1",
            "px2", "px3", "px4", "eoo", "eor", "eok");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who sends an envelope and where answers go (an agent's HTTP endpoint or inbox directory). */
    public record Sender(String name, String fingerprint, String replyTo) {
        public Sender {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fingerprint, "fingerprint");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    public Envelope {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(sent, "sent");
        if (!Hashes.isDigest(deal)) {
            throw new IllegalArgumentException("a deal id is a base64url SHA-256 value: " + deal);
        }
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("unknown envelope kind " + kind);
        }
        statements = Map.copyOf(statements);
        Map<String, byte[]> copy = new LinkedHashMap<>();
        attachments.forEach((name, bytes) -> copy.put(name, bytes.clone()));
        attachments = Map.copyOf(copy);
    }

    public SignedStatement statement(String name) {
        SignedStatement statement = statements.get(name);
        if (statement == null) {
            throw new IllegalStateException("the " + kind + " envelope carries no " + name);
        }
        return statement;
    }

    public byte[] attachment(String name) {
        byte[] bytes = attachments.get(name);
        if (bytes == null) {
            throw new IllegalStateException("the " + kind + " envelope carries no attachment " + name);
        }
        return bytes.clone();
    }

    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("deal", deal).put("kind", kind);
        root.putObject("from").put("name", from.name()).put("certSha256", from.fingerprint())
                .put("replyTo", from.replyTo());
        ObjectNode statementsNode = root.putObject("statements");
        statements.forEach((name, statement) -> {
            try {
                statementsNode.set(name, JSON.readTree(statement.toJson()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a signed statement is not JSON", e);
            }
        });
        ObjectNode attachmentsNode = root.putObject("attachments");
        attachments.forEach((name, bytes) -> attachmentsNode.put(name, Hashes.b64u(bytes)));
        root.put("sent", sent.toString());
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an envelope.
     *
     * @throws MalformedEnvelopeException if it is too large, not JSON, not this format, or a statement in it does
     *                                    not parse
     */
    public static Envelope parse(byte[] json) throws MalformedEnvelopeException {
        if (json.length > MAX_BYTES) {
            throw new MalformedEnvelopeException("envelope of " + json.length + " bytes exceeds " + MAX_BYTES);
        }
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
                throw new MalformedEnvelopeException("not a " + FORMAT + " envelope");
            }
            JsonNode from = root.path("from");
            Map<String, SignedStatement> statements = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("statements").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                statements.put(entry.getKey(), SignedStatement.parse(entry.getValue().toString()));
            }
            Map<String, byte[]> attachments = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("attachments").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                attachments.put(entry.getKey(), Base64.getUrlDecoder().decode(entry.getValue().asText()));
            }
            return new Envelope(root.path("deal").asText(), root.path("kind").asText(),
                    new Sender(text(from, "name"), text(from, "certSha256"), text(from, "replyTo")), statements,
                    attachments, Instant.parse(text(root, "sent")));
        } catch (IOException | MalformedStatementException | RuntimeException e) {
            throw new MalformedEnvelopeException("malformed envelope: " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String name) throws MalformedEnvelopeException {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedEnvelopeException("envelope member " + name + " is missing");
        }
        return value.textValue();
    }

    @Override
    public String toString() {
        return "Envelope[" + kind + " of deal " + deal + " from " + from.name() + "]";
    }
}
