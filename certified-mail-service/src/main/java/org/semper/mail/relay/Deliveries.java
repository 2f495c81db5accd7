package org.semper.mail.relay;

import org.semper.runtime.exchange.ExchangeProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.SecondMessage;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.evidence.EvidenceLedger;
import org.semper.mail.evidence.RelayEvent;
import org.semper.mail.party.Eoos;
import org.semper.mail.party.PartyRequest;
import org.semper.mail.party.PartyStatements;
import org.semper.mail.problem.MailProblem;
import org.semper.mail.problem.MailProblems;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.StoredDecision;
import org.semper.runtime.problem.ProblemException;
import org.semper.runtime.problem.ProblemType;

/**
 * The recipient's side of the relay (README "Relay"): its inbox, the receipt that releases the key and the
 * content (ContentHandover), the content itself, and every party's view of a message's evidence.
 */
@ApplicationScoped
public class Deliveries {

    private static final Logger LOG = Logger.getLogger(Deliveries.class);
    private static final int INBOX_LIMIT = 200;

    /** A pending message as the recipient's inbox lists it. */
    public record Pending(MailMessage message, String consignment) {
    }

    /** A message's evidence: the relay's own, in issue order, and the exchange's decision token, if decided. */
    public record Evidence(MailMessage message, Map<String, String> relay, Optional<StoredDecision> decision) {
    }

    private final DataSource dataSource;
    private final PartyStatements statements;
    private final KeyEscrow escrow;
    private final ContentStore store;
    private final RelayDecisions relay;

    @Inject
    public Deliveries(DataSource dataSource, PartyStatements statements, KeyEscrow escrow, ContentStore store,
            RelayDecisions relay) {
        this.dataSource = dataSource;
        this.statements = statements;
        this.escrow = escrow;
        this.store = store;
        this.relay = relay;
    }

    /** The messages waiting for the requester, oldest first, each with its ContentConsignment evidence. */
    public List<Pending> inbox(PartyRequest request) {
        return Transactions.run(dataSource, c -> {
            List<Pending> pending = new ArrayList<>();
            for (MailMessage m : MailMessages.pendingFor(c, request.party(), INBOX_LIMIT)) {
                pending.add(new Pending(m, EvidenceLedger.find(c, m.exchangeId(), RelayEvent.CONTENT_CONSIGNMENT).orElseThrow()));
            }
            return pending;
        });
    }

    /**
     * The recipient's receipt {@code EOR} for a consigned message: checked with the evidence library (label,
     * binding to the EOO, signed by the recipient the EOO names, valid certificate), then the stored content is
     * checked against {@code hashCipher}, and the key is released (decision RESOLVED, token CON). A receipt for a
     * message handed over already gets the same answer again.
     *
     * @return the message, handed over
     * @throws ProblemException {@code unknown-message}, the EOR's reason, {@code submission-rejected},
     *                          {@code deadline-passed} or {@code handover-failed} (with the deciding token)
     */
    public MailMessage receipt(String exchangeId, String eorJson) {
        MailMessage m = find(exchangeId);
        SignedStatement eor = PartyStatements.parse(eorJson, "the EOR");
        FirstMessage eoo = Eoos.stored(m.eoo());
        try {
            SecondMessage.read(eoo, eor);
        } catch (ExchangeRejection e) {
            throw MailProblems.of(e);
        }
        statements.requireValid(eor, "the EOR");
        if (m.state() == MailState.CONSIGNED) {
            m = settle(m, eoo, eor);
        }
        return requireHandedOver(m);
    }

    private MailMessage settle(MailMessage m, FirstMessage eoo, SignedStatement eor) {
        Optional<StoredDecision> decided = relay.decision(m.exchangeId());
        if (decided.isPresent()) {
            return relay.close(m, decided.get());
        }
        if (!Instant.now().isBefore(m.deadline())) {
            return relay.expire(m);
        }
        Optional<String> damage = damage(m);
        if (damage.isPresent()) {
            LOG.errorf("Stored content of %s cannot be handed over: %s", m.exchangeId(), damage.get());
            return relay.fail(m, eor, MailProblem.CONTENT_UNAVAILABLE.code());
        }
        Optional<byte[]> key = escrow.open(eoo, m.escrow());
        if (key.isEmpty()) {
            return relay.fail(m, eor, MailProblem.ESCROW_INVALID.code());
        }
        return relay.handOver(m, eoo, eor, key.get());
    }

