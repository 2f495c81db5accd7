package org.semper.evidence.exchange;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reading exchange payloads: the protocol tag and label of a statement, and typed members, each failure an
 * {@link ExchangeRejection} with the reason {@code docs/protocols.md} gives. Also the one time format of payloads.
 */
public final class Payloads {
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Payloads() {
    }

    /**
     * The payload of {@code statement} if it is message {@code label} of {@code protocol}: its {@code protocol}
     * member is the tag ({@code wrong-protocol} otherwise), its {@code msg} the label and its {@code typ} header
     * {@code <protocol>/<label>} ({@code wrong-label} otherwise).
     */
    public static ObjectNode expect(SignedStatement statement, ExchangeProtocol protocol, String label)
            throws ExchangeRejection {
        ObjectNode payload = statement.payload();
        String what = "statement " + statement.id();
        String tag = text(payload, "protocol");
        if (!protocol.id().equals(tag)) {
            throw new ExchangeRejection(ExchangeReason.WRONG_PROTOCOL, what + " is a " + tag + " message, not "
                    + protocol.id());
        }
        String msg = text(payload, "msg");
        if (!label.equals(msg)) {
            throw new ExchangeRejection(ExchangeReason.WRONG_LABEL, what + " is labelled \"" + msg + "\" where \""
                    + label + "\" is expected");
        }
        if (!protocol.type(label).equals(statement.type())) {
            throw new ExchangeRejection(ExchangeReason.WRONG_LABEL, what + " has typ \"" + statement.type()
                    + "\" where \"" + protocol.type(label) + "\" is expected");
        }
        return payload;
    }

    /** Refuses members outside {@code required} and {@code optional}, and missing required ones. */
    public static void members(JsonNode object, String what, Set<String> required, Set<String> optional)
            throws ExchangeRejection {
        if (object == null || !object.isObject()) {
            throw malformed(what + " is not a JSON object");
        }
        for (String name : required) {
            if (!object.has(name)) {
                throw malformed(what + " lacks \"" + name + "\"");
            }
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!required.contains(name) && !optional.contains(name)) {
                throw malformed(what + " has an unexpected member \"" + name + "\"");
            }
        }
    }

    public static String text(JsonNode node, String name) throws ExchangeRejection {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw malformed("\"" + name + "\" is missing or not a non-empty string");
        }
        return value.textValue();
    }

    /** A member holding {@code h(x)} or {@code H(s)}: base64url of 32 bytes. */
    public static String digest(JsonNode node, String name) throws ExchangeRejection {
        String value = text(node, name);
        if (!Hashes.isDigest(value)) {
            throw malformed("\"" + name + "\" is not a base64url SHA-256 value");
        }
        return value;
    }

    /** A member holding base64url bytes. */
    public static byte[] bytes(JsonNode node, String name) throws ExchangeRejection {
        String value = text(node, name);
        try {
            return Hashes.unb64u(value);
        } catch (IllegalArgumentException e) {
            throw malformed("\"" + name + "\" is not canonical base64url");
        }
    }

    /** A member holding exactly 32 bytes, base64url: a nonce or a key. */
    public static byte[] bytes32(JsonNode node, String name) throws ExchangeRejection {
        byte[] value = bytes(node, name);
        if (value.length != 32) {
            throw malformed("\"" + name + "\" holds " + value.length + " bytes, not 32");
        }
        return value;
    }

    public static long positiveInteger(JsonNode node, String name) throws ExchangeRejection {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() <= 0) {
            throw malformed("\"" + name + "\" is not a positive integer");
        }
        return value.longValue();
    }

    public static Instant time(JsonNode node, String name) throws ExchangeRejection {
        String value = text(node, name);
        if (!TIME.matcher(value).matches()) {
            throw malformed("\"" + name + "\" is not a UTC time YYYY-MM-DDThh:mm:ssZ");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw malformed("\"" + name + "\" is not a valid time");
        }
    }

    public static Optional<Instant> optionalTime(JsonNode node, String name) throws ExchangeRejection {
        return node.has(name) ? Optional.of(time(node, name)) : Optional.empty();
    }

    /** A statement embedded as a JSON object (flattened JWS). */
    public static SignedStatement statement(JsonNode node, String name) throws ExchangeRejection {
        JsonNode value = node.get(name);
        if (value == null || !value.isObject()) {
            throw malformed("\"" + name + "\" is missing or not a statement (a JSON object)");
        }
        try {
            return SignedStatement.parse(new String(CanonicalJson.serialize(value), StandardCharsets.UTF_8));
        } catch (MalformedStatementException | IllegalArgumentException e) {
            throw malformed("\"" + name + "\" is not a signed statement: " + e.getMessage());
        }
    }

    /** A statement as a JSON object, to embed it in a payload or an envelope. */
    public static ObjectNode json(SignedStatement statement) {
        try {
            return (ObjectNode) MAPPER.readTree(statement.toJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a statement's own JSON does not parse", e);
        }
    }

    /** The payload time format: UTC, whole seconds, {@code YYYY-MM-DDThh:mm:ssZ}. */
    public static String format(Instant time) {
        return FORMAT.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A fresh object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The start of every exchange payload: {@code protocol} and {@code msg}. */
    public static ObjectNode start(ExchangeProtocol protocol, String label) {
        return object().put("protocol", protocol.id()).put("msg", label);
    }

    static ExchangeRejection malformed(String detail) {
        return new ExchangeRejection(ExchangeReason.MALFORMED, detail);
    }
}
