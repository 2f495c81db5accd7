package org.semper.mail.relay;

import org.semper.runtime.exchange.ExchangeProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.semper.mail.MailConfig;
import org.semper.mail.evidence.EvidenceLedger;
import org.semper.mail.evidence.RelayEvent;
import org.semper.mail.evidence.RelayEvidence;
import org.semper.mail.keys.MailTtp;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.mail.party.Eoos;
import org.semper.mail.problem.MailProblem;
import org.semper.mail.problem.MailProblems;
import org.semper.runtime.problem.ProblemException;
import org.semper.runtime.problem.ProblemType;

/**
 * Relay submission (README "Relay"): the sender hands over its EOO, the escrow {@code ek} and the ciphertext
 * {@code c}; the service accepts the message only if the EOO is its sender's, names this TTP and {@code h(ek)},
 * {@code h(c)} is the EOO's {@code hashCipher}, the escrow opens to the key the EOO commits to, the deadline is
 * acceptable and the sender's quota allows it. Acceptance stores the ciphertext and issues SubmissionAcceptance and
 * ContentConsignment, in one transaction; a refusal of a validly signed EOO issues SubmissionRejection.
 *
 * <p>An EOO is submitted once: a second submission gets the first one's outcome again, with the same evidence.
 */
@ApplicationScoped
public class Submissions {

    /** The result of a submission. */
    public record Outcome(MailMessage message, String acceptance, boolean created) {
    }

    private final DataSource dataSource;
    private final Eoos eoos;
    private final ContentSpool spool;
    private final ContentStore store;
    private final KeyEscrow escrow;
    private final EvidenceLedger ledger;
    private final MailTtp ttp;
    private final MailConfig config;
    private final Event<Consigned> consigned;

    @Inject
    public Submissions(DataSource dataSource, Eoos eoos, ContentSpool spool, ContentStore store, KeyEscrow escrow,
            EvidenceLedger ledger, MailTtp ttp, MailConfig config, Event<Consigned> consigned) {
        this.dataSource = dataSource;
        this.eoos = eoos;
        this.spool = spool;
        this.store = store;
        this.escrow = escrow;
        this.ledger = ledger;
        this.ttp = ttp;
        this.config = config;
        this.consigned = consigned;
    }

