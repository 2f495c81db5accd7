package org.semper.agent.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealArchiveException;
import org.semper.agent.deal.DealReview;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.dispute.DisputeFiling;
import org.semper.agent.exchange.Purchase;
import org.semper.agent.exchange.RelayInbox;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.trust.OnlineRevocation;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.exchange.px.Price;

/**
 * The Fair Internet Trader: Bob Books sells e-books, Alice buys, and the Semper TTPs keep it fair.
 * <ol>
 * <li>An honest purchase: Bob's terms of sale are signed by both ({@code semper-cs/1}), Alice pays for the e-book
 * and gets it ({@code semper-px/1}), and signs the receipt.</li>
 * <li>Bob takes the payment and withholds the key: Alice resolves with the notary and gets the e-book; Bob's
 * abort then gets the notary's resolve token, with the payment in it.</li>
 * <li>Bob sends the invoice by certified mail ({@code semper-cm/1}) and gets Alice's receipt.</li>
 * <li>The e-book is not as described: Alice files a dispute with the arbiter, which notifies Bob by certified mail,
 * decides, and issues a transcript (JSON, HTML, PDF).</li>
 * </ol>
 * Each step's result is returned for the end-to-end test to check, with what the protocol's judge finds on each
 * party's archive.
 */
public final class FairInternetTrader {
    static final byte[] BOOK = ("The SEMPER book\n\nChapter 1. Optimistic fair exchange: two parties trade directly, "
            + "and a trusted third party steps in only when one of them stops halfway.\n").getBytes(StandardCharsets.UTF_8);
    static final Price PRICE = new Price(1999, "EUR");
    static final String TERMS = "Terms of sale of Bob Books: e-books are delivered encrypted, the key is released "
            + "against payment through the Semper notary; goods not as described are refunded.";

    /**
     * What one step ended with, on each side, and each side's archive reviewed as {@code semper deal show} does: every
     * item checked, and what the protocol's judge finds.
     */
    public record StepResult(int step, String deal, Deal buyer, Deal merchant, DealReview.Review buyerReview,
            DealReview.Review merchantReview) {
        public List<String> buyerJudgment() {
            return buyerReview.outcomes();
        }

        public List<String> merchantJudgment() {
            return merchantReview.outcomes();
        }

        /** The archived items, of either side, that do not verify (with why). */
        public List<String> unverified() {
            List<String> failing = new ArrayList<>();
            for (DealReview.Review review : List.of(buyerReview, merchantReview)) {
                review.checks().values().stream().filter(check -> !check.verifies().orElse(true))
                        .forEach(check -> failing.add(review.deal().role() + " " + check.item().file() + ": "
                                + check.result()));
            }
            return failing;
        }
    }

    /** The dispute of step 4: the notice as Bob received it, the verdict and the transcript's files. */
    public record DisputeResult(String dispute, Deal notice, String verdict, Path json, Path html, Path pdf) {
    }

    public record Result(List<StepResult> steps, Optional<DisputeResult> dispute) {
        /** What did not end as the scenario says it must (empty when all is well). */
        public List<String> unexpected() {
            List<String> wrong = new ArrayList<>();
            for (StepResult step : steps) {
                expect(wrong, step, switch (step.step()) {
                    case 1 -> List.of(DealStatus.COMPLETED, DealStatus.COMPLETED);
                    case 2 -> List.of(DealStatus.RESOLVED, DealStatus.RESOLVED);
                    case 3 -> List.of(DealStatus.COMPLETED, DealStatus.COMPLETED);
                    default -> List.of(DealStatus.COMPLETED, DealStatus.COMPLETED);
                }, switch (step.step()) {
                    case 1, 2 -> List.of("PAYMENT_DUE");
                    case 3 -> List.of("ORIGIN_PROVEN", "RECEIPT_PROVEN");
                    default -> List.of("REFUND_MERCHANT_LIABLE");
                });
                step.unverified().forEach(item -> wrong.add("step " + step.step() + ": does not verify: " + item));
            }
            dispute.filter(d -> !d.verdict().startsWith("upheld")).ifPresent(d -> wrong.add("the dispute was not "
                    + "upheld: " + d.verdict()));
            return wrong;
        }

        private static void expect(List<String> wrong, StepResult step, List<DealStatus> statuses,
                List<String> judgment) {
            if (step.buyer().status() != statuses.get(0) || step.merchant().status() != statuses.get(1)) {
                wrong.add("step " + step.step() + ": Alice " + step.buyer().status() + ", Bob "
                        + step.merchant().status() + ", expected " + statuses);
            }
            for (List<String> found : List.of(step.buyerJudgment(), step.merchantJudgment())) {
                if (!found.stream().sorted().toList().equals(judgment)) {
                    wrong.add("step " + step.step() + ": a judge finds " + found + ", expected " + judgment);
                }
            }
        }
    }

