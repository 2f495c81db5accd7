package org.semper.agent.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.semper.agent.testing.AgentWorld;
import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/** A deal's archive exported as an arbiter bundle reads back with the evidence library, item for item. */
class DealBundleTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private AgentWorld world;

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theExportedBundleReadsBackWithEveryArchivedItemAndASignedManifest() throws Exception {
        world = new AgentWorld(Duration.ofSeconds(3));
        AgentWorld.Party alice = world.party("Alice", true);
        AgentWorld.Party bob = world.party("Bob", true);
        AgentWorld.introduce(alice, bob);
        Future<Deal> proposal = executor.submit(() -> alice.deals.contracts().propose(bob.asContact(),
                ContractTerms.text("text/plain", "Bob rents Alice's flat for 12 months."), "Flat"));
        String id = bob.incoming();
        bob.deals.contracts().countersign(id);
        proposal.get(30, TimeUnit.SECONDS);

        DealFile file = alice.agent.archive().open(id);
        EvidenceBundle exported = DealBundle.export(file, alice.agent.signer());
        EvidenceBundle read = new EvidenceBundleReader().read(exported.toJson());

        assertThat(read.id()).isEqualTo(exported.id());
        assertThat(read.protocol()).contains("semper-cs/1");
        assertThat(read.exchange()).contains(id);
        List<DealFile.Item> archived = file.items();
        assertThat(read.items()).hasSize(archived.size());
        for (int i = 0; i < archived.size(); i++) {
            BundleItem item = read.items().get(i);
            assertThat(item.role()).isEqualTo(archived.get(i).role());
            assertThat(item.content()).isEqualTo(file.read(archived.get(i).file()));
        }
        assertThat(read.itemsWithRole(ItemRole.ME1)).hasSize(1);
        assertThat(read.itemsWithRole(ItemRole.ME4)).hasSize(1);
        assertThat(alice.consent.requests).last().satisfies(r -> assertThat(r.type()).isEqualTo(
                EvidenceBundle.MANIFEST_TYPE));
        StatementValidation manifest = new StatementValidator(TrustAnchors.of(world.ca.certificate()),
                ValidationPolicy.builder().revocationFetcher(world.revocation).build()).validate(read.manifest(),
                        org.semper.evidence.validation.RevocationData.empty());
        assertThat(manifest.passed()).as(manifest.message()).isTrue();
        assertThat(read.manifest().signerCertificate()).isEqualTo(alice.agent.identity().certificate());
    }
}
