package org.semper.evidence.bundle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A {@code semper-bundle/1} evidence bundle: the submitter's signed manifest and the items it lists, in manifest
 * order. Built with {@link #builder()} and {@link Builder#sign}, read back with {@link EvidenceBundleReader}.
 *
 * <p>Document form ({@code docs/evidence.md}):
 * <pre>
 * {"manifest": {flattened JWS, typ "semper-bundle+json", payload:
 *     {"format":"semper-bundle/1", "protocol":..., "exchange":..., "items":[
 *         {"id","role","mediaType","size","sha256","description"}, ...]}},
 *  "items": {"&lt;id&gt;": "&lt;base64url content&gt;", ...}}      (detached items are simply absent here)
 * </pre>
 */
public final class EvidenceBundle {
    /** {@code format} member of every manifest. */
    public static final String FORMAT = "semper-bundle/1";
    /** {@code typ} of the manifest statement. */
    public static final String MANIFEST_TYPE = "semper-bundle+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedStatement manifest;
    private final List<BundleItem> items;
    private final Set<String> detached;

    EvidenceBundle(SignedStatement manifest, List<BundleItem> items, Set<String> detached) {
        this.manifest = manifest;
        this.items = List.copyOf(items);
        this.detached = Set.copyOf(detached);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The signed manifest; validate it (signer, chain, revocation) with a {@code StatementValidator}. */
    public SignedStatement manifest() {
        return manifest;
    }

    /** The manifest's statement id {@code H(s)}: how transcripts and claims refer to this bundle. */
    public String id() {
        return manifest.id();
    }

    public List<BundleItem> items() {
        return items;
    }

    public Optional<String> protocol() {
        return text("protocol");
    }

    public Optional<String> exchange() {
        return text("exchange");
    }

    public Optional<BundleItem> item(String id) {
        return items.stream().filter(item -> item.id().equals(id)).findFirst();
    }

    /** The items with {@code role}, in manifest order. */
    public List<BundleItem> itemsWithRole(ItemRole role) {
        return items.stream().filter(item -> item.role() == role).toList();
    }

    /**
     * The bundle as a JSON document; items listed in {@code detach} (e.g. a large ciphertext sent as a separate
     * part) are left out of {@code items} and must be supplied to the reader beside it.
     */
    public byte[] toJson(Set<String> detach) {
        ObjectNode document = JSON.createObjectNode();
        try {
            document.set("manifest", JSON.readTree(manifest.toJson()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a signed statement did not serialize as JSON", e);
        }
        ObjectNode inline = document.putObject("items");
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        for (BundleItem item : items) {
            if (!detach.contains(item.id())) {
                inline.put(item.id(), base64.encodeToString(item.content()));
            }
        }
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        return toJson(detached);
    }

    private Optional<String> text(String member) {
        return Optional.ofNullable(manifest.payload().get(member)).filter(node -> node.isTextual())
                .map(node -> node.asText());
    }

    /** Collects items, then signs the manifest. */
    public static final class Builder {
        private final List<BundleItem> items = new ArrayList<>();
        private final Set<String> ids = new LinkedHashSet<>();
        private final Set<String> detached = new LinkedHashSet<>();
        private String protocol;
        private String exchange;

        private Builder() {
        }

        /** The protocol the evidence comes from ({@code semper-px/1}, ...), if the bundle is about one exchange. */
        public Builder protocol(String protocol) {
            this.protocol = protocol;
            return this;
        }

        /** The exchange id {@code H(first message)}, if the bundle is about one exchange. */
        public Builder exchange(String exchange) {
            this.exchange = exchange;
            return this;
        }

        public Builder add(BundleItem item) {
            if (!ids.add(item.id())) {
                throw new IllegalArgumentException("duplicate item id " + item.id());
            }
            items.add(item);
            return this;
        }

        /** Adds an item with the next free id {@code <role>-<n>}. */
        public Builder add(ItemRole role, String mediaType, byte[] content, String description) {
            int n = 1;
            while (ids.contains(role.code() + "-" + n)) {
                n++;
            }
            return add(new BundleItem(role.code() + "-" + n, role, mediaType, description, content));
        }

        /** Adds a signed statement (media type {@code application/jose+json}, content its JSON form). */
        public Builder add(ItemRole role, SignedStatement statement, String description) {
            return add(role, "application/jose+json", statement.toJson().getBytes(StandardCharsets.UTF_8),
                    description);
        }

        /** Marks an item to be sent detached by {@link EvidenceBundle#toJson()}. */
        public Builder detach(String id) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("no item " + id);
            }
            detached.add(id);
            return this;
        }

        /** Signs the manifest with the submitter's key. */
        public EvidenceBundle sign(StatementSigner submitter) {
            Objects.requireNonNull(submitter, "submitter");
            return new EvidenceBundle(submitter.sign(MANIFEST_TYPE, manifest(protocol, exchange, items)), items,
                    detached);
        }
    }

    static Map<String, Object> manifest(String protocol, String exchange, List<BundleItem> items) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        if (protocol != null) {
            manifest.put("protocol", protocol);
        }
        if (exchange != null) {
            manifest.put("exchange", exchange);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (BundleItem item : items) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", item.id());
            entry.put("role", item.role().code());
            entry.put("mediaType", item.mediaType());
            entry.put("size", item.size());
            entry.put("sha256", item.sha256());
            if (!item.description().isEmpty()) {
                entry.put("description", item.description());
            }
            entries.add(entry);
        }
        manifest.put("items", entries);
        // Fail here, not at signing, if a description holds what canonical JSON refuses.
        CanonicalJson.serialize(manifest);
        return manifest;
    }
}