    private final Narrator narrator;
    private final Duration stepTimeout;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "trader");
        thread.setDaemon(true);
        return thread;
    });

    public FairInternetTrader(Narrator narrator, Duration stepTimeout) {
        this.narrator = narrator;
        this.stepTimeout = stepTimeout;
    }

    /** Runs steps {@code from} to {@code to} (1..4) with the suite's services, agents under {@code agents}. */
    public Result run(Suite suite, Path agents, int to) throws Exception {
        narrator.heading("Two agents: Alice (buyer) and Bob Books (merchant)");
        try (DemoParty alice = DemoParty.create(agents.resolve("alice"), "Alice", "Alice", "buyer", suite, narrator,
                stepTimeout);
                DemoParty bob = DemoParty.create(agents.resolve("bob"), "Bob Books", "Bob Books Ltd", "merchant", suite,
                        narrator, stepTimeout)) {
            DemoParty.introduce(alice, bob);
            List<StepResult> steps = new ArrayList<>();
            Optional<DisputeResult> dispute = Optional.empty();
            steps.add(honestPurchase(alice, bob));
            if (to >= 2) {
                steps.add(withheldKey(alice, bob));
            }
            if (to >= 3) {
                steps.add(invoice(alice, bob));
            }
            if (to >= 4) {
                StepResult notAsDescribed = notAsDescribed(alice, bob);
                steps.add(notAsDescribed);
                dispute = Optional.of(dispute(alice, bob, notAsDescribed.deal()));
            }
            return new Result(steps, dispute);
        } finally {
            executor.shutdownNow();
        }
    }

    private StepResult honestPurchase(DemoParty alice, DemoParty bob) throws Exception {
        narrator.heading("Step 1 - an honest purchase: terms signed, the e-book paid for and delivered, a receipt");
        narrator.say("Bob proposes his terms of sale; both sign them (semper-cs/1, the notary is not needed)");
        Future<Deal> proposal = executor.submit(() -> bob.deals().contracts().propose(alice.contact(),
                ContractTerms.text("text/plain", TERMS), "Terms of sale of Bob Books"));
        String terms = incoming(alice);
        Deal signed = alice.deals().contracts().countersign(terms);
        Deal proposed = proposal.get(2, TimeUnit.MINUTES);
        narrator.say("terms of sale: Alice " + signed.status() + ", Bob " + proposed.status() + "; a judge finds "
                + review(alice, terms).outcomes());
        alice.showInFull("semper-px/1/px2");
        StepResult result = purchase(1, alice, bob, Purchase.Misbehaviour.NONE);
        narrator.say("Alice has the e-book; Bob has the payment and Alice's receipt (px4)");
        return result;
    }

    private StepResult withheldKey(DemoParty alice, DemoParty bob) throws Exception {
        narrator.heading("Step 2 - Bob takes the payment and withholds the key: Alice resolves with the notary");
        StepResult result = purchase(2, alice, bob, Purchase.Misbehaviour.WITHHOLD_KEY);
        narrator.say("Bob comes back later and recovers: his abort gets the notary's resolve token, with the payment");
        Deal paid = bob.deals().recover(result.deal());
        return new StepResult(2, result.deal(), result.buyer(), paid, review(alice, result.deal()),
                review(bob, result.deal()));
    }

    private StepResult invoice(DemoParty alice, DemoParty bob) throws Exception {
        narrator.heading("Step 3 - Bob sends the invoice by certified mail and gets the receipt");
        byte[] invoice = ("Invoice 2026-0001\nBob Books Ltd to Alice\n2 x 'The SEMPER book' at 19.99 EUR\n")
                .getBytes(StandardCharsets.UTF_8);
        Future<Deal> sending = executor.submit(() -> bob.deals().mail().send(alice.contact(), "Invoice 2026-0001",
                invoice, "invoice-2026-0001.txt"));
        String mail = incoming(alice);
        Deal received = alice.deals().mail().receipt(mail);
        Deal sent = sending.get(2, TimeUnit.MINUTES);
        narrator.say("Bob: " + sent.outcome().orElse("") + "; Alice: " + received.outcome().orElse(""));
        return new StepResult(3, mail, received, sent, review(alice, mail), review(bob, mail));
    }

    private StepResult notAsDescribed(DemoParty alice, DemoParty bob) throws Exception {
        narrator.heading("Step 4 - the e-book is not as described: Alice files a dispute");
        return purchase(4, alice, bob, Purchase.Misbehaviour.OTHER_GOODS);
    }

    private DisputeResult dispute(DemoParty alice, DemoParty bob, String deal) throws Exception {
        DisputeFiling filing = new DisputeFiling(alice.agent());
        DisputeFiling.Filed filed = filing.file(deal, Optional.of("goods-not-as-described"), Optional.empty(),
                "The e-book delivered is not the one offered: its SHA-256 differs from the offer's.");
        narrator.say("dispute " + filed.dispute() + " filed with the arbiter (claim " + Agent.shortId(filed.claim())
                + "..., bundle " + Agent.shortId(filed.bundle()) + "...); the arbiter notifies Bob by certified mail"
                + filed.respondBy().map(by -> " and waits for his answer until " + by).orElse(""));
        List<Deal> mail = new RelayInbox(bob.agent()).await(Duration.ofSeconds(60));
        if (mail.isEmpty()) {
            throw new AgentException("the notice did not reach Bob through the relay", "see the arbiter's log");
        }
        DisputeFiling answering = new DisputeFiling(bob.agent());
        DisputeFiling.Notice notice = answering.notice(mail.get(0).id());
        narrator.say("Bob received the notice by certified mail (his receipt, the relay's ContentHandover): dispute "
                + notice.dispute() + ", claim " + notice.claimType() + " for " + notice.amount() + " "
                + notice.currency() + ", answer by " + notice.respondBy());
        answering.respond(mail.get(0).id());
        narrator.say("Bob answers with his own evidence of the deal; the arbiter decides");
        DisputeFiling.Transcript transcript = filing.transcript(deal, Duration.ofMinutes(2)).orElseThrow(
                () -> new AgentException("the arbiter has not decided within 2 minutes", "see the arbiter's log"));
        narrator.say("verdict: " + transcript.verdict());
        narrator.say("transcript " + transcript.id());
        narrator.say("  JSON  " + transcript.json());
        narrator.say("  HTML  " + transcript.html());
        narrator.say("  PDF   " + transcript.pdf());
        return new DisputeResult(filed.dispute(), mail.get(0), transcript.verdict(), transcript.json(),
                transcript.html(), transcript.pdf());
    }

    /** Offer, order, deliver (as {@code misbehaviour} says) and pay; both sides concurrently. */
    private StepResult purchase(int step, DemoParty alice, DemoParty bob, Purchase.Misbehaviour misbehaviour)
            throws Exception {
        Deal offer = bob.deals().purchases().offer(alice.contact(), BOOK, "semper-book.txt", "text/plain",
                "The SEMPER book (e-book)", PRICE, Duration.ofDays(1));
        alice.deals().awaitIncoming(offer.id(), Duration.ofSeconds(30)).orElseThrow(() -> new AgentException(
                "Bob's offer did not reach Alice", null));
        alice.deals().purchases().order(offer.id());
        Future<Deal> delivery = executor.submit(() -> bob.deals().purchases().deliver(offer.id(), misbehaviour));
        Deal bought = alice.deals().purchases().pay(offer.id());
        Deal sold = delivery.get(2, TimeUnit.MINUTES);
        narrator.say("Alice: " + bought.status() + " - " + bought.outcome().orElse(""));
        narrator.say("Bob:   " + sold.status() + " - " + sold.outcome().orElse(sold.step()));
        StepResult result = new StepResult(step, offer.id(), bought, sold, review(alice, offer.id()), review(bob, offer.id()));
        narrator.say("a judge finds on Alice's evidence " + result.buyerJudgment() + ", on Bob's "
                + result.merchantJudgment());
        return result;
    }

    /** Waits for the first incoming deal at {@code party}. */
    private String incoming(DemoParty party) throws AgentException, InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            List<Deal> deals = party.deals().ingest();
            if (!deals.isEmpty()) {
                return deals.get(0).id();
            }
            Thread.sleep(50);
        }
        throw new AgentException("nothing arrived at " + party.agent().name(), null);
    }

    /** The party's archive of the deal as {@code semper deal show} reviews it. */
    private static DealReview.Review review(DemoParty party, String deal) throws AgentException {
        try {
            return DealReview.review(party.agent().archive().open(deal), party.agent().trust().anchors(),
                    new OnlineRevocation(Duration.ofSeconds(10)));
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /** Runs the whole demonstration: starts the suite under {@code data}, runs the steps, stops everything. */
    public static Result demonstrate(Path root, Path data, Narrator narrator, int to) throws Exception {
        Files.createDirectories(data);
        try (Suite suite = new Suite(root, data, line -> narrator.say("  " + line))) {
            narrator.heading("Starting the Semper suite on the local profile (data: " + data + ")");
            List<SuiteService> services = new ArrayList<>(List.of(SuiteService.CA, SuiteService.TSA,
                    SuiteService.NOTARY));
            if (to >= 3) {
                services.add(SuiteService.MAIL);
            }
            if (to >= 4) {
                services.add(SuiteService.ARBITER);
            }
            suite.start(services);
            return new FairInternetTrader(narrator, Duration.ofSeconds(3)).run(suite, data.resolve("agents"), to);
        }
    }

}