    private MailMessage requireHandedOver(MailMessage m) {
        return switch (m.state()) {
            case HANDED_OVER -> m;
            case REJECTED -> throw new ProblemException(MailProblem.SUBMISSION_REJECTED, "This EOO was not accepted");
            case EXPIRED -> throw withToken(ExchangeProblem.DEADLINE_PASSED, "The message was not collected before "
                    + m.deadline() + (m.reason() == null ? "" : " (or the sender aborted the exchange)"), m);
            case HANDOVER_FAILED -> throw withToken(MailProblem.HANDOVER_FAILED, "The content could not be handed over ("
                    + m.reason() + "); the receipt is void", m);
            case CONSIGNED -> throw new IllegalStateException("message " + m.exchangeId() + " is still consigned");
        };
    }

    private ProblemException withToken(ProblemType problem, String detail, MailMessage m) {
        Map<String, Object> extensions = new java.util.LinkedHashMap<>();
        extensions.put("exchange", m.exchangeId());
        relay.decision(m.exchangeId()).ifPresent(d -> extensions.put("token", MailProblems.json(d.tokenJson())));
        return new ProblemException(problem, detail, extensions, null);
    }

    /** Why the stored ciphertext cannot be handed over (missing, unreadable, altered), if it cannot. */
    private Optional<String> damage(MailMessage m) {
        try {
            String hash = Transactions.run(dataSource, c -> {
                MessageDigest digest = ContentSpool.sha256();
                try (InputStream in = store.open(c, m)) {
                    byte[] buffer = new byte[ContentSpool.CHUNK];
                    int n;
                    while ((n = in.read(buffer)) != -1) {
                        digest.update(buffer, 0, n);
                    }
                }
                return Hashes.b64u(digest.digest());
            });
            return hash.equals(m.hashCipher()) ? Optional.empty()
                    : Optional.of("h(c) of the stored content is " + hash + ", not " + m.hashCipher());
        } catch (Transactions.StorageException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Writes the ciphertext of a handed-over message to {@code out}, for its recipient ({@code eoo} of the
     * request names the message).
     *
     * @throws ProblemException {@code unknown-message}, {@code not-recipient}, {@code no-receipt},
     *                          {@code content-deleted}
     */
    public MailMessage requireContent(PartyRequest request) {
        MailMessage m = find(request.text("eoo"));
        if (!m.recipient().equals(request.party())) {
            throw new ProblemException(MailProblem.NOT_RECIPIENT, "The message " + m.exchangeId()
                    + " is addressed to another recipient");
        }
        if (m.state() == MailState.CONSIGNED) {
            Optional<StoredDecision> decided = relay.decision(m.exchangeId());
            if (decided.isPresent()) {
                m = relay.close(m, decided.get());
            }
        }
        if (m.state() != MailState.HANDED_OVER) {
            throw new ProblemException(MailProblem.NO_RECEIPT, "The message is " + m.state().column()
                    + "; the content is handed over after the recipient's receipt (EOR)");
        }
        if (m.contentDeleted()) {
            throw new ProblemException(MailProblem.CONTENT_DELETED, "The content was deleted at " + m.contentDeletedAt()
                    + " (retention ended); the evidence is kept");
        }
        return m;
    }

    /** Streams the content of {@code m} (checked by {@link #requireContent}). */
    public void write(MailMessage m, OutputStream out) throws IOException {
        try {
            Transactions.run(dataSource, c -> {
                try (InputStream in = store.open(c, m)) {
                    in.transferTo(out);
                }
                return null;
            });
        } catch (Transactions.StorageException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Every piece of evidence of a message, for its sender or recipient. */
    public Evidence evidence(PartyRequest request) {
        MailMessage m = find(request.text("eoo"));
        if (!m.recipient().equals(request.party()) && !m.sender().equals(request.party())) {
            throw new ProblemException(MailProblem.NOT_A_PARTY, "The requester is neither sender nor recipient of "
                    + m.exchangeId());
        }
        return evidence(m);
    }

    /** Every piece of evidence of {@code m} (closing it first if its exchange was decided meanwhile). */
    public Evidence evidence(MailMessage m) {
        Optional<StoredDecision> decision = relay.decision(m.exchangeId());
        MailMessage current = m.state() == MailState.CONSIGNED && decision.isPresent() ? relay.close(m, decision.get()) : m;
        return new Evidence(current, Transactions.run(dataSource, c -> EvidenceLedger.all(c, current.exchangeId())),
                decision);
    }

    /** The message with this exchange id. */
    public MailMessage find(String exchangeId) {
        if (!ExchangeDecisions.wellFormedId(exchangeId)) {
            throw new ProblemException(MailProblem.UNKNOWN_MESSAGE, "Not an exchange id: " + exchangeId);
        }
        return Transactions.run(dataSource, c -> MailMessages.find(c, exchangeId)).orElseThrow(() ->
                new ProblemException(MailProblem.UNKNOWN_MESSAGE, "No message " + exchangeId));
    }
}
