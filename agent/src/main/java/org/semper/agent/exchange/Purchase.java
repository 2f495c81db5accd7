package org.semper.agent.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.semper.agent.consent.SignatureRendering;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealFile;
import org.semper.agent.deal.DealKind;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.party.Contact;
import org.semper.agent.payment.PaymentException;
import org.semper.agent.payment.PaymentInstrument;
import org.semper.agent.payment.PaymentRecord;
import org.semper.agent.payment.PaymentRequest;
import org.semper.agent.trade.TradeDocuments;
import org.semper.agent.trade.TradeDocuments.Goods;
import org.semper.agent.trade.TradeDocuments.Offer;
import org.semper.agent.trade.TradeDocuments.Order;
import org.semper.agent.transport.Envelope;
import org.semper.agent.ttp.TtpDescriptor;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.px.Price;
import org.semper.evidence.exchange.px.PurchaseChecks;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.evidence.statement.SignedStatement;

/**
 * A purchase of digital goods, end to end: offer and order ({@link TradeDocuments}), then {@code semper-px/1}
 * ({@code docs/protocols.md} §2) with the payment method's instrument beside px2. Every check is the evidence
 * library's ({@link PurchaseChecks}, {@code TtpToken.read}); what the agent adds is the business checks (px1 is for
 * this order, at the offer's price, for the offered goods, through the offer's notary), the timeouts, and the
 * recovery: the merchant aborts when px2 does not come, the buyer resolves when the key does not come.
 *
 * <p>Steps (the deal's {@code step}): merchant {@code offer-sent}, {@code order-received}, {@code px1-sent},
 * {@code px2-received}, {@code px3-sent}; buyer {@code offer-received}, {@code order-sent}, {@code px1-received},
 * {@code px2-sent}, {@code goods-received}.
 */
public final class Purchase {
    /** For demonstrations and tests of recovery: how a merchant misbehaves. */
    public enum Misbehaviour {
        NONE,
        /** Takes the payment (px2) and never sends the key (px3): the buyer must resolve with the notary. */
        WITHHOLD_KEY,
        /** px1 commits to the offered goods' hash but the ciphertext holds other goods: not as described. */
        OTHER_GOODS
    }

    private static final String GOODS = "goods";
    private static final String KEY = "key";

    private final Agent agent;

    public Purchase(Agent agent) {
        this.agent = agent;
    }

    // --- merchant ---------------------------------------------------------------------------------------------

    /** The merchant offers {@code goods} to {@code buyer}: signs the offer (through the notary) and sends it. */
    public Deal offer(Contact buyer, byte[] goods, String name, String mediaType, String title, Price price,
            Duration validity) throws AgentException {
        TtpDescriptor notary = agent.describe(ExchangeProtocol.PURCHASE);
        Goods described = new Goods(name, mediaType, goods.length, Hashes.h(goods));
        SignedStatement offer = DealRun.signOutside("offer " + title + " to " + buyer.name() + " for "
                + SignatureRendering.money(price.amount(), price.currency()), () -> TradeDocuments.offer(
                        agent.signer(), Optional.of(buyer.fingerprint()), title, described, price, notary.identity(),
                        Instant.now().plus(validity)));
        Deal deal = Deal.start(offer.id(), DealKind.PURCHASE, "merchant", new Deal.Party(buyer.name(),
                buyer.fingerprint(), buyer.address()), DealStatus.OPEN, "offer-sent", facts(title, described, price,
                        notary.identity().url()));
        DealFile file = DealRun.create(agent, deal);
        try (DealRun run = new DealRun(agent, file)) {
            run.keep("offer made", "local", ItemRole.OFFER, offer, "the offer: " + title);
            run.keepCertificates("notary certificates", notary.signingChain(), "notary");
            try {
                Files.createDirectories(file.directory().resolve(GOODS));
                Files.write(file.directory().resolve(GOODS).resolve(safe(name)), goods);
            } catch (IOException e) {
                throw new AgentException("cannot keep the goods in " + file.directory() + ": " + e.getMessage(), null, e);
            }
            run.send("offer", Map.of("offer", offer), Map.of());
            return run.deal();
        }
    }

