package org.semper.agent.trade;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.px.Price;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent's business documents before a purchase ({@code semper-trade/1}; {@code docs/protocols.md} §2 leaves
 * their format to the agent, px1 names the order by its id):
 * <pre>
 * offer = Sig_M{format: "semper-trade/1", msg: "offer", merchant, [buyer], title,
 *               goods: {name, mediaType, size, sha256: h(goods)}, price: {amount, currency}, ttp: {url, certSha256},
 *               validUntil}
 * order = Sig_B{format: "semper-trade/1", msg: "order", offer: H(offer), merchant, buyer, price}
 * </pre>
 * Both are JAdES statements ({@code typ} {@code semper-trade/1/offer}, {@code .../order}); their signatures are
 * checked with the evidence library like every message.
 */
public final class TradeDocuments {
    public static final String FORMAT = "semper-trade/1";

    private TradeDocuments() {
    }

    /** The goods an offer describes; {@code sha256} is {@code h(goods)}, what px1's {@code hashPlain} must be. */
    public record Goods(String name, String mediaType, long size, String sha256) {
    }

    /** An offer as read: who sells what at which price, through which notary. */
    public record Offer(SignedStatement statement, String merchant, Optional<String> buyer, String title, Goods goods,
            Price price, TtpIdentity ttp, Instant validUntil) {
        public String id() {
            return statement.id();
        }
    }

    /** An order as read. */
    public record Order(SignedStatement statement, String offer, String merchant, String buyer, Price price) {
        public String id() {
            return statement.id();
        }
    }

    public static SignedStatement offer(StatementSigner merchant, Optional<String> buyer, String title, Goods goods,
            Price price, TtpIdentity ttp, Instant validUntil) {
        ObjectNode payload = Payloads.object().put("format", FORMAT).put("msg", "offer")
                .put("merchant", Hashes.fingerprint(merchant.certificateChain().get(0)));
        buyer.ifPresent(b -> payload.put("buyer", b));
        payload.put("title", title);
        payload.putObject("goods").put("name", goods.name()).put("mediaType", goods.mediaType())
                .put("size", goods.size()).put("sha256", goods.sha256());
        payload.putObject("price").put("amount", price.amount()).put("currency", price.currency());
        payload.set("ttp", ttp.toJson());
        payload.put("validUntil", Payloads.format(validUntil));
        return merchant.sign(FORMAT + "/offer", payload);
    }

    public static SignedStatement order(StatementSigner buyer, Offer offer) {
        ObjectNode payload = Payloads.object().put("format", FORMAT).put("msg", "order").put("offer", offer.id())
                .put("merchant", offer.merchant()).put("buyer", Hashes.fingerprint(buyer.certificateChain().get(0)));
        payload.putObject("price").put("amount", offer.price().amount()).put("currency", offer.price().currency());
        return buyer.sign(FORMAT + "/order", payload);
    }

    /** Reads and checks an offer: form, signed by the merchant it names, signature. */
    public static Offer readOffer(StatementTrust trust, SignedStatement statement) throws ExchangeRejection {
        ObjectNode payload = expect(statement, "offer");
        Payloads.members(payload, "offer", Set.of("format", "msg", "merchant", "title", "goods", "price", "ttp",
                "validUntil"), Set.of("buyer"));
        String merchant = Payloads.digest(payload, "merchant");
        Optional<String> buyer = payload.has("buyer") ? Optional.of(Payloads.digest(payload, "buyer"))
                : Optional.empty();
        JsonNode goods = payload.get("goods");
        Payloads.members(goods, "goods", Set.of("name", "mediaType", "size", "sha256"), Set.of());
        Goods described = new Goods(Payloads.text(goods, "name"), Payloads.text(goods, "mediaType"),
                Payloads.positiveInteger(goods, "size"), Payloads.digest(goods, "sha256"));
        Price price = price(payload.get("price"));
        JsonNode ttpNode = payload.get("ttp");
        Payloads.members(ttpNode, "ttp", Set.of("url", "certSha256"), Set.of());
        TtpIdentity ttp;
        try {
            ttp = new TtpIdentity(Payloads.text(ttpNode, "url"), Payloads.text(ttpNode, "certSha256"));
        } catch (IllegalArgumentException e) {
            throw new ExchangeRejection(ExchangeReason.MALFORMED, "offer.ttp: " + e.getMessage());
        }
        requireSigner(statement, merchant, "offer", "merchant");
        SignatureChecks.require(trust, statement, "offer");
        return new Offer(statement, merchant, buyer, Payloads.text(payload, "title"), described, price, ttp,
                Payloads.time(payload, "validUntil"));
    }

    /** Reads and checks an order of {@code offer}: form, the offer's id, merchant and price, signed by the buyer. */
    public static Order readOrder(StatementTrust trust, Offer offer, SignedStatement statement)
            throws ExchangeRejection {
        ObjectNode payload = expect(statement, "order");
        Payloads.members(payload, "order", Set.of("format", "msg", "offer", "merchant", "buyer", "price"), Set.of());
        if (!Payloads.digest(payload, "offer").equals(offer.id())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "the order is for another offer");
        }
        if (!Payloads.digest(payload, "merchant").equals(offer.merchant())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "the order names another merchant");
        }
        Price price = price(payload.get("price"));
        if (!price.equals(offer.price())) {
            throw new ExchangeRejection(ExchangeReason.PAYMENT_MISMATCH, "the order states another price than the offer");
        }
        String buyer = Payloads.digest(payload, "buyer");
        if (offer.buyer().isPresent() && !offer.buyer().get().equals(buyer)) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, "the offer was made to another buyer");
        }
        requireSigner(statement, buyer, "order", "buyer");
        SignatureChecks.require(trust, statement, "order");
        return new Order(statement, offer.id(), offer.merchant(), buyer, price);
    }

    private static ObjectNode expect(SignedStatement statement, String msg) throws ExchangeRejection {
        ObjectNode payload = statement.payload();
        if (!FORMAT.equals(payload.path("format").asText()) || !(FORMAT + "/" + msg).equals(statement.type())) {
            throw new ExchangeRejection(ExchangeReason.WRONG_PROTOCOL, "not a " + FORMAT + " " + msg);
        }
        if (!msg.equals(payload.path("msg").asText())) {
            throw new ExchangeRejection(ExchangeReason.WRONG_LABEL, "not an " + msg + ": " + payload.path("msg"));
        }
        return payload;
    }

    private static Price price(JsonNode node) throws ExchangeRejection {
        Payloads.members(node, "price", Set.of("amount", "currency"), Set.of());
        try {
            return new Price(Payloads.positiveInteger(node, "amount"), Payloads.text(node, "currency"));
        } catch (IllegalArgumentException e) {
            throw new ExchangeRejection(ExchangeReason.MALFORMED, "price: " + e.getMessage());
        }
    }

    private static void requireSigner(SignedStatement statement, String party, String what, String role)
            throws ExchangeRejection {
        if (!Hashes.fingerprint(statement.signerCertificate()).equals(party)) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, "the " + what + " is not signed by the "
                    + role + " it names");
        }
    }
}
