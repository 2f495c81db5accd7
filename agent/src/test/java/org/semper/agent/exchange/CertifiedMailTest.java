package org.semper.agent.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.testing.AgentWorld;
import org.semper.agent.transport.Envelope;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;

/**
 * Certified mail between two agents with a certified-mail TTP built from the evidence library: the honest run, a
 * silent recipient, a sender that withholds the key, and a bogus escrow (affidavit). The misbehaving sender is
 * played with the library's builders and the party's real key.
 */
class CertifiedMailTest {
    private static final byte[] LETTER = "Invoice 2026-0001: 19.99 EUR for 'The SEMPER book'. Due in 30 days."
            .getBytes(StandardCharsets.UTF_8);

    private AgentWorld world;
    private AgentWorld.Party merchant;
    private AgentWorld.Party buyer;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        world = new AgentWorld(Duration.ofSeconds(3));
        merchant = world.party("Bob Books", true);
        buyer = world.party("Alice", false);            // Alice receives through her inbox directory (file transport)
        AgentWorld.introduce(merchant, buyer);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        world.close();
    }


    @Test
    void honestMailGivesTheSenderTheReceiptAndTheRecipientTheMessage() throws Exception {
        Future<Deal> sending = executor.submit(() -> merchant.deals.mail().send(buyer.asContact(), "Invoice 2026-0001",
                LETTER, "invoice.txt"));
        String id = buyer.incoming();
        Deal received = buyer.deals.mail().receipt(id);
        Deal sent = sending.get(30, TimeUnit.SECONDS);

        assertThat(received.status()).as(buyer.toString()).isEqualTo(DealStatus.COMPLETED);
        assertThat(sent.status()).as(merchant.toString()).isEqualTo(DealStatus.COMPLETED);
        assertThat(Files.readAllBytes(Path.of(received.fact("messageFile").orElseThrow()))).isEqualTo(LETTER);
        assertThat(world.mail.decisionsMade()).isZero();
        assertThat(DealReviewOf.outcomes(world, merchant, id)).containsExactlyInAnyOrder("RECEIPT_PROVEN",
                "ORIGIN_PROVEN");
        assertThat(DealReviewOf.outcomes(world, buyer, id)).containsExactlyInAnyOrder("RECEIPT_PROVEN",
                "ORIGIN_PROVEN");
    }

    @Test
    void silentRecipientIsAbortedAndItsLateReceiptIsVoid() throws Exception {
        Deal sent = merchant.deals.mail().send(buyer.asContact(), "Invoice 2026-0001", LETTER, "invoice.txt");
        assertThat(sent.status()).as(merchant.toString()).isEqualTo(DealStatus.ABORTED);
        String id = buyer.incoming();
        Deal late = buyer.deals.mail().receipt(id);
        assertThat(late.status()).as(buyer.toString()).isEqualTo(DealStatus.ABORTED);
        assertThat(buyer.agent.archive().open(id).statement(ItemRole.ABORT_TOKEN)).isPresent();
    }

    private String rogueMail(SealedContent sealed) throws Exception {
        SignedStatement eoo = CertifiedMailMessages.eoo(merchant.agent.signer(), buyer.agent.identity().certificate(),
                world.mail.identity(), "Invoice 2026-0001", sealed, Optional.empty());
        merchant.agent.send(buyer.agent.address(), new Envelope(eoo.id(), "eoo", merchant.agent.sender(),
                Map.of("eoo", eoo), Map.of("c", sealed.ciphertext(), "ek", sealed.ek()), Instant.now()));
        return buyer.incoming();
    }

    @Test
    void senderWhoWithholdsTheKeyIsResolvedAndTheRecipientGetsTheMessage() throws Exception {
        merchant.agent.describe(org.semper.evidence.exchange.ExchangeProtocol.CERTIFIED_MAIL);
        SealedContent sealed = CertifiedMailMessages.seal(LETTER,
                merchant.agent.describe(org.semper.evidence.exchange.ExchangeProtocol.CERTIFIED_MAIL).escrowKey(),
                merchant.agent.identity().certificate(), buyer.agent.identity().certificate());
        String id = rogueMail(sealed);
        Deal received = buyer.deals.mail().receipt(id);       // the EOK never comes

        assertThat(received.status()).as(buyer.toString()).isEqualTo(DealStatus.RESOLVED);
        assertThat(Files.readAllBytes(Path.of(received.fact("messageFile").orElseThrow()))).isEqualTo(LETTER);
        assertThat(buyer.agent.archive().open(id).statement(ItemRole.KEY_RELEASED)).isPresent();
        assertThat(DealReviewOf.outcomes(world, buyer, id)).containsExactlyInAnyOrder("RECEIPT_PROVEN",
                "ORIGIN_PROVEN");
    }

    @Test
    void aBogusEscrowEndsInAnAffidavitThatVoidsTheReceipt() throws Exception {
        SealedContent real = CertifiedMailMessages.seal(LETTER,
                merchant.agent.describe(org.semper.evidence.exchange.ExchangeProtocol.CERTIFIED_MAIL).escrowKey(),
                merchant.agent.identity().certificate(), buyer.agent.identity().certificate());
        SealedContent bogus = new SealedContent(real.key(), real.ciphertext(), new byte[EscrowOpening.ESCROW_LENGTH],
                real.hashPlain(), real.hashCipher(), real.keyCommit());
        String id = rogueMail(bogus);
        Deal received = buyer.deals.mail().receipt(id);

        assertThat(received.status()).as(buyer.toString()).isEqualTo(DealStatus.VOID);
        assertThat(buyer.agent.archive().open(id).statement(ItemRole.AFFIDAVIT)).isPresent();
        assertThat(DealReviewOf.outcomes(world, buyer, id)).containsExactly("NOT_PROVEN");
    }
}
