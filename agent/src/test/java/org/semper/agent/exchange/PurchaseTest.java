package org.semper.agent.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealFile;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.testing.AgentWorld;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.px.Price;

/**
 * Two agents buy and sell over their HTTP endpoints with the notary built from the evidence library: the honest
 * run, and every recovery path (the merchant withholds the key, the buyer never pays, the merchant never delivers,
 * the goods are not as described).
 */
class PurchaseTest {
    private static final byte[] GOODS = "The SEMPER book, chapter 1: optimistic fair exchange."
            .getBytes(StandardCharsets.UTF_8);
    private static final Price PRICE = new Price(1999, "EUR");

    private AgentWorld world;
    private AgentWorld.Party merchant;
    private AgentWorld.Party buyer;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        world = new AgentWorld(Duration.ofSeconds(3));
        merchant = world.party("Bob Books", true);
        buyer = world.party("Alice", true);
        AgentWorld.introduce(merchant, buyer);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        world.close();
    }

    private String offerAndOrder() throws Exception {
        Deal offer = merchant.deals.purchases().offer(buyer.asContact(), GOODS, "semper-book.txt", "text/plain",
                "The SEMPER book", PRICE, Duration.ofDays(1));
        Deal incoming = buyer.deals.awaitIncoming(offer.id(), Duration.ofSeconds(10)).orElseThrow(
                () -> new AssertionError("the offer did not arrive\n" + buyer));
        assertThat(incoming.status()).isEqualTo(DealStatus.INCOMING);
        assertThat(incoming.role()).isEqualTo("buyer");
        assertThat(incoming.fact("price")).contains("19.99 EUR");
        buyer.deals.purchases().order(offer.id());
        return offer.id();
    }

    private DealFile file(AgentWorld.Party party, String id) throws Exception {
        return party.agent.archive().open(id);
    }

    @Test
    void honestPurchaseDeliversTheGoodsAndCapturesThePaymentWithoutTheNotary() throws Exception {
        String id = offerAndOrder();
        Future<Deal> delivery = executor.submit(() -> merchant.deals.purchases().deliver(id, Purchase.Misbehaviour.NONE));
        Deal bought = buyer.deals.purchases().pay(id);
        Deal sold = delivery.get(30, TimeUnit.SECONDS);

        assertThat(bought.status()).as(buyer.toString()).isEqualTo(DealStatus.COMPLETED);
        assertThat(sold.status()).as(merchant.toString()).isEqualTo(DealStatus.COMPLETED);
        assertThat(Files.readAllBytes(Path.of(bought.fact("goodsFile").orElseThrow()))).isEqualTo(GOODS);
        assertThat(world.notary.decisionsMade()).isZero();
        List<ItemRole> buyerRoles = file(buyer, id).items().stream().map(DealFile.Item::role).toList();
        assertThat(buyerRoles).contains(ItemRole.OFFER, ItemRole.ORDER, ItemRole.PX1, ItemRole.CIPHERTEXT,
                ItemRole.ESCROW, ItemRole.PAYMENT, ItemRole.PX2, ItemRole.PX3, ItemRole.KEY, ItemRole.PLAINTEXT,
                ItemRole.PX4, ItemRole.CRL);
        List<ItemRole> merchantRoles = file(merchant, id).items().stream().map(DealFile.Item::role).toList();
        assertThat(merchantRoles).contains(ItemRole.OFFER, ItemRole.ORDER, ItemRole.PX1, ItemRole.PX2,
                ItemRole.PAYMENT, ItemRole.PX3, ItemRole.KEY, ItemRole.PX4);
        assertThat(bought.exchange()).isEqualTo(sold.exchange()).isPresent();
    }

    @Test
    void merchantWithholdingTheKeyIsResolvedByTheBuyerWhoGetsTheGoodsAndTheMerchantGetsThePayment() throws Exception {
        String id = offerAndOrder();
        Future<Deal> delivery = executor.submit(() -> merchant.deals.purchases().deliver(id,
                Purchase.Misbehaviour.WITHHOLD_KEY));
        Deal bought = buyer.deals.purchases().pay(id);
        Deal withheld = delivery.get(30, TimeUnit.SECONDS);

        assertThat(bought.status()).as(buyer.toString()).isEqualTo(DealStatus.RESOLVED);
        assertThat(Files.readAllBytes(Path.of(bought.fact("goodsFile").orElseThrow()))).isEqualTo(GOODS);
        assertThat(file(buyer, id).statement(ItemRole.RESOLVE_TOKEN)).isPresent();
        assertThat(file(buyer, id).statement(ItemRole.PX3)).isEmpty();
        assertThat(withheld.status()).isEqualTo(DealStatus.OPEN);

        Deal paid = merchant.deals.recover(id);       // the merchant's abort gets the buyer's resolve token
        assertThat(paid.status()).as(merchant.toString()).isEqualTo(DealStatus.RESOLVED);
        assertThat(file(merchant, id).items()).filteredOn(item -> item.role() == ItemRole.PAYMENT)
                .extracting(DealFile.Item::event).containsExactly("payment received", "payment captured");
        assertThat(file(merchant, id).statement(ItemRole.RESOLVE_TOKEN)).contains(
                file(buyer, id).statement(ItemRole.RESOLVE_TOKEN).orElseThrow());
        assertThat(DealReviewOf.outcomes(world, merchant, id)).containsExactly("PAYMENT_DUE");
        assertThat(DealReviewOf.outcomes(world, buyer, id)).containsExactly("PAYMENT_DUE");
    }

    @Test
    void buyerWhoNeverPaysIsAbortedByTheMerchantAndALatePaymentGetsTheAbortToken() throws Exception {
        String id = offerAndOrder();
        Deal aborted = merchant.deals.purchases().deliver(id, Purchase.Misbehaviour.NONE);
        assertThat(aborted.status()).as(merchant.toString()).isEqualTo(DealStatus.ABORTED);
        assertThat(file(merchant, id).statement(ItemRole.ABORT_TOKEN)).isPresent();

        Deal late = buyer.deals.purchases().pay(id);   // px1 is in the inbox; the px3 never comes
        assertThat(late.status()).as(buyer.toString()).isEqualTo(DealStatus.ABORTED);
        assertThat(file(buyer, id).statement(ItemRole.ABORT_TOKEN)).isPresent();
        assertThat(DealReviewOf.outcomes(world, buyer, id)).containsExactly("NO_SALE");
    }

    @Test
    void merchantThatNeverDeliversCostsTheBuyerNothing() throws Exception {
        String id = offerAndOrder();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> buyer.deals.purchases().pay(id))
                .isInstanceOf(DealStoppedException.class).hasMessageContaining("not delivered")
                .satisfies(e -> assertThat(((DealStoppedException) e).next()).get().asString().contains("semper pay"));
        assertThat(file(buyer, id).statement(ItemRole.PX2)).isEmpty();
        assertThat(buyer.consent.requests).extracting(r -> r.type()).containsExactly("semper-trade/1/order");
    }

    @Test
    void goodsNotAsDescribedAreDetectedAndTheJudgeFindsTheMerchantLiable() throws Exception {
        String id = offerAndOrder();
        Future<Deal> delivery = executor.submit(() -> merchant.deals.purchases().deliver(id,
                Purchase.Misbehaviour.OTHER_GOODS));
        Deal bought = buyer.deals.purchases().pay(id);
        delivery.get(30, TimeUnit.SECONDS);

        assertThat(bought.fact("problem")).contains("goods-not-as-described");
        assertThat(bought.step()).isEqualTo("goods-not-as-described");
        assertThat(file(buyer, id).statement(ItemRole.PX4)).as("no receipt for other goods").isEmpty();
        assertThat(DealReviewOf.outcomes(world, buyer, id)).containsExactly("REFUND_MERCHANT_LIABLE");
    }

    @Test
    void anUnreachableNotaryStallsTheDealUntilItIsBackThenRecoveryResolves() throws Exception {
        String id = offerAndOrder();
        Future<Deal> delivery = executor.submit(() -> merchant.deals.purchases().deliver(id,
                Purchase.Misbehaviour.WITHHOLD_KEY));
        buyer.deals.purchases().order(id);
        // describe the notary while it is up (the agent fetches its identity once)
        buyer.agent.describe(org.semper.evidence.exchange.ExchangeProtocol.PURCHASE);
        world.notary.down(true);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> buyer.deals.purchases().pay(id))
                .isInstanceOf(DealStoppedException.class).hasMessageContaining("could not be reached");
        assertThat(file(buyer, id).deal().status()).isEqualTo(DealStatus.STALLED);
        delivery.get(30, TimeUnit.SECONDS);
        world.notary.down(false);
        Deal recovered = buyer.deals.recover(id);
        assertThat(recovered.status()).as(buyer.toString()).isEqualTo(DealStatus.RESOLVED);
        assertThat(Files.readAllBytes(Path.of(recovered.fact("goodsFile").orElseThrow()))).isEqualTo(GOODS);
    }
}
