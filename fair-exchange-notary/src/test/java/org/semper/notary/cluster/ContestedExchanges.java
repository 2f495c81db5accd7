package org.semper.notary.cluster;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.notary.testing.Exchanges;
import org.semper.notary.testing.Exchanges.Contract;
import org.semper.notary.testing.Exchanges.Party;
import org.semper.notary.testing.Exchanges.Purchase;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.cluster.DecisionAudit;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Submission;

/**
 * Exchanges that stop halfway, each with the requests its parties send the notary at the same moment, all valid and
 * signed beforehand with the evidence library's party-side builders:
 * <ul>
 * <li>5 in 10: contract signing: O aborts (it got no {@code me2} in time) while R, holding {@code me1} and having
 * sent {@code me2}, resolves; R's resolve is sent twice (its agent retries, the same bytes) → aborted or resolved;</li>
 * <li>7 in 20: purchase with a genuine escrow: the merchant aborts while the buyer resolves, twice → aborted or
 * resolved (the key);</li>
 * <li>3 in 20: purchase whose escrow does not open (sealed to another key than the notary's): the merchant aborts
 * while the buyer resolves → aborted or the affidavit, never resolved.</li>
 * </ul>
 * The outcome of each depends only on which request's transaction commits first.
 */
public final class ContestedExchanges {

    public static final String ABORT = "/api/v1/exchanges/abort";
    public static final String RESOLVE = "/api/v1/exchanges/resolve";

    private static final Set<String> ABORTED_OR_RESOLVED = Set.of(DecisionAudit.ABORTED, DecisionAudit.RESOLVED);
    private static final Set<String> ABORTED_OR_AFFIDAVIT = Set.of(DecisionAudit.ABORTED, DecisionAudit.AFFIDAVIT);

    private ContestedExchanges() {
    }

    /** {@code count} exchanges between pairs of {@code partyCount} parties certified by {@code ca}. */
    public static List<RaceExchange> build(Exchanges exchanges, InProcessCa ca, int partyCount, int count) {
        List<Party> parties = IntStream.range(0, partyCount).mapToObj(i -> Exchanges.party(ca.issue("Party " + i))).toList();
        PublicKey notTheNotary = randomEscrowKey();
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            Party initiator = parties.get(i % partyCount);
            Party responder = parties.get((i + 1 + (i / partyCount) % (partyCount - 1)) % partyCount); // never the initiator
            int kind = i % 20;
            if (kind < 10) {
                Contract contract = exchanges.contract(initiator, responder);
                byte[] resolve = bytes(Exchanges.resolve(responder, contract));
                return new RaceExchange(contract.id(), ABORTED_OR_RESOLVED, List.of(
                        new Submission("cs abort by O", ABORT, bytes(Exchanges.abort(initiator, contract.me1()))),
                        new Submission("cs resolve by R", RESOLVE, resolve),
                        new Submission("cs resolve by R, retried", RESOLVE, resolve)));
            }
            if (kind < 17) {
                Purchase purchase = exchanges.purchase(initiator, responder);
                byte[] resolve = bytes(Exchanges.resolve(responder, purchase));
                return new RaceExchange(purchase.id(), ABORTED_OR_RESOLVED, List.of(
                        new Submission("px abort by M", ABORT, bytes(Exchanges.abort(initiator, purchase.px1()))),
                        new Submission("px resolve by B", RESOLVE, resolve),
                        new Submission("px resolve by B, retried", RESOLVE, resolve)));
            }
            SealedContent bogus = PurchaseMessages.seal(Exchanges.GOODS, notTheNotary, initiator.certificate(),
                    responder.certificate());
            Purchase purchase = exchanges.purchase(initiator, responder, bogus);
            return new RaceExchange(purchase.id(), ABORTED_OR_AFFIDAVIT, List.of(
                    new Submission("px abort by M (bogus escrow)", ABORT, bytes(Exchanges.abort(initiator, purchase.px1()))),
                    new Submission("px resolve by B (bogus escrow)", RESOLVE, bytes(Exchanges.resolve(responder, purchase)))));
        }).toList();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static PublicKey randomEscrowKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair().getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
