package org.semper.mail.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Labels;
import org.semper.evidence.exchange.PartyRole;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.exchange.VerifiedResolve;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.evidence.EvidenceLedger;
import org.semper.mail.evidence.RelayEvent;
import org.semper.mail.evidence.RelayEvidence;
import org.semper.mail.keys.MailTtp;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.ExchangeOutcome;
import org.semper.runtime.exchange.ProposedDecision;
import org.semper.runtime.exchange.StoredDecision;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a relayed message ends, as one decision of the exchange {@code H(EOO)} in the decision store shared with
 * the optimistic protocol (so the relay and an abort or resolve can never both decide):
 * <ul>
 * <li>handover = {@code RESOLVED}, token the key-released {@code CON} ({@code protocols.md} §3, built by the
 * evidence library with the EOR as the request);</li>
 * <li>expiry = {@code ABORTED}, token the AcceptanceRejectionExpiry evidence;</li>
 * <li>handover failure = {@code ABORTED}, token the ContentHandoverFailure evidence.</li>
 * </ul>
 * Whatever decision the store holds, {@link #close} then brings the relay row to the matching final state, once;
 * a handover also gets its ContentHandover evidence then. Every path goes through the stored decision, so a race
 * between a receipt, the expiry job and an optimistic request ends the same way everywhere.
 */
@ApplicationScoped
public class RelayDecisions {

    private static final String CM = ExchangeProtocol.CERTIFIED_MAIL.id();

    private final DataSource dataSource;
    private final ExchangeDecisions decisions;
    private final EvidenceLedger ledger;
    private final MailTtp ttp;

    @Inject
    public RelayDecisions(DataSource dataSource, ExchangeDecisions decisions, EvidenceLedger ledger, MailTtp ttp) {
        this.dataSource = dataSource;
        this.decisions = decisions;
        this.ledger = ledger;
        this.ttp = ttp;
    }

    /** Releases {@code key} to the recipient for its receipt {@code eor}, unless the exchange is decided already. */
    public MailMessage handOver(MailMessage m, FirstMessage eoo, SignedStatement eor, byte[] key) {
        StoredDecision decision = decisions.settle(m.exchangeId(), () -> {
            VerifiedResolve resolve = new VerifiedResolve(eoo.exchange(), ExchangeProtocol.CERTIFIED_MAIL,
                    PartyRole.RESPONDER, eor.signerCertificate(), eoo, eor, eor, Optional.of(m.escrow()));
            SignedStatement con = ttp.sign(TtpTokens.resolved(resolve, key, Instant.now()));
            return ProposedDecision.resolved(CM, con, eor.toJson().getBytes(StandardCharsets.UTF_8));
        }).decision();
        return close(m, decision);
    }

    /** The recipient did not collect the message before its deadline. */
    public MailMessage expire(MailMessage m) {
        StoredDecision decision = decisions.settle(m.exchangeId(), () -> ProposedDecision.aborted(CM,
                ttp.sign(RelayEvidence.TYPE, RelayEvidence.acceptanceRejectionExpiry(m, ttp.identity(), Instant.now())),
                new byte[0])).decision();
        return close(m, decision);
    }

    /** The recipient's receipt came, but the content cannot be handed over ({@code reason}); the receipt is void. */
    public MailMessage fail(MailMessage m, SignedStatement eor, String reason) {
        StoredDecision decision = decisions.settle(m.exchangeId(), () -> ProposedDecision.aborted(CM,
                ttp.sign(RelayEvidence.TYPE, RelayEvidence.contentHandoverFailure(m, eor.id(), reason, ttp.identity(),
                        Instant.now())), eor.toJson().getBytes(StandardCharsets.UTF_8))).decision();
        return close(m, decision);
    }

    /** The decision stored for the exchange, if any. */
    public Optional<StoredDecision> decision(String exchangeId) {
        return decisions.find(exchangeId);
    }

    /**
     * Brings a consigned message to the final state the stored decision gives (no-op if it is closed already),
     * and returns the message as it is then.
     */
    public MailMessage close(MailMessage m, StoredDecision decision) {
        return Transactions.run(dataSource, c -> {
            MailMessage current = MailMessages.lock(c, m.exchangeId()).orElseThrow();
            if (current.state() != MailState.CONSIGNED) {
                return current;
            }
            closeConsigned(c, current, decision);
            return MailMessages.find(c, m.exchangeId()).orElseThrow();
        });
    }

    private void closeConsigned(Connection c, MailMessage m, StoredDecision decision) throws SQLException {
        SignedStatement token = decision.statement();
        JsonNode payload = token.payload();
        Instant now = Instant.now();
        if (decision.outcome() == ExchangeOutcome.RESOLVED && decision.finding().isEmpty()) {
            // CON: the recipient's EOR is embedded in it.
            JsonNode eor = payload.get("eor");
            MailMessages.close(c, m.exchangeId(), MailState.HANDED_OVER, null, eor == null ? null : eor.toString(), now);
            String eorId = embeddedId(payload, "eor");
            ledger.issue(c, m.exchangeId(), RelayEvent.CONTENT_HANDOVER, RelayEvidence.contentHandover(m, eorId,
                    decision.tokenId(), ttp.identity(), now));
        } else if (decision.outcome() == ExchangeOutcome.RESOLVED) {
            MailMessages.close(c, m.exchangeId(), MailState.HANDOVER_FAILED, decision.finding().get(), null, now);
        } else if (RelayEvidence.LABEL.equals(payload.path("msg").asText())
                && RelayEvent.CONTENT_HANDOVER_FAILURE.etsiName().equals(payload.path("event").asText())) {
            MailMessages.close(c, m.exchangeId(), MailState.HANDOVER_FAILED, payload.path("reason").asText(), null, now);
        } else {
            // the relay's own expiry, or an abort by the sender (optimistic protocol)
            MailMessages.close(c, m.exchangeId(), MailState.EXPIRED, Labels.ABORTED.equals(payload.path("msg").asText())
                    ? Labels.ABORTED : null, null, now);
        }
    }

    private static String embeddedId(JsonNode payload, String member) {
        try {
            return Payloads.statement(payload, member).id();
        } catch (ExchangeRejection e) {
            throw new IllegalStateException("a stored token embeds no valid " + member + ": " + e.getMessage(), e);
        }
    }
}
