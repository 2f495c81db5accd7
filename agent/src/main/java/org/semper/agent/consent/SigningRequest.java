package org.semper.agent.consent;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One signature about to be made, decoded from the exact JWS signing input {@code b64u(header).b64u(payload)} the
 * key is asked to sign: its type ({@code typ}), claimed signing time, signer certificate, and payload.
 *
 * @param purpose what the agent is doing, in words (e.g. "pay for deal ..."), set by {@link SigningPurpose}
 */
public record SigningRequest(String type, Optional<Instant> signingTime, X509Certificate signer, ObjectNode header,
        ObjectNode payload, byte[] payloadBytes, String purpose) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SigningRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
        payloadBytes = payloadBytes.clone();
        purpose = purpose == null ? "" : purpose;
    }

    @Override
    public byte[] payloadBytes() {
        return payloadBytes.clone();
    }

    /** The payload exactly as signed (RFC 8785 canonical JSON). */
    public String payloadText() {
        return new String(payloadBytes, StandardCharsets.UTF_8);
    }

    /**
     * Decodes a JWS signing input.
     *
     * @throws IllegalArgumentException if it is not {@code b64u(JSON object).b64u(JSON object)}
     */
    static SigningRequest decode(byte[] signingInput, X509Certificate signer, String purpose) {
        String text = new String(signingInput, StandardCharsets.US_ASCII);
        int dot = text.indexOf('.');
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException("not a JWS signing input");
        }
        try {
            byte[] headerBytes = Base64.getUrlDecoder().decode(text.substring(0, dot));
            byte[] payloadBytes = Base64.getUrlDecoder().decode(text.substring(dot + 1));
            JsonNode header = JSON.readTree(headerBytes);
            JsonNode payload = JSON.readTree(payloadBytes);
            if (!(header instanceof ObjectNode h) || !(payload instanceof ObjectNode p)) {
                throw new IllegalArgumentException("header and payload must be JSON objects");
            }
            Optional<Instant> time = h.has("iat") ? Optional.of(Instant.ofEpochSecond(h.get("iat").asLong()))
                    : h.has("sigT") ? Optional.of(Instant.parse(h.get("sigT").asText())) : Optional.empty();
            return new SigningRequest(h.path("typ").asText(""), time, signer, h, p, payloadBytes, purpose);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a JWS signing input: " + e.getMessage(), e);
        }
    }
}
