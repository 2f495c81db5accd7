package org.semper.evidence.statement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON serializer whose output Semper signs: the JSON Canonicalization Scheme of RFC 8785 (JCS), restricted
 * to values every JSON implementation reads the same way (I-JSON, RFC 7493).
 *
 * <p>Output: UTF-8, no insignificant white space, object members sorted by the UTF-16 code units of their names
 * (RFC 8785 §3.2.3), strings with only the escapes RFC 8785 §3.2.2.2 prescribes. Numbers must be integers with
 * magnitude at most 2<sup>53</sup>&minus;1 (RFC 7493 §2.2), written in plain decimal, which for those values is
 * exactly what RFC 8785's ECMAScript number rule produces. Fractions, exponents beyond that range and lone
 * UTF-16 surrogates are refused with {@link IllegalArgumentException}: a statement carries amounts as integers in
 * minor units or as strings, never as binary floating point.
 *
 * <p>Equal JSON values give equal bytes, whatever the order their members were built in; the bytes are what the
 * signer signs and what the statement stores, so a verifier never re-serializes anything.
 */
public final class CanonicalJson {
    /** 2^53 - 1, the largest integer every IEEE 754 double-based JSON reader keeps exactly. */
    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.valueOf(9_007_199_254_740_991L);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    /** The canonical UTF-8 bytes of a JSON value. */
    public static byte[] serialize(JsonNode value) {
        Objects.requireNonNull(value, "value");
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical UTF-8 bytes of a map of JSON-like Java values (strings, booleans, integers, {@code null},
     * lists, arrays and nested maps with string keys), as Jackson maps them to JSON.
     */
    public static byte[] serialize(Map<String, ?> object) {
        Objects.requireNonNull(object, "object");
        return serialize(toTree(object));
    }

    static ObjectNode toTree(Map<String, ?> object) {
        JsonNode tree;
        try {
            tree = MAPPER.valueToTree(object);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
        return (ObjectNode) tree;
    }

    private static void write(JsonNode node, StringBuilder out, int depth) {
        if (depth > 500) {
            throw new IllegalArgumentException("JSON nested deeper than 500 levels");
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                Iterator<String> it = node.fieldNames();
                while (it.hasNext()) {
                    names.add(it.next());
                }
                names.sort(null); // String.compareTo compares UTF-16 code units, as RFC 8785 §3.2.3 requires
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out, depth + 1);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out, depth + 1);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> out.append(integer(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("not a JSON value: " + node.getNodeType());
        }
    }

    private static String integer(JsonNode node) {
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else {
            BigDecimal decimal = node.decimalValue();
            if (node.isDouble() && !Double.isFinite(node.doubleValue())) {
                throw new IllegalArgumentException("non-finite number " + node.doubleValue());
            }
            if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("number " + node.asText()
                        + " has a fraction; statements carry integers only (amounts in minor units or as strings)");
            }
            value = decimal.toBigIntegerExact();
        }
        if (value.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
            throw new IllegalArgumentException("integer " + value + " is outside +-(2^53 - 1) (RFC 7493 §2.2)");
        }
        return value.toString();
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new IllegalArgumentException("string holds a lone UTF-16 surrogate");
                }
                out.append(c).append(value.charAt(++i));
                continue;
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("string holds a lone UTF-16 surrogate");
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
