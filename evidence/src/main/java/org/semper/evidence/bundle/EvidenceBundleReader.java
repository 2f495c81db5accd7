package org.semper.evidence.bundle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code semper-bundle/1} document and checks it against its own manifest: every listed item present
 * (inline or supplied detached), nothing unlisted, each item's size and SHA-256 as the signed manifest states.
 * It does not decide whether the submitter is trusted: validate {@link EvidenceBundle#manifest()} for that.
 */
public final class EvidenceBundleReader {
    /** Defaults for a service that accepts bundles: 32 MiB in all, at most 2,000 items. */
    public static final long DEFAULT_MAX_BYTES = 32L << 20;
    public static final int DEFAULT_MAX_ITEMS = 2_000;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(Integer.MAX_VALUE).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final long maxBytes;
    private final int maxItems;

    public EvidenceBundleReader() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS);
    }

    /** A reader refusing documents above {@code maxBytes} (detached items included) or {@code maxItems} items. */
    public EvidenceBundleReader(long maxBytes, int maxItems) {
        if (maxBytes <= 0 || maxItems <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxItems = maxItems;
    }

    public EvidenceBundle read(byte[] document) throws BundleRejection {
        return read(document, Map.of());
    }

    /** Reads {@code document}; {@code detached} supplies items (by id) left out of its {@code items} member. */
    public EvidenceBundle read(byte[] document, Map<String, byte[]> detached) throws BundleRejection {
        long total = document.length + detached.values().stream().mapToLong(bytes -> bytes.length).sum();
        if (total > maxBytes) {
            throw new BundleRejection(BundleReason.TOO_LARGE,
                    "bundle of " + total + " bytes exceeds the limit of " + maxBytes);
        }
        JsonNode root = parse(document);
        SignedStatement manifest = manifest(root.get("manifest"));
        JsonNode entries = manifest.payload().get("items");
        if (!EvidenceBundle.FORMAT.equals(manifest.payload().path("format").asText(null)) || entries == null
                || !entries.isArray()) {
            throw new BundleRejection(BundleReason.MALFORMED,
                    "manifest payload lacks \"format\":\"" + EvidenceBundle.FORMAT + "\" or its \"items\" array");
        }
        if (entries.size() > maxItems) {
            throw new BundleRejection(BundleReason.TOO_LARGE,
                    "bundle lists " + entries.size() + " items, more than the limit of " + maxItems);
        }
        JsonNode inline = root.path("items");
        if (!inline.isMissingNode() && !inline.isObject()) {
            throw new BundleRejection(BundleReason.MALFORMED, "\"items\" is not an object of id -> base64url");
        }
        List<BundleItem> items = new ArrayList<>(entries.size());
        Set<String> seen = new HashSet<>();
        Set<String> detachedIds = new HashSet<>();
        for (JsonNode entry : entries) {
            String id = requiredText(entry, "id");
            if (!seen.add(id)) {
                throw new BundleRejection(BundleReason.DUPLICATE_ITEM, "manifest lists item " + id + " twice");
            }
            byte[] content = content(id, inline.get(id), detached.get(id));
            if (!inline.has(id)) {
                detachedIds.add(id);
            }
            items.add(checked(entry, id, content));
        }
        for (Iterator<String> names = inline.fieldNames(); names.hasNext();) {
            String id = names.next();
            if (!seen.contains(id)) {
                throw new BundleRejection(BundleReason.UNDECLARED_ITEM, "item " + id + " is not in the manifest");
            }
        }
        for (String id : detached.keySet()) {
            if (!seen.contains(id)) {
                throw new BundleRejection(BundleReason.UNDECLARED_ITEM,
                        "detached item " + id + " is not in the manifest");
            }
        }
        return new EvidenceBundle(manifest, items, detachedIds);
    }

    private static JsonNode parse(byte[] document) throws BundleRejection {
        try {
            JsonNode root = STRICT.readTree(document);
            if (root == null || !root.isObject()) {
                throw new BundleRejection(BundleReason.MALFORMED, "a bundle is a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw new BundleRejection(BundleReason.MALFORMED, "bundle is not valid JSON: " + firstLine(e), e);
        }
    }

    private static SignedStatement manifest(JsonNode node) throws BundleRejection {
        if (node == null || !node.isObject()) {
            throw new BundleRejection(BundleReason.UNSIGNED_MANIFEST,
                    "\"manifest\" must be a signed statement (JWS flattened JSON)");
        }
        SignedStatement manifest;
        try {
            manifest = SignedStatement.parse(node.toString(), Integer.MAX_VALUE);
        } catch (MalformedStatementException e) {
            throw new BundleRejection(BundleReason.UNSIGNED_MANIFEST, "manifest: " + e.getMessage(), e);
        }
        if (!EvidenceBundle.MANIFEST_TYPE.equals(manifest.type())) {
            throw new BundleRejection(BundleReason.UNSIGNED_MANIFEST,
                    "manifest typ is " + manifest.type() + ", not " + EvidenceBundle.MANIFEST_TYPE);
        }
        return manifest;
    }

    private static byte[] content(String id, JsonNode inline, byte[] detached) throws BundleRejection {
        if (inline != null && detached != null) {
            throw new BundleRejection(BundleReason.DUPLICATE_ITEM, "item " + id + " is both inline and detached");
        }
        if (detached != null) {
            return detached;
        }
        if (inline == null) {
            throw new BundleRejection(BundleReason.MISSING_ITEM, "item " + id + " is neither inline nor supplied");
        }
        if (!inline.isTextual()) {
            throw new BundleRejection(BundleReason.MALFORMED, "item " + id + " is not a base64url string");
        }
        String text = inline.asText();
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
                throw new IllegalArgumentException("not canonical (no padding, unused bits zero)");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new BundleRejection(BundleReason.MALFORMED, "item " + id + " is not base64url: " + e.getMessage());
        }
    }

    private static BundleItem checked(JsonNode entry, String id, byte[] content) throws BundleRejection {
        String roleCode = requiredText(entry, "role");
        ItemRole role = ItemRole.fromCode(roleCode).orElseThrow(
                () -> new BundleRejection(BundleReason.UNKNOWN_ROLE, "item " + id + " has unknown role " + roleCode));
        JsonNode size = entry.get("size");
        if (size == null || !size.canConvertToLong() || size.asLong() != content.length) {
            throw new BundleRejection(BundleReason.HASH_MISMATCH,
                    "item " + id + " has " + content.length + " bytes, manifest says " + size);
        }
        String sha256 = requiredText(entry, "sha256");
        if (!BundleItem.sha256(content).equals(sha256)) {
            throw new BundleRejection(BundleReason.HASH_MISMATCH, "item " + id + " does not hash to " + sha256);
        }
        try {
            return new BundleItem(id, role, requiredText(entry, "mediaType"), entry.path("description").asText(""),
                    content);
        } catch (IllegalArgumentException e) {
            throw new BundleRejection(BundleReason.MALFORMED, e.getMessage());
        }
    }

    private static String requiredText(JsonNode entry, String member) throws BundleRejection {
        JsonNode value = entry == null ? null : entry.get(member);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new BundleRejection(BundleReason.MALFORMED, "manifest item lacks \"" + member + "\"");
        }
        return value.asText();
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
