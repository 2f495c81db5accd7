package org.semper.agent.deal;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.bundle.ItemRole;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code deal.json} and timeline lines as JSON. */
final class DealJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DealJson() {
    }

    static ObjectNode write(Deal deal) {
        ObjectNode node = NODES.objectNode().put("id", deal.id()).put("kind", deal.kind().name())
                .put("role", deal.role()).put("status", deal.status().name()).put("step", deal.step());
        node.putObject("counterpart").put("name", deal.counterpart().name())
                .put("certSha256", deal.counterpart().fingerprint()).put("address", deal.counterpart().address());
        deal.exchange().ifPresent(x -> node.put("exchange", x));
        ObjectNode facts = node.putObject("facts");
        deal.facts().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> facts.put(e.getKey(), e.getValue()));
        deal.outcome().ifPresent(o -> node.put("outcome", o));
        node.put("created", deal.created().toString()).put("updated", deal.updated().toString());
        return node;
    }

    static Deal read(JsonNode node) {
        JsonNode party = node.path("counterpart");
        Map<String, String> facts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("facts").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            facts.put(e.getKey(), e.getValue().asText());
        }
        return new Deal(node.path("id").asText(), DealKind.valueOf(node.path("kind").asText()),
                node.path("role").asText(), new Deal.Party(party.path("name").asText(),
                        party.path("certSha256").asText(), party.path("address").asText()),
                DealStatus.valueOf(node.path("status").asText()), node.path("step").asText(),
                optional(node, "exchange"), facts, optional(node, "outcome"),
                Instant.parse(node.path("created").asText()), Instant.parse(node.path("updated").asText()));
    }

    static ObjectNode writeEvent(DealEvent event) {
        ObjectNode node = NODES.objectNode().put("time", event.time().toString()).put("event", event.event())
                .put("direction", event.direction());
        if (!event.detail().isEmpty()) {
            node.put("detail", event.detail());
        }
        event.item().ifPresent(i -> node.put("item", i));
        event.role().ifPresent(r -> node.put("role", r.code()));
        event.mediaType().ifPresent(m -> node.put("mediaType", m));
        return node;
    }

    static DealEvent readEvent(JsonNode node) {
        return new DealEvent(Instant.parse(node.path("time").asText()), node.path("event").asText(),
                node.path("direction").asText(), node.path("detail").asText(""), optional(node, "item"),
                optional(node, "role").flatMap(ItemRole::fromCode), optional(node, "mediaType"));
    }

    private static Optional<String> optional(JsonNode node, String name) {
        return node.hasNonNull(name) ? Optional.of(node.get(name).asText()) : Optional.empty();
    }
}