    /**
     * The merchant delivers: waits for the order, sends px1 (goods encrypted, key escrowed with the notary), waits
     * for px2 and the payment, releases the key (px3) and captures the payment. Without px2 in time it aborts.
     */
    public Deal deliver(String dealId, Misbehaviour misbehaviour) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.PURCHASE, "merchant")) {
            Deal deal = run.deal();
            if (deal.status().finished()) {
                return deal;
            }
            Offer offer = archivedOffer(run);
            Order order;
            Optional<SignedStatement> archivedOrder = run.statement(ItemRole.ORDER);
            if (archivedOrder.isPresent()) {
                order = readOrder(run, offer, archivedOrder.get());
            } else {
                Optional<Envelope> envelope = run.await("order", "the order", agent.stepTimeout());
                if (envelope.isEmpty()) {
                    throw new DealStoppedException(deal, "no order yet for " + deal.fact("title").orElse(dealId),
                            "wait for the buyer to order, then run 'semper deliver " + Agent.shortId(dealId) + "' again");
                }
                SignedStatement statement = envelope.get().statement("order");
                order = readOrder(run, offer, statement);
                run.keep("order received", "received", ItemRole.ORDER, statement, "the buyer's order");
                run.step(DealStatus.OPEN, "order-received");
            }
            FirstMessage first;
            Optional<SignedStatement> archivedPx1 = run.statement(ItemRole.PX1);
            if (archivedPx1.isPresent()) {
                first = DealRun.read(archivedPx1.get());
            } else {
                first = sendPx1(run, offer, order, misbehaviour);
            }
            return afterPx1(run, first, misbehaviour);
        }
    }

    private FirstMessage sendPx1(DealRun run, Offer offer, Order order, Misbehaviour misbehaviour)
            throws AgentException {
        TtpDescriptor notary = agent.describe(ExchangeProtocol.PURCHASE);
        X509Certificate buyer = order.statement().signerCertificate();
        byte[] goods = readGoods(run, offer);
        SealedContent sealed = PurchaseMessages.seal(goods, notary.escrowKey(), agent.identity().certificate(), buyer);
        if (misbehaviour == Misbehaviour.OTHER_GOODS) {
            SealedContent other = PurchaseMessages.seal(("Not what was offered: a few words instead of "
                    + offer.goods().name()).getBytes(StandardCharsets.UTF_8), notary.escrowKey(),
                    agent.identity().certificate(), buyer);
            sealed = new SealedContent(other.key(), other.ciphertext(), other.ek(), sealed.hashPlain(),
                    other.hashCipher(), other.keyCommit());
        }
        SealedContent content = sealed;
        SignedStatement px1 = run.sign("deliver '" + offer.title() + "' (encrypted) to " + run.deal().counterpart()
                .name() + " for " + money(offer.price()) + "; the key is escrowed with the notary", DealStatus.DECLINED,
                () -> PurchaseMessages.px1(agent.signer(), buyer, notary.identity(), order.id(), offer.price(), content,
                        Optional.empty()));
        run.secret(KEY, content.key());
        run.save(run.deal().withExchange(px1.id()));
        run.keepCertificates("notary escrow certificate", notary.escrowChain(), "notary escrow key");
        run.keep("px1 made", "sent", ItemRole.PX1, px1, "px1: the encrypted goods at the price, key escrowed");
        run.keep("ciphertext", "sent", ItemRole.CIPHERTEXT, "application/octet-stream", content.ciphertext(),
                "c: the goods encrypted under K");
        run.keep("escrow", "sent", ItemRole.ESCROW, "application/octet-stream", content.ek(),
                "ek: K encrypted to the notary's escrow key");
        run.step(DealStatus.OPEN, "px1-sent");
        run.send("px1", Map.of("px1", px1), Map.of("c", content.ciphertext(), "ek", content.ek()));
        return DealRun.read(px1);
    }

    private Deal afterPx1(DealRun run, FirstMessage first, Misbehaviour misbehaviour) throws AgentException {
        Deal deal = run.deal();
        Optional<SignedStatement> px2 = run.statement(ItemRole.PX2);
        Optional<PaymentInstrument> instrument = Optional.empty();
        if (px2.isEmpty()) {
            Optional<Envelope> envelope = run.await("px2", "the payment", agent.stepTimeout());
            if (envelope.isPresent()) {
                try {
                    SignedStatement received = envelope.get().statement("px2");
                    PurchaseChecks.px2(run.trust, first, received);
                    String scheme = new String(envelope.get().attachment("scheme"), StandardCharsets.UTF_8);
                    if (!scheme.equals(agent.payments().scheme())) {
                        throw new PaymentException("unsupported-scheme", "the buyer pays by " + scheme + "; this "
                                + "merchant accepts " + agent.payments().scheme());
                    }
                    instrument = Optional.of(agent.payments().accept(envelope.get().attachment("payment"),
                            paymentRequest(first, run)));
                    run.keep("px2 received", "received", ItemRole.PX2, received, "px2: the buyer's authorisation to pay");
                    run.keep("payment received", "received", ItemRole.PAYMENT, instrument.get().mediaType(),
                            instrument.get().bytes(), agent.payments().describe(instrument.get()));
                    px2 = Optional.of(received);
                    run.step(DealStatus.OPEN, "px2-received");
                } catch (ExchangeRejection e) {
                    run.refused("px2", envelope.get(), e);
                } catch (PaymentException e) {
                    run.note("payment refused", "received", e.code() + ": " + e.getMessage());
                    agent.progress().step("the payment does not pay for this exchange: " + e.getMessage());
                } catch (IllegalStateException e) {
                    run.note("px2 incomplete", "received", e.getMessage());
                }
            }
            if (px2.isEmpty()) {
                return abort(run, first);
            }
        } else {
            instrument = archivedInstrument(run);
        }
        if (misbehaviour == Misbehaviour.WITHHOLD_KEY) {
            run.note("key withheld", "local", "the merchant keeps the key although px2 came (misbehaviour for a "
                    + "demonstration)");
            agent.progress().step("withholding the key (misbehaving on purpose)");
            return run.deal();
        }
        if (run.statement(ItemRole.PX3).isEmpty()) {
            byte[] key = run.secret(KEY).orElseThrow(() -> new AgentException("the key K of deal " + deal.id()
                    + " is lost", "the buyer can still resolve with the notary"));
            SignedStatement px3 = run.sign("release the key to the goods to " + deal.counterpart().name(),
                    DealStatus.STALLED, () -> PurchaseMessages.px3(agent.signer(), first.statement(), key));
            run.keep("px3 made", "sent", ItemRole.PX3, px3, "px3: the key to the goods");
            run.keep("key released", "sent", ItemRole.KEY, "application/octet-stream", key, "K, released in px3");
            run.step(DealStatus.OPEN, "px3-sent");
            run.send("px3", Map.of("px3", px3), Map.of());
        }
        capture(run, instrument, "the key was released in px3");
        Optional<Envelope> receipt = run.await("px4", "the receipt", agent.stepTimeout().compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10) : agent.stepTimeout());
        String withReceipt = "";
        if (receipt.isPresent()) {
            try {
                SignedStatement px4 = receipt.get().statement("px4");
                PurchaseChecks.px4(run.trust, first, px4);
                run.keep("px4 received", "received", ItemRole.PX4, px4, "px4: the buyer's receipt");
                withReceipt = ", receipt received";
            } catch (ExchangeRejection e) {
                run.refused("px4", receipt.get(), e);
            }
        }
        return run.end(DealStatus.COMPLETED, "completed", "sold: goods delivered and payment captured" + withReceipt);
    }

    private Deal abort(DealRun run, FirstMessage first) throws AgentException {
        TtpToken token = run.abort(first);
        if (token.isAbort()) {
            return run.end(DealStatus.ABORTED, "aborted", "no sale: the notary aborted the exchange (no payment came)");
        }
        if (token.isAffidavit()) {
            return run.end(DealStatus.VOID, "affidavit", "the notary found the escrow invalid: the payment is void");
        }
        SignedStatement px2 = DealRun.embedded(token, "payment");
        run.keep("px2 from the notary", "ttp", ItemRole.PX2, px2, "px2 as the notary's resolve token embeds it");
        capture(run, archivedInstrument(run), "the notary's resolve token " + token.statement().id()
                + " released the key");
        return run.end(DealStatus.RESOLVED, "resolved", "sold: the buyer resolved with the notary, which released the "
                + "key; the payment (px2 in the resolve token) is due");
    }

    private void capture(DealRun run, Optional<PaymentInstrument> instrument, String grounds) throws AgentException {
        if (instrument.isEmpty()) {
            run.note("payment due", "local", "no payment instrument was received; px2 (the buyer's signed "
                    + "authorisation) is the evidence that the payment is due: " + grounds);
            return;
        }
        try {
            PaymentRecord record = agent.payments().capture(instrument.get(), grounds);
            run.keep("payment captured", "local", ItemRole.PAYMENT, record.mediaType(), record.bytes(),
                    record.description());
        } catch (PaymentException e) {
            run.note("payment not captured", "local", e.code() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (org.semper.agent.consent.SignatureDeclinedException.in(e).isEmpty()) {
                throw e;
            }
            run.note("payment not captured", "local", "you declined to sign the endorsement");
        }
    }

    // --- buyer ------------------------------------------------------------------------------------------------

    /** Takes an offer that arrived in the inbox: checks it and files it as an incoming deal. */
    Optional<Deal> receiveOffer(Envelope envelope) throws AgentException {
        SignedStatement statement = envelope.statement("offer");
        Offer offer;
        try {
            offer = TradeDocuments.readOffer(agent.trust().now(), statement);
        } catch (ExchangeRejection e) {
            agent.progress().step("an offer from " + envelope.from().name() + " was refused: " + e.getMessage());
            return Optional.empty();
        }
        if (offer.buyer().isPresent() && !offer.buyer().get().equals(agent.fingerprint())) {
            agent.progress().step("an offer for another buyer was ignored");
            return Optional.empty();
        }
        Deal.Party merchant = DealRun.counterparty(agent, statement, envelope);
        Deal deal = Deal.start(offer.id(), DealKind.PURCHASE, "buyer", merchant, DealStatus.INCOMING, "offer-received",
                facts(offer.title(), offer.goods(), offer.price(), offer.ttp().url()));
        DealFile file = DealRun.create(agent, deal);
        try (DealRun run = new DealRun(agent, file)) {
            run.keep("offer received", "received", ItemRole.OFFER, statement, "the merchant's offer: " + offer.title());
        }
        return Optional.of(deal);
    }

    /** The buyer orders what an incoming offer offers (signs the order and sends it). */
    public Deal order(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.PURCHASE, "buyer")) {
            Offer offer = archivedOffer(run);
            if (run.statement(ItemRole.ORDER).isPresent()) {
                return run.deal();
            }
            TtpDescriptor notary = agent.describe(ExchangeProtocol.PURCHASE);
            if (!notary.identity().equals(offer.ttp())) {
                run.end(DealStatus.DECLINED, "ttp-not-accepted", "not ordered: the offer names the notary "
                        + offer.ttp().url() + ", not yours (" + notary.identity().url() + ")");
                throw new DealStoppedException(run.deal(), "the offer names a notary you do not use",
                        "ask the merchant for an offer through your notary");
            }
            if (offer.validUntil().isBefore(Instant.now())) {
                run.end(DealStatus.DECLINED, "offer-expired", "not ordered: the offer expired at " + offer.validUntil());
                throw new DealStoppedException(run.deal(), "the offer has expired", "ask the merchant for a new offer");
            }
            SignedStatement order = run.sign("order '" + offer.title() + "' from " + run.deal().counterpart().name()
                    + " for " + money(offer.price()), DealStatus.DECLINED,
                    () -> TradeDocuments.order(agent.signer(), offer));
            run.keep("order made", "sent", ItemRole.ORDER, order, "your order");
            run.step(DealStatus.OPEN, "order-sent");
            run.send("order", Map.of("order", order), Map.of());
            return run.deal();
        }
    }

    /**
     * The buyer pays: waits for px1, checks it against the order and offer, signs the payment (instrument and px2),
     * waits for the key (px3) and decrypts the goods. Without a valid key in time it resolves with the notary.
     */
    public Deal pay(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.PURCHASE, "buyer")) {
            Deal deal = run.deal();
            if (deal.status().finished()) {
                return deal;
            }
            Offer offer = archivedOffer(run);
            SignedStatement order = run.statement(ItemRole.ORDER).orElseThrow(() -> new AgentException(
                    "you have not ordered yet", "run 'semper order " + Agent.shortId(dealId) + "' first"));
            FirstMessage first;
            Optional<SignedStatement> px1 = run.statement(ItemRole.PX1);
            if (px1.isPresent()) {
                first = DealRun.read(px1.get());
            } else {
                first = receivePx1(run, offer, order);
            }
            byte[] c = run.latest(ItemRole.CIPHERTEXT).orElseThrow();
            byte[] ek = run.latest(ItemRole.ESCROW).orElseThrow();
            SignedStatement px2;
            Optional<SignedStatement> archivedPx2 = run.statement(ItemRole.PX2);
            if (archivedPx2.isPresent()) {
                px2 = archivedPx2.get();
            } else {
                px2 = sendPayment(run, first, offer);
            }
            byte[] key = null;
            boolean resolved = false;
            Optional<SignedStatement> px3 = run.statement(ItemRole.PX3);
            if (px3.isPresent()) {
                key = checkedKey(run, first, px3.get(), null);
            } else if (!run.deal().step().equals("px2-sent-resolve")) {
                Optional<Envelope> envelope = run.await("px3", "the key to the goods", agent.stepTimeout());
                if (envelope.isPresent()) {
                    key = checkedKey(run, first, envelope.get().statement("px3"), envelope.get());
                }
            }
            if (key == null) {
                run.step(DealStatus.OPEN, "px2-sent-resolve");
                TtpToken token = run.resolve(first, px2, Optional.of(ek));
                if (token.isAbort()) {
                    return run.end(DealStatus.ABORTED, "aborted", "no sale: the merchant had aborted; your payment "
                            + "authorisation is void (abort token)");
                }
                if (token.isAffidavit()) {
                    return run.end(DealStatus.VOID, "affidavit", "the notary found the merchant's escrow invalid: your "
                            + "payment is void (affidavit)");
                }
                key = token.key().orElseThrow();
                run.keep("key from the notary", "ttp", ItemRole.KEY, "application/octet-stream", key,
                        "K, released by the notary's resolve token");
                resolved = true;
            }
            return goods(run, first, offer, key, c, resolved);
        }
    }

    private FirstMessage receivePx1(DealRun run, Offer offer, SignedStatement order) throws AgentException {
        Optional<Envelope> envelope = run.await("px1", "the goods", agent.stepTimeout());
        if (envelope.isEmpty()) {
            throw new DealStoppedException(run.deal(), "the merchant has not delivered yet",
                    "nothing is lost (you have not paid); run 'semper pay " + Agent.shortId(run.deal().id())
                            + "' again later");
        }
        SignedStatement px1 = envelope.get().statement("px1");
        byte[] c = envelope.get().attachment("c");
        byte[] ek = envelope.get().attachment("ek");
        FirstMessage first;
        try {
            first = PurchaseChecks.px1(run.trust, px1, c, ek);
            requireAsAgreed(first, offer, order);
        } catch (ExchangeRejection e) {
            run.refused("px1", envelope.get(), e);
            run.end(DealStatus.VOID, "px1-refused", "not paid: the merchant's px1 fails the checks (" + e.getMessage()
                    + ")");
            throw new DealStoppedException(run.deal(), "px1 refused: " + e.getMessage(),
                    "nothing was paid; ask the merchant to deliver what was offered");
        }
        run.save(run.deal().withExchange(px1.id()));
        run.keep("px1 received", "received", ItemRole.PX1, px1, "px1: the encrypted goods, price and escrow");
        run.keep("ciphertext", "received", ItemRole.CIPHERTEXT, "application/octet-stream", c, "c: the goods, encrypted");
        run.keep("escrow", "received", ItemRole.ESCROW, "application/octet-stream", ek, "ek: the key escrowed with the "
                + "notary");
        run.step(DealStatus.OPEN, "px1-received");
        return first;
    }

    /** The agent's checks of px1 beyond the protocol's: for me, this order, the offer's price, goods and notary. */
    private void requireAsAgreed(FirstMessage first, Offer offer, SignedStatement order) throws ExchangeRejection {
        var payload = first.payload();
        if (!first.responder().equals(agent.fingerprint())) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, "px1 names another buyer");
        }
        if (!first.initiator().equals(offer.merchant())) {
            throw new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY, "px1 is not from the offer's merchant");
        }
        if (!payload.path("order").asText().equals(order.id())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "px1 is for another order");
        }
        if (payload.path("price").path("amount").asLong() != offer.price().amount()
                || !payload.path("price").path("currency").asText().equals(offer.price().currency())) {
            throw new ExchangeRejection(ExchangeReason.PAYMENT_MISMATCH, "px1 asks another price than the offer");
        }
        if (!first.ttp().equals(offer.ttp())) {
            throw new ExchangeRejection(ExchangeReason.WRONG_TTP, "px1 names another notary than the offer");
        }
        if (!payload.path("goods").path("hashPlain").asText().equals(offer.goods().sha256())) {
            throw new ExchangeRejection(ExchangeReason.CONTENT_MISMATCH, "px1 commits to other goods than the offer");
        }
    }

    private SignedStatement sendPayment(DealRun run, FirstMessage first, Offer offer) throws AgentException {
        PaymentRequest request = paymentRequest(first, run);
        PaymentInstrument instrument;
        try {
            instrument = runSigned(run, () -> agent.payments().authorise(request));
        } catch (PaymentException e) {
            throw new AgentException("cannot authorise the payment: " + e.getMessage(), null, e);
        }
        SignedStatement px2 = run.sign("authorise paying " + money(offer.price()) + " to " + run.deal().counterpart()
                .name() + " for '" + offer.title() + "'", DealStatus.DECLINED,
                () -> PurchaseMessages.px2(agent.signer(), first.statement()));
        run.keep("payment made", "sent", ItemRole.PAYMENT, instrument.mediaType(), instrument.bytes(),
                agent.payments().describe(instrument));
        run.keep("px2 made", "sent", ItemRole.PX2, px2, "px2: your authorisation to pay");
        run.save(run.deal().withFact("payment", agent.payments().scheme() + " " + instrument.id()));
        run.step(DealStatus.OPEN, "px2-sent");
        run.send("px2", Map.of("px2", px2), Map.of("payment", instrument.bytes(), "scheme",
                instrument.scheme().getBytes(StandardCharsets.UTF_8)));
        return px2;
    }

    private PaymentInstrument runSigned(DealRun run, PaymentCall call) throws PaymentException, AgentException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            if (org.semper.agent.consent.SignatureDeclinedException.in(e).isEmpty()) {
                throw e;
            }
            run.end(DealStatus.DECLINED, run.deal().step() + "-declined", "you declined to sign the payment");
            throw new DealStoppedException(run.deal(), "you declined to sign the payment", null, e);
        }
    }

    private interface PaymentCall {
        PaymentInstrument run() throws PaymentException;
    }

    private byte[] checkedKey(DealRun run, FirstMessage first, SignedStatement px3, Envelope envelope)
            throws AgentException {
        try {
            byte[] key = PurchaseChecks.px3(run.trust, first, px3);
            if (envelope != null) {
                run.keep("px3 received", "received", ItemRole.PX3, px3, "px3: the key to the goods");
                run.keep("key received", "received", ItemRole.KEY, "application/octet-stream", key, "K, from px3");
            }
            return key;
        } catch (ExchangeRejection e) {
            if (envelope != null) {
                run.refused("px3", envelope, e);
            }
            return null;
        }
    }

    private Deal goods(DealRun run, FirstMessage first, Offer offer, byte[] key, byte[] c, boolean resolved)
            throws AgentException {
        DealStatus status = resolved ? DealStatus.RESOLVED : DealStatus.COMPLETED;
        String how = resolved ? " (the notary released the key)" : "";
        byte[] goods;
        try {
            goods = PurchaseChecks.goods(first, key, c);
        } catch (ExchangeRejection e) {
            run.save(run.deal().withFact("problem", "goods-not-as-described"));
            run.note("goods not as described", "local", e.getMessage());
            return run.end(status, "goods-not-as-described", "the goods are not as described" + how + ": "
                    + e.getMessage() + "; file a dispute: semper dispute " + Agent.shortId(run.deal().id()));
        }
        Path saved = run.saveContent(GOODS, safe(offer.goods().name()), goods, offer.goods().mediaType(),
                "the goods, decrypted: " + offer.goods().name(), "goodsFile");
        run.step(DealStatus.OPEN, "goods-received");
        if (run.statement(ItemRole.PX4).isEmpty()) {
            try {
                SignedStatement px4 = run.sign("confirm to " + run.deal().counterpart().name() + " that you received '"
                        + offer.title() + "'", DealStatus.OPEN,
                        () -> PurchaseMessages.px4(agent.signer(), first.statement()));
                run.keep("px4 made", "sent", ItemRole.PX4, px4, "px4: your receipt");
                run.send("px4", Map.of("px4", px4), Map.of());
            } catch (DealStoppedException e) {
                // the receipt is optional: without it the purchase still stands
            }
        }
        return run.end(status, "completed", "bought: '" + offer.title() + "' received" + how + ", saved to " + saved);
    }

    // --- recovery ---------------------------------------------------------------------------------------------

    /** Does now what a timeout would: the merchant aborts (if no key was released), the buyer resolves. */
    public Deal recover(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.PURCHASE, null)) {
            Deal deal = run.deal();
            Optional<SignedStatement> px1 = run.statement(ItemRole.PX1);
            if (deal.status().finished() || px1.isEmpty()) {
                agent.progress().step(px1.isEmpty() ? "nothing to recover: no px1 yet, no one is bound"
                        : "nothing to recover: the deal has ended (" + deal.status() + ")");
                return deal;
            }
            FirstMessage first = DealRun.read(px1.get());
            if (deal.role().equals("merchant")) {
                if (run.statement(ItemRole.PX3).isPresent()) {
                    agent.progress().step("the key was released in px3: nothing to recover");
                    return deal;
                }
                return abort(run, first);
            }
            Optional<SignedStatement> px2 = run.statement(ItemRole.PX2);
            if (px2.isEmpty()) {
                agent.progress().step("you have not paid: nothing to recover");
                return deal;
            }
            run.step(DealStatus.OPEN, "px2-sent-resolve");
        }
        return pay(dealId);
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    private PaymentRequest paymentRequest(FirstMessage first, DealRun run) {
        var price = first.payload().path("price");
        Deal deal = run.deal();
        PaymentRequest.Party me = new PaymentRequest.Party(agent.name(), agent.fingerprint());
        PaymentRequest.Party other = new PaymentRequest.Party(deal.counterpart().name(), deal.counterpart().fingerprint());
        boolean merchant = deal.role().equals("merchant");
        return new PaymentRequest(price.path("amount").asLong(), price.path("currency").asText(),
                merchant ? me : other, merchant ? other : me, first.exchange().value());
    }

    private Optional<PaymentInstrument> archivedInstrument(DealRun run) throws AgentException {
        Optional<byte[]> bytes = run.latest(ItemRole.PAYMENT);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(agent.payments().restore(bytes.get()));
        } catch (PaymentException e) {
            return Optional.empty();
        }
    }

    private Offer archivedOffer(DealRun run) throws AgentException {
        SignedStatement statement = run.statement(ItemRole.OFFER).orElseThrow(() -> new AgentException(
                "deal " + run.deal().id() + " has no offer", null));
        try {
            return TradeDocuments.readOffer(run.trust, statement);
        } catch (ExchangeRejection e) {
            throw new AgentException("the archived offer does not verify any more: " + e.getMessage(),
                    "see 'semper deal show " + Agent.shortId(run.deal().id()) + "'", e);
        }
    }

    private Order readOrder(DealRun run, Offer offer, SignedStatement statement) throws AgentException {
        try {
            return TradeDocuments.readOrder(run.trust, offer, statement);
        } catch (ExchangeRejection e) {
            throw new DealStoppedException(run.deal(), "the order fails the checks: " + e.getMessage(),
                    "ask the buyer to order again");
        }
    }

    private byte[] readGoods(DealRun run, Offer offer) throws AgentException {
        Path file = run.file.directory().resolve(GOODS).resolve(safe(offer.goods().name()));
        try {
            byte[] goods = Files.readAllBytes(file);
            if (!Hashes.h(goods).equals(offer.goods().sha256())) {
                throw new AgentException("the goods in " + file + " changed since the offer", "restore them");
            }
            return goods;
        } catch (IOException e) {
            throw new AgentException("cannot read the goods " + file + ": " + e.getMessage(), "restore them", e);
        }
    }

    private static Map<String, String> facts(String title, Goods goods, Price price, String ttp) {
        Map<String, String> facts = new HashMap<>();
        facts.put("title", title);
        facts.put("goods", goods.name());
        facts.put("goodsSha256", goods.sha256());
        facts.put("amount", Long.toString(price.amount()));
        facts.put("currency", price.currency());
        facts.put("price", money(price));
        facts.put("ttp", ttp);
        return facts;
    }

    static String money(Price price) {
        return SignatureRendering.money(price.amount(), price.currency());
    }

    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.isEmpty() || cleaned.startsWith(".") ? "goods" + cleaned : cleaned;
    }
}
