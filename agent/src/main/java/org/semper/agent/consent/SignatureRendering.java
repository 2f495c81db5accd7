package org.semper.agent.consent;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.exchange.Hashes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A readable rendering of exactly what a signature covers: a title for the kind of statement, the signer, the
 * claimed time, the purpose, and then <b>every</b> member of the payload, one line each, as {@code path  value
 * (meaning)}: amounts also in major units, fingerprints with the party's name, hashes with what they are hashes of.
 * Nothing of the payload is left out or shortened, so that what the person approves is what the key signs.
 */
public final class SignatureRendering {
    /** What each message label or statement type is, in words. */
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("me1", "contract signing: your offer to sign this contract (me1)"),
            Map.entry("me2", "contract signing: your commitment to sign the contract (me2)"),
            Map.entry("me3", "contract signing: your signature on the contract, releasing your nonce (me3)"),
            Map.entry("me4", "contract signing: your signature on the contract, releasing your nonce (me4)"),
            Map.entry("px1", "purchase: delivery of the encrypted goods at this price, key escrowed with the notary (px1)"),
            Map.entry("px2", "purchase: your authorisation to pay for the goods (px2)"),
            Map.entry("px3", "purchase: release of the key to the goods (px3)"),
            Map.entry("px4", "purchase: your receipt, the goods were received (px4)"),
            Map.entry("eoo", "certified mail: evidence of origin of your message (EOO)"),
            Map.entry("eor", "certified mail: your receipt for the message (EOR)"),
            Map.entry("eok", "certified mail: release of the key to your message (EOK)"),
            Map.entry("abort-request", "request to the TTP to abort the exchange"),
            Map.entry("resolve-request", "request to the TTP to resolve the exchange"));

    /** What payload members mean, by member name. */
    private static final Map<String, String> MEANINGS = Map.ofEntries(
            Map.entry("originator", "originator of the contract"),
            Map.entry("responder", "responder (other signer)"),
            Map.entry("merchant", "merchant"),
            Map.entry("buyer", "buyer"),
            Map.entry("sender", "sender"),
            Map.entry("recipient", "recipient"),
            Map.entry("payee", "who is paid"),
            Map.entry("certSha256", "SHA-256 of the TTP's signing certificate"),
            Map.entry("url", "the TTP's address"),
            Map.entry("commitO", "commitment: SHA-256 of the originator's secret nonce"),
            Map.entry("commitR", "commitment: SHA-256 of the responder's secret nonce"),
            Map.entry("nonceO", "the originator's nonce, revealed: completes the contract"),
            Map.entry("nonceR", "the responder's nonce, revealed: completes the contract"),
            Map.entry("me1", "the exchange: id of the contract offer me1"),
            Map.entry("me2", "id of the responder's commitment me2"),
            Map.entry("x1", "the exchange: id of px1"),
            Map.entry("x2", "id of the payment authorisation px2"),
            Map.entry("eoo", "the exchange: id of the evidence of origin"),
            Map.entry("eor", "id of the receipt EOR"),
            Map.entry("order", "id of the order"),
            Map.entry("offer", "id of the offer"),
            Map.entry("hashPlain", "SHA-256 of the goods"),
            Map.entry("hashCipher", "SHA-256 of the encrypted content"),
            Map.entry("keyCommit", "SHA-256 of the content key K"),
            Map.entry("escrow", "SHA-256 of the key escrowed with the TTP (ek)"),
            Map.entry("key", "the content key K: whoever has it can decrypt the content"),
            Map.entry("receipt", "acknowledgement"),
            Map.entry("deadline", "after this time the TTP refuses to resolve"),
            Map.entry("sha256", "SHA-256"),
            Map.entry("remittance", "remittance information: the exchange this pays for"),
            Map.entry("endToEndId", "end-to-end id: the exchange this pays for"),
            Map.entry("exchange", "the exchange id"),
            Map.entry("subject", "subject of the message"));

    private SignatureRendering() {
    }

    /** The rendering, one line per element. */
    public static List<String> lines(SigningRequest request, PartyNames names) {
        Objects.requireNonNull(names, "names");
        List<String> lines = new ArrayList<>();
        String msg = request.payload().path("msg").asText(null);
        String title = msg != null && TITLES.containsKey(msg) ? TITLES.get(msg) : request.type();
        lines.add("You are asked to sign: " + title);
        if (!request.purpose().isEmpty()) {
            lines.add("  purpose     " + request.purpose());
        }
        lines.add("  type        " + request.type());
        String signer = Hashes.fingerprint(request.signer());
        lines.add("  signer      " + request.signer().getSubjectX500Principal().getName() + " " + named(signer, names));
        request.signingTime().ifPresent(time -> lines.add("  time        " + time));
        lines.add("  signed content (every field):");
        walk("", request.payload(), names, lines);
        return lines;
    }

    public static String text(SigningRequest request, PartyNames names) {
        return String.join(System.lineSeparator(), lines(request, names));
    }

    private static void walk(String path, JsonNode node, PartyNames names, List<String> lines) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            if (!fields.hasNext()) {
                lines.add(String.format("    %-28s {}", path));
            }
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                walk(child, field.getValue(), names, lines);
            }
            amount(path, (ObjectNode) node).ifPresent(text -> lines.add(String.format("    %-28s = %s", path, text)));
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                lines.add(String.format("    %-28s []", path));
            }
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), names, lines);
            }
        } else {
            String value = node.isTextual() ? node.textValue() : node.toString();
            String key = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
            key = key.replaceAll("\\[\\d+]$", "");
            String meaning = meaning(key, value, names);
            if (value.contains("\n") || value.length() > 100) {
                lines.add(String.format("    %-28s %s", path, meaning.isEmpty() ? "" : "(" + meaning + ")"));
                for (String line : value.split("\n", -1)) {
                    lines.add("      | " + line);
                }
            } else {
                lines.add(String.format("    %-28s %s%s", path, value, meaning.isEmpty() ? "" : "  (" + meaning + ")"));
            }
        }
    }

    private static String meaning(String key, String value, PartyNames names) {
        String meaning = MEANINGS.getOrDefault(key, "");
        if (Hashes.isDigest(value)) {
            Optional<String> name = names.nameOf(value);
            if (name.isPresent()) {
                return meaning.isEmpty() ? name.get() : meaning + ": " + name.get();
            }
        }
        return meaning;
    }

    /** An {@code {amount, currency}} object (price, payment) in major units: "19.99 EUR". */
    private static Optional<String> amount(String path, ObjectNode node) {
        JsonNode amount = node.get("amount");
        JsonNode currency = node.has("currency") ? node.get("currency") : node.get("ccy");
        if (amount == null || currency == null || !amount.isIntegralNumber() || !currency.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(money(amount.longValue(), currency.textValue()) + " (amount in minor units: "
                + amount.longValue() + ")");
    }

    /** "19.99 EUR" for 1999 EUR minor units (the currency's ISO 4217 decimals; 2 if unknown). */
    public static String money(long minorUnits, String currency) {
        int digits = 2;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            // not an ISO 4217 code the JDK knows: two decimals
        }
        return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency;
    }

    private static String named(String fingerprint, PartyNames names) {
        return "[" + names.nameOf(fingerprint).map(n -> n + ", ").orElse("") + "certificate " + fingerprint + "]";
    }
}