    /**
     * @param eooHeader    the EOO, base64url of its flattened JWS JSON
     * @param escrowHeader {@code ek}, base64url
     * @param declaredLength the body's Content-Length, if declared
     * @param body         the ciphertext, read to its end only if the EOO passes
     */
    public Outcome submit(String eooHeader, String escrowHeader, Long declaredLength, InputStream body) {
        spool.requireDeclaredLength(declaredLength);
        String eooJson = new String(decode(eooHeader, "Semper-Eoo"), StandardCharsets.UTF_8);
        byte[] ek = decode(escrowHeader, "Semper-Escrow");
        FirstMessage eoo = eoos.verify(eooJson, ek);
        String id = eoo.exchange().value();
        Optional<Outcome> earlier = earlier(id);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant now = Instant.now();
        requireQuota(eoo.initiator(), 0, now);
        Instant deadline = eoo.deadline().orElse(now.plus(config.relay().defaultCollectionPeriod()));
        if (!deadline.isAfter(now)) {
            return reject(eoo, ek, 0, ExchangeProblem.DEADLINE_PASSED, "The EOO's deadline " + deadline + " has passed");
        }
        if (deadline.isAfter(now.plus(config.relay().maxCollectionPeriod()))) {
            return reject(eoo, ek, 0, MailProblem.DEADLINE_TOO_FAR, "This service keeps messages for at most "
                    + config.relay().maxCollectionPeriod());
        }
        try (SpooledContent content = spool.receive(body)) {
            if (!content.sha256().equals(eoo.hashCipher().orElseThrow())) {
                return reject(eoo, ek, content.size(), ExchangeProblem.CONTENT_MISMATCH, "h(c) of the " + content.size()
                        + " bytes received is " + content.sha256() + ", the EOO names " + eoo.hashCipher().get());
            }
            if (escrow.open(eoo, ek).isEmpty()) {
                return reject(eoo, ek, content.size(), MailProblem.ESCROW_INVALID,
                        "ek does not open under this exchange's label to a key whose hash is the EOO's keyCommit");
            }
            return accept(eoo, ek, content, deadline);
        } catch (IOException e) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "The upload broke off: " + e.getMessage());
        }
    }

    private Outcome accept(FirstMessage eoo, byte[] ek, SpooledContent content, Instant deadline) {
        Instant now = Instant.now();
        ContentStore.Location[] kept = new ContentStore.Location[1];
        String[] consignment = new String[1];
        MailMessage stored;
        try {
            stored = Transactions.run(dataSource, c -> {
                MailMessages.lockSender(c, eoo.initiator());
                if (MailMessages.find(c, eoo.exchange().value()).isPresent()) {
                    return null; // submitted concurrently: answered from the stored row below
                }
                checkQuota(c, eoo.initiator(), content.size(), now);
                kept[0] = store.keep(c, content, eoo.exchange().value());
                MailMessage m = MailMessage.submitted(eoo, ek, content.size(), kept[0], MailState.CONSIGNED, null, now,
                        deadline);
                MailMessages.insert(c, m);
                ledger.issue(c, m.exchangeId(), RelayEvent.SUBMISSION_ACCEPTANCE,
                        RelayEvidence.submissionAcceptance(m, ttp.identity(), now));
                consignment[0] = ledger.issue(c, m.exchangeId(), RelayEvent.CONTENT_CONSIGNMENT,
                        RelayEvidence.contentConsignment(m, ttp.identity(), now)).toJson();
                return m;
            });
        } catch (RuntimeException e) {
            if (kept[0] != null) {
                store.forget(kept[0]);
            }
            throw e;
        }
        if (stored == null) {
            return earlier(eoo.exchange().value()).orElseThrow();
        }
        consigned.fire(new Consigned(stored, consignment[0]));
        return earlier(eoo.exchange().value()).map(o -> new Outcome(o.message(), o.acceptance(), true)).orElseThrow();
    }

    /** Records the refusal of a validly signed EOO with SubmissionRejection evidence, then answers the problem. */
    private Outcome reject(FirstMessage eoo, byte[] ek, long size, ProblemType reason, String detail) {
        Instant now = Instant.now();
        Boolean recorded = Transactions.run(dataSource, c -> {
            MailMessages.lockSender(c, eoo.initiator());
            if (MailMessages.find(c, eoo.exchange().value()).isPresent()) {
                return false;
            }
            checkQuota(c, eoo.initiator(), 0, now);
            MailMessage m = MailMessage.submitted(eoo, ek, size, new ContentStore.Location(null, null),
                    MailState.REJECTED, reason.code(), now, null);
            MailMessages.insert(c, m);
            ledger.issue(c, m.exchangeId(), RelayEvent.SUBMISSION_REJECTION, RelayEvidence.submissionRejection(m,
                    ttp.identity(), now));
            return true;
        });
        Optional<Outcome> stored = earlier(eoo.exchange().value());
        if (recorded) {
            throw rejection(stored.orElseThrow().message(), reason, detail);
        }
        return stored.orElseThrow();
    }

    /**
     * The outcome of an earlier submission of the same EOO: the acceptance, or (thrown) the rejection, each with
     * the evidence first issued.
     */
    private Optional<Outcome> earlier(String exchangeId) {
        return Transactions.run(dataSource, c -> {
            Optional<MailMessage> m = MailMessages.find(c, exchangeId);
            if (m.isEmpty()) {
                return Optional.<Outcome>empty();
            }
            if (m.get().state() == MailState.REJECTED) {
                throw rejection(c, m.get());
            }
            return Optional.of(new Outcome(m.get(), EvidenceLedger.find(c, exchangeId, RelayEvent.SUBMISSION_ACCEPTANCE)
                    .orElseThrow(), false));
        });
    }

    private ProblemException rejection(Connection c, MailMessage m) throws SQLException {
        ProblemType reason = MailProblems.byCode(m.reason());
        return withEvidence(reason, "This EOO was refused when first submitted: " + reason.title(), m,
                EvidenceLedger.find(c, m.exchangeId(), RelayEvent.SUBMISSION_REJECTION).orElseThrow());
    }

    private ProblemException rejection(MailMessage m, ProblemType reason, String detail) {
        String evidence = Transactions.run(dataSource, c -> EvidenceLedger.find(c, m.exchangeId(),
                RelayEvent.SUBMISSION_REJECTION).orElseThrow());
        return withEvidence(reason, detail, m, evidence);
    }

    private static ProblemException withEvidence(ProblemType reason, String detail, MailMessage m, String evidence) {
        return new ProblemException(reason, detail, Map.of("exchange", m.exchangeId(), "event",
                RelayEvent.SUBMISSION_REJECTION.etsiName(), "evidence", MailProblems.json(evidence)), null);
    }

    private void requireQuota(String sender, long bytes, Instant now) {
        Transactions.run(dataSource, c -> {
            checkQuota(c, sender, bytes, now);
            return null;
        });
    }

    private void checkQuota(Connection c, String sender, long bytes, Instant now) throws SQLException {
        MailConfig.Quota quota = config.quota();
        MailMessages.Usage usage = MailMessages.usage(c, sender, now.minus(quota.window()));
        if (usage.messages() >= quota.maxMessages() || usage.bytes() + bytes > quota.maxBytes().asLongValue()) {
            throw new ProblemException(MailProblem.QUOTA_EXCEEDED, "The sender has used " + usage.messages() + " of "
                    + quota.maxMessages() + " submissions and " + usage.bytes() + " of " + quota.maxBytes().asLongValue()
                    + " bytes in the last " + quota.window(), Map.of("retryAfterSeconds", quota.window().toSeconds()), null);
        }
    }

    private static byte[] decode(String value, String header) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "The " + header + " header is missing");
        }
        try {
            return Base64.getUrlDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "The " + header + " header is not base64url");
        }
    }
}
