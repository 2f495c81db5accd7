package org.semper.agent.deal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One deal as this party sees it ({@code deal.json} in its archive directory). Its id is the id {@code H(s)} of
 * its first signed document (the offer, me1, EOO), the same on both sides; {@code exchange} is the protocol's
 * exchange id once the first protocol message exists ({@code H(px1)} in a purchase; the deal id otherwise).
 *
 * @param role        this party's role: merchant, buyer, originator, responder, sender, recipient
 * @param facts       what the deal is about, for listings and claims: title, price, currency, goods hash, TTP
 * @param step        the last step reached (e.g. {@code px2-sent}); the state machines resume from it
 * @param outcome     what the deal ended with, in words
 */
public record Deal(String id, DealKind kind, String role, Party counterpart, DealStatus status, String step,
        Optional<String> exchange, Map<String, String> facts, Optional<String> outcome, Instant created,
        Instant updated) {

    /** The other party: its name, certificate fingerprint and address. */
    public record Party(String name, String fingerprint, String address) {
    }

    public Deal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(counterpart, "counterpart");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(step, "step");
        facts = Map.copyOf(facts);
    }

    public static Deal start(String id, DealKind kind, String role, Party counterpart, DealStatus status, String step,
            Map<String, String> facts) {
        Instant now = Instant.now();
        return new Deal(id, kind, role, counterpart, status, step, Optional.empty(), facts, Optional.empty(), now, now);
    }

    public Deal at(DealStatus newStatus, String newStep) {
        return new Deal(id, kind, role, counterpart, newStatus, newStep, exchange, facts, outcome, created, Instant.now());
    }

    public Deal withExchange(String exchangeId) {
        return new Deal(id, kind, role, counterpart, status, step, Optional.of(exchangeId), facts, outcome, created,
                Instant.now());
    }

    public Deal withFact(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(facts);
        more.put(name, value);
        return new Deal(id, kind, role, counterpart, status, step, exchange, more, outcome, created, Instant.now());
    }

    public Deal ended(DealStatus newStatus, String newStep, String text) {
        return new Deal(id, kind, role, counterpart, newStatus, newStep, exchange, facts, Optional.of(text), created,
                Instant.now());
    }

    public Optional<String> fact(String name) {
        return Optional.ofNullable(facts.get(name));
    }

    /** The exchange id, or the deal id where they coincide (contracts, mail). */
    public String exchangeOrId() {
        return exchange.orElse(id);
    }
}
