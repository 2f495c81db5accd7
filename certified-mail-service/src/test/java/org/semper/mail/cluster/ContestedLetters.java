package org.semper.mail.cluster;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.testing.MailParty;
import org.semper.runtime.testing.cluster.DecisionAudit;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Submission;

/**
 * Optimistic {@code semper-cm/1} exchanges that stop halfway, each with the requests its parties send the service at
 * the same moment, all valid and signed beforehand with the evidence library's party-side builders:
 * <ul>
 * <li>17 in 20: a genuine escrow: the sender aborts (it got no EOR in time) while the recipient, holding the EOO and
 * having sent its EOR without getting the key, resolves, and its agent retries the same bytes → aborted or
 * resolved (the key released);</li>
 * <li>3 in 20: an escrow that does not open (sealed to another key than the service's): the sender aborts while the
 * recipient resolves → aborted or the affidavit, never resolved.</li>
 * </ul>
 * The outcome of each depends only on which request's transaction commits first.
 */
public final class ContestedLetters {

    public static final String ABORT = "/api/v1/mail/abort";
    public static final String RESOLVE = "/api/v1/mail/resolve";

    private static final Set<String> ABORTED_OR_RESOLVED = Set.of(DecisionAudit.ABORTED, DecisionAudit.RESOLVED);
    private static final Set<String> ABORTED_OR_AFFIDAVIT = Set.of(DecisionAudit.ABORTED, DecisionAudit.AFFIDAVIT);

    private ContestedLetters() {
    }

    /** {@code count} letters between pairs of {@code partyCount} parties certified by the cluster's parties CA. */
    public static List<RaceExchange> build(MailCluster cluster, int partyCount, int count) {
        List<MailParty> parties = IntStream.range(0, partyCount)
                .mapToObj(i -> MailParty.of("Party " + i, cluster.cluster().partiesCa())).toList();
        PublicKey notTheService = randomEscrowKey();
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            MailParty sender = parties.get(i % partyCount);
            MailParty recipient = parties.get((i + 1 + (i / partyCount) % (partyCount - 1)) % partyCount); // never the sender
            boolean bogus = i % 20 >= 17;
            byte[] message = ("Invoice " + i + ": 42 EUR, due in 30 days").getBytes(StandardCharsets.UTF_8);
            SealedContent content = CertifiedMailMessages.seal(message, bogus ? notTheService : cluster.escrowKey(),
                    sender.certificate(), recipient.certificate());
            SignedStatement eoo = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), cluster.ttp(),
                    "Invoice " + i, content, Optional.empty());
            SignedStatement eor = CertifiedMailMessages.eor(recipient.signer(), eoo);
            byte[] abort = bytes(ExchangeRequests.abort(sender.signer(), eoo).toJson());
            byte[] resolve = bytes(ExchangeRequests.resolve(recipient.signer(), eoo, eor, Optional.of(content.ek())).toJson());
            if (bogus) {
                return new RaceExchange(eoo.id(), ABORTED_OR_AFFIDAVIT, List.of(
                        new Submission("cm abort by S (bogus escrow)", ABORT, abort),
                        new Submission("cm resolve by R (bogus escrow)", RESOLVE, resolve)));
            }
            return new RaceExchange(eoo.id(), ABORTED_OR_RESOLVED, List.of(
                    new Submission("cm abort by S", ABORT, abort),
                    new Submission("cm resolve by R", RESOLVE, resolve),
                    new Submission("cm resolve by R, retried", RESOLVE, resolve)));
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
