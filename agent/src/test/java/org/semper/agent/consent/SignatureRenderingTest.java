package org.semper.agent.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealFile;
import org.semper.agent.exchange.Purchase;
import org.semper.agent.testing.AgentWorld;
import org.semper.agent.testing.Pki;
import org.semper.evidence.exchange.px.Price;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What you see is what you sign: during a whole purchase, every signature of either party went through the consent
 * gate, the request shown is byte for byte the payload that was signed (compared with the statements in the
 * archive), and the rendering shows every field of it with its value.
 */
class SignatureRenderingTest {
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

    /** Every leaf of a JSON object as {@code path -> value}, paths as the rendering writes them. */
    static List<Map.Entry<String, String>> leaves(String path, JsonNode node) {
        List<Map.Entry<String, String>> leaves = new ArrayList<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                leaves.addAll(leaves(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves.addAll(leaves(path + "[" + i + "]", node.get(i)));
            }
        } else {
            leaves.add(Map.entry(path, node.isTextual() ? node.textValue() : node.toString()));
        }
        return leaves;
    }

    static void assertRenderingShowsEveryField(SigningRequest request, String rendering) {
        List<String> lines = rendering.lines().toList();
        for (Map.Entry<String, String> leaf : leaves("", request.payload())) {
            assertThat(lines).as("the rendering of %s shows %s = %s", request.type(), leaf.getKey(), leaf.getValue())
                    .anySatisfy(line -> {
                        assertThat(line.strip()).startsWith(leaf.getKey() + " ");
                        assertThat(line).contains(leaf.getValue());
                    });
        }
    }

    @Test
    void everySignatureOfAPurchaseIsShownInFullAndIsExactlyWhatIsSigned() throws Exception {
        Deal offer = merchant.deals.purchases().offer(buyer.asContact(), "the book".getBytes(StandardCharsets.UTF_8),
                "book.txt", "text/plain", "The SEMPER book", new Price(1999, "EUR"), Duration.ofDays(1));
        buyer.deals.awaitIncoming(offer.id(), Duration.ofSeconds(10)).orElseThrow();
        buyer.deals.purchases().order(offer.id());
        Future<Deal> delivery = executor.submit(() -> merchant.deals.purchases().deliver(offer.id(),
                Purchase.Misbehaviour.NONE));
        buyer.deals.purchases().pay(offer.id());
        delivery.get(30, TimeUnit.SECONDS);

        assertThat(buyer.consent.requests).extracting(SigningRequest::type).containsExactly("semper-trade/1/order",
                "semper-cheque/1/cheque", "semper-px/1/px2", "semper-px/1/px4");
        assertThat(merchant.consent.requests).extracting(SigningRequest::type).containsExactly("semper-trade/1/offer",
                "semper-px/1/px1", "semper-px/1/px3", "semper-cheque/1/capture");
        for (AgentWorld.Party party : List.of(buyer, merchant)) {
            DealFile file = party.agent.archive().open(offer.id());
            List<String> signedPayloads = new ArrayList<>();
            for (DealFile.Item item : file.items()) {
                if (item.mediaType().equals("application/jose+json")) {
                    SignedStatement statement = SignedStatement.parse(new String(file.read(item.file()),
                            StandardCharsets.UTF_8));
                    signedPayloads.add(new String(statement.payloadBytes(), StandardCharsets.UTF_8));
                }
            }
            for (int i = 0; i < party.consent.requests.size(); i++) {
                SigningRequest request = party.consent.requests.get(i);
                assertThat(signedPayloads).as("what %s was shown for %s is what it signed", party.agent.name(),
                        request.type()).contains(request.payloadText());
                assertRenderingShowsEveryField(request, party.consent.renderings.get(i));
                assertThat(request.signer()).isEqualTo(party.agent.identity().certificate());
            }
        }
        String px2 = buyer.consent.renderings.get(2);
        assertThat(px2).contains("your authorisation to pay", "19.99 EUR", "Bob Books", "purpose");
        String cheque = buyer.consent.renderings.get(1);
        assertThat(cheque).contains("debtor.party", "Alice (you)", "creditor.party", "remittance");
    }

    @Test
    void aDeclinedSignatureIsNeverMade() throws Exception {
        Pki.Entity ca = Pki.rootCa("Consent CA");
        Pki.Entity party = ca.issue("Party", Pki.Usage.SIGNING);
        List<SigningRequest> asked = new ArrayList<>();
        StatementSigner signer = ConsentingSigners.signer(party.key().getPrivate(), List.of(party.certificate()),
                request -> {
                    asked.add(request);
                    return false;
                });
        assertThatThrownBy(() -> signer.sign("test/declined", Map.of("amount", 5)))
                .satisfies(e -> assertThat(SignatureDeclinedException.in(e)).isPresent());
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.type()).isEqualTo("test/declined");
            assertThat(request.payloadText()).isEqualTo("{\"amount\":5}");
        });
    }

    @Test
    void amountsAreShownInMajorUnitsAndUnknownFieldsStillAppear() throws Exception {
        Pki.Entity ca = Pki.rootCa("Consent CA");
        Pki.Entity party = ca.issue("Party", Pki.Usage.SIGNING);
        List<String> shown = new ArrayList<>();
        StatementSigner signer = ConsentingSigners.signer(party.key().getPrivate(), List.of(party.certificate()),
                request -> shown.add(SignatureRendering.text(request, PartyNames.none())));
        signer.sign("test/price", Map.of("price", Map.of("amount", 1999, "currency", "EUR"), "yen",
                Map.of("amount", 500, "currency", "JPY"), "note", "line one\nline two", "list", List.of("a", "b")));
        assertThat(shown).singleElement().asString().contains("19.99 EUR", "500 JPY", "list[0]", "list[1]",
                "| line one", "| line two");
    }
}
