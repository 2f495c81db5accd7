package org.semper.agent.exchange;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.SignedStatement;

/**
 * Contract signing between two agents over HTTP with a notary built from the evidence library: the honest run and
 * the recovery paths. Where a party must misbehave, the test plays it with the evidence library's own message
 * builders and the party's real key (a "rogue" party), and the honest agent has to recover.
 */
class ContractSigningTest {
    private static final ContractTerms TERMS = ContractTerms.text("text/plain",
            "Alice sells Bob her bicycle for 100 EUR, to be handed over on 1 July.");

    private AgentWorld world;
    private AgentWorld.Party alice;
    private AgentWorld.Party bob;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        world = new AgentWorld(Duration.ofSeconds(3));
        alice = world.party("Alice", true);
        bob = world.party("Bob", true);
        AgentWorld.introduce(alice, bob);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        world.close();
    }


    @Test
    void honestSigningGivesBothTheStandardContract() throws Exception {
        Future<Deal> proposal = executor.submit(() -> alice.deals.contracts().propose(bob.asContact(), TERMS, "Bicycle"));
        String id = bob.incoming();
        assertThat(bob.agent.archive().open(id).deal().fact("title")).get().asString()
                .startsWith("Alice sells Bob her bicycle");
        Deal signed = bob.deals.contracts().countersign(id);
        Deal proposed = proposal.get(30, TimeUnit.SECONDS);

        assertThat(signed.status()).as(bob.toString()).isEqualTo(DealStatus.COMPLETED);
        assertThat(proposed.status()).as(alice.toString()).isEqualTo(DealStatus.COMPLETED);
        assertThat(world.notary.decisionsMade()).isZero();
        assertThat(DealReviewOf.outcomes(world, alice, id)).containsExactly("CONTRACT_BINDS");
        assertThat(DealReviewOf.outcomes(world, bob, id)).containsExactly("CONTRACT_BINDS");
    }

    @Test
    void silentResponderIsAbortedAndItsLateSignatureResolvesToTheAbortToken() throws Exception {
        Deal proposed = alice.deals.contracts().propose(bob.asContact(), TERMS, "Bicycle");
        assertThat(proposed.status()).as(alice.toString()).isEqualTo(DealStatus.ABORTED);
        String id = bob.incoming();
        Deal late = bob.deals.contracts().countersign(id);
        assertThat(late.status()).as(bob.toString()).isEqualTo(DealStatus.ABORTED);
        assertThat(DealReviewOf.outcomes(world, bob, id)).containsExactly("NO_CONTRACT");
    }

    @Test
    void originatorWhoStopsAfterMe2IsResolvedByTheResponder() throws Exception {
        byte[] nonce = Hashes.random32();
        SignedStatement me1 = ContractMessages.me1(alice.agent.signer(), bob.agent.identity().certificate(),
                world.notary.identity(), TERMS, nonce, Optional.empty());
        alice.agent.send(bob.agent.address(), new Envelope(me1.id(), "me1", alice.agent.sender(), Map.of("me1", me1),
                Map.of(), Instant.now()));
        String id = bob.incoming();
        Deal resolved = bob.deals.contracts().countersign(id);     // the rogue originator never sends me3

        assertThat(resolved.status()).as(bob.toString()).isEqualTo(DealStatus.RESOLVED);
        assertThat(bob.agent.archive().open(id).statement(ItemRole.RESOLVE_TOKEN)).isPresent();
        assertThat(DealReviewOf.outcomes(world, bob, id)).containsExactly("CONTRACT_BINDS");
    }

    @Test
    void responderWhoWithholdsMe4IsResolvedByTheOriginatorAndTheNotaryAnswersTheLaterResolveAlike() throws Exception {
        Future<Deal> proposal = executor.submit(() -> alice.deals.contracts().propose(bob.asContact(), TERMS, "Bicycle"));
        String id = bob.incoming();
        SignedStatement me1 = bob.agent.archive().open(id).statement(ItemRole.ME1).orElseThrow();
        SignedStatement me2 = ContractMessages.me2(bob.agent.signer(), me1, Hashes.random32());
        bob.agent.send(alice.agent.address(), new Envelope(id, "me2", bob.agent.sender(), Map.of("me2", me2), Map.of(),
                Instant.now()));
        Deal proposed = proposal.get(30, TimeUnit.SECONDS);           // me3 goes out, me4 never comes

        assertThat(proposed.status()).as(alice.toString()).isEqualTo(DealStatus.RESOLVED);
        assertThat(world.notary.decision(id)).contains(
                alice.agent.archive().open(id).statement(ItemRole.RESOLVE_TOKEN).orElseThrow());
        assertThat(DealReviewOf.outcomes(world, alice, id)).containsExactly("CONTRACT_BINDS");
    }

    @Test
    void aDeclinedSignatureSendsNothing() throws Exception {
        Future<Deal> proposal = executor.submit(() -> alice.deals.contracts().propose(bob.asContact(), TERMS, "Bicycle"));
        String id = bob.incoming();
        bob.consent.decline(request -> request.type().equals("semper-cs/1/me2"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bob.deals.contracts().countersign(id))
                .isInstanceOf(DealStoppedException.class).hasMessageContaining("declined");
        assertThat(bob.agent.archive().open(id).deal().status()).isEqualTo(DealStatus.DECLINED);
        assertThat(bob.agent.archive().open(id).statement(ItemRole.ME2)).isEmpty();
        assertThat(proposal.get(30, TimeUnit.SECONDS).status()).isEqualTo(DealStatus.ABORTED);
    }
}
