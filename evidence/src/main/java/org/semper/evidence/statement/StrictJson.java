package org.semper.evidence.statement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Strict reading of the JSON and base64 inside a statement: duplicate member names, trailing content, invalid
 * UTF-8 and non-canonical base64 encodings are errors, not things to guess about. Public so that the exchange
 * protocols read their request envelopes by the same rules.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private StrictJson() {
    }

    public static JsonNode read(String text, String what) throws MalformedStatementException {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedStatementException(what + " is empty");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedStatementException(what + " is not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    public static ObjectNode readObject(byte[] utf8, String what) throws MalformedStatementException {
        JsonNode node = read(utf8(utf8, what), what);
        if (!node.isObject()) {
            throw new MalformedStatementException(what + " is JSON " + node.getNodeType() + ", not an object");
        }
        return (ObjectNode) node;
    }

    static String utf8(byte[] bytes, String what) throws MalformedStatementException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedStatementException(what + " is not valid UTF-8");
        }
    }

    /** RFC 7515 §2 base64url without padding; only the one encoding of the decoded bytes is accepted. */
    static byte[] base64Url(String text, String what) throws MalformedStatementException {
        byte[] decoded;
        try {
            decoded = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedStatementException(what + " is not base64url: " + e.getMessage());
        }
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(decoded).equals(text)) {
            throw new MalformedStatementException(what + " is not in canonical base64url (RFC 7515 §2: no padding, "
                    + "no line breaks, unused bits zero)");
        }
        return decoded;
    }

    /** RFC 4648 §4 base64 with padding (as {@code x5c}, RFC 7515 §4.1.6, and JAdES {@code val} use it). */
    static byte[] base64(String text, String what) throws MalformedStatementException {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedStatementException(what + " is not base64: " + e.getMessage());
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new MalformedStatementException(what + " is not in canonical base64 (RFC 4648 §4, padded)");
        }
        return decoded;
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
