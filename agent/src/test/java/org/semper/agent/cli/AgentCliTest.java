package org.semper.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.agent.testing.Cli.semper;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.agent.testing.AgentWorld;
import org.semper.agent.testing.Cli;
import org.semper.agent.testing.Pki;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The agent commands end to end, in-process: two agents created with {@code semper init}, enrolled over EST and
 * REST, introduced with {@code contact add}, then a purchase by {@code offer}, {@code order}, {@code deliver},
 * {@code pay}, browsed with {@code deals} and {@code deal show}, exported with {@code deal export}; a declined
 * signature without {@code --yes}; and the errors' next steps.
 */
class AgentCliTest {
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private AgentWorld world;
    private Path alice;
    private Path bob;
    private InputStream stdin;

    @BeforeEach
    void setUp() throws Exception {
        stdin = System.in;
        world = new AgentWorld(Duration.ofSeconds(3));
        Path anchors = Pki.pem(world.root.resolve("root.pem"), world.ca.certificate());
        alice = world.root.resolve("cli-alice");
        bob = world.root.resolve("cli-bob");
        for (Path home : new Path[] {alice, bob}) {
            String name = home == alice ? "Alice" : "Bob Books";
            Cli.Run init = semper("init", "--home", home, "--name", name, "--subject", "CN=" + name + ",O=Test",
                    "--anchors", anchors, "--notary", world.notary.url(), "--mail", world.mail.url(), "--arbiter",
                    "http://127.0.0.1:9", "--ca", world.enrollment.url(), "--timeout", "3s");
            assertThat(init.exitCode()).as(init.toString()).isZero();
            assertThat(init.out()).contains("next: semper enroll");
        }
        Cli.Run est = semper("enroll", "--home", alice, "--token", world.enrollment.token());
        assertThat(est.exitCode()).as(est.toString()).isZero();
        Cli.Run rest = semper("enroll", "--home", bob, "--token", world.enrollment.token(), "--rest", "--profile",
                "merchant");
        assertThat(rest.exitCode()).as(rest.toString()).isZero();
        for (Path[] pair : new Path[][] {{alice, bob}, {bob, alice}}) {
            Cli.Run pem = semper("whoami", "--home", pair[1], "--pem");
            Path certificate = Files.writeString(world.root.resolve(pair[1].getFileName() + ".pem"), pem.out());
            String name = pair[1] == alice ? "alice" : "bob";
            Cli.Run add = semper("contact", "add", name, "--home", pair[0], "--address", pair[1].resolve("inbox"),
                    "--certificate", certificate);
            assertThat(add.exitCode()).as(add.toString()).isZero();
            assertThat(add.out()).contains("compare with what " + name + " tells you");
        }
    }

    @AfterEach
    void tearDown() {
        System.setIn(stdin);
        executor.shutdownNow();
        world.close();
    }

    private String offer() throws Exception {
        Path goods = Files.writeString(world.root.resolve("book.txt"), "The SEMPER book, all chapters.");
        Cli.Run offer = semper("offer", "--home", bob, "--to", "alice", "--goods", goods, "--title", "The SEMPER book",
                "--price", "19.99 EUR", "--media-type", "text/plain", "--yes");
        assertThat(offer.exitCode()).as(offer.toString()).isZero();
        assertThat(offer.out()).contains("You are asked to sign: semper-trade/1/offer", "price.amount",
                "19.99 EUR", "-> signing (--yes)", "offer sent: deal");
        Cli.Run deals = semper("deals", "--home", alice, "--json");
        JsonNode listed = deals.json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).path("status").asText()).isEqualTo("INCOMING");
        return listed.get(0).path("id").asText();
    }

    @Test
    void aPurchaseThroughTheCommandsEndsWithTheGoodsAndVerifiableEvidence() throws Exception {
        String id = offer();
        assertThat(semper("deals", "--home", alice).out()).contains("incoming offer from bob: The SEMPER book "
                + "(19.99 EUR)", "semper order " + id.substring(0, 10));
        Future<Cli.Run> deliver = executor.submit(() -> semper("deliver", "--home", bob, "--yes", id.substring(0, 8)));
        Cli.Run order = semper("order", "--home", alice, "--yes", id.substring(0, 8));
        assertThat(order.exitCode()).as(order.toString()).isZero();
        Cli.Run pay = semper("pay", "--home", alice, "--yes", id);
        assertThat(pay.exitCode()).as(pay.toString()).isZero();
        assertThat(pay.out()).contains("purchase: your authorisation to pay for the goods (px2)", "waiting up to 3 s",
                "COMPLETED - bought");
        Cli.Run delivered = deliver.get(60, TimeUnit.SECONDS);
        assertThat(delivered.exitCode()).as(delivered.toString()).isZero();
        assertThat(delivered.out()).contains("COMPLETED - sold");

        Cli.Run show = semper("deal", "show", "--home", alice, id.substring(0, 6));
        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out()).contains("[ok] ", "px1 received", "TOTAL_PASSED", "matches hashCipher",
                "What a judge finds", "PAYMENT_DUE", "px-1").doesNotContain("[!!]");
        JsonNode shown = semper("deal", "show", "--home", alice, id, "--json").json();
        assertThat(shown.path("judgment").get(0).asText()).isEqualTo("PAYMENT_DUE");

        Path file = world.root.resolve("bundle.json");
        Cli.Run export = semper("deal", "export", "--home", alice, id, "--out", file, "--yes");
        assertThat(export.exitCode()).as(export.toString()).isZero();
        EvidenceBundle bundle = new EvidenceBundleReader().read(Files.readAllBytes(file));
        assertThat(bundle.protocol()).contains("semper-px/1");
        assertThat(export.out()).contains("bundle " + bundle.id());
    }

    @Test
    void withoutYesEverySignatureIsAskedForAndADeclinedOneSendsNothing() throws Exception {
        String id = offer();
        System.setIn(new ByteArrayInputStream("n\n".getBytes(StandardCharsets.UTF_8)));
        Cli.Run order = semper("order", "--home", alice, id);
        assertThat(order.exitCode()).as(order.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(order.out()).contains("You are asked to sign: semper-trade/1/order", "Sign this? [y/N]");
        assertThat(order.err()).contains("you declined to sign");
        assertThat(semper("deals", "--home", alice, "--json").json().get(0).path("status").asText())
                .isEqualTo("DECLINED");
        assertThat(Files.exists(bob.resolve("inbox").resolve(id))).isFalse();
    }

    @Test
    void errorsSayWhatToDoNext() throws Exception {
        Cli.Run unknown = semper("pay", "--home", alice, "nosuchdeal");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("no deal 'nosuchdeal'", "next: ");
        Cli.Run noAgent = semper("deals", "--home", world.root.resolve("nobody"));
        assertThat(noAgent.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noAgent.err()).contains("next: run 'semper init'");
        Cli.Run noContact = semper("send-mail", "--home", alice, "--to", "carol", "--subject", "Hi",
                world.root.resolve("root.pem"));
        assertThat(noContact.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noContact.err()).contains("no contact 'carol'", "next: add it");
        Cli.Run again = semper("init", "--home", alice, "--name", "Alice");
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("holds an agent already");
    }
}
