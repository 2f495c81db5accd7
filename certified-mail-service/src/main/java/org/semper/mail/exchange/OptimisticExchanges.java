package org.semper.mail.exchange;

import org.semper.runtime.exchange.ExchangeProblem;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.AbortRequest;
import org.semper.evidence.exchange.EscrowCheck;
import org.semper.evidence.exchange.EscrowOutcome;
import org.semper.evidence.exchange.ExchangeId;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.ExchangeState;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TokenPayload;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.exchange.VerifiedAbort;
import org.semper.evidence.exchange.VerifiedResolve;
import org.semper.mail.keys.EscrowKey;
import org.semper.mail.keys.MailTtp;
import org.semper.mail.problem.MailProblem;
import org.semper.mail.problem.MailProblems;
import org.semper.mail.relay.MailMessages;
import org.semper.mail.relay.RelayDecisions;
import org.semper.mail.relay.Transactions;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.ExchangeOutcome;
import org.semper.runtime.exchange.ProposedDecision;
import org.semper.runtime.exchange.StatusReport;
import org.semper.runtime.exchange.StoredDecision;
import org.semper.runtime.problem.ProblemException;

/**
 * The TTP side of the optimistic {@code semper-cm/1} ({@code docs/protocols.md} §3): abort by the sender, resolve
 * by the recipient (escrow opened, {@code keyCommit} checked, {@code CON} or affidavit), and status. The checks are
 * the evidence library's, the exactly-once decision the shared decision store's; this class only connects them.
 * An exchange that is also a relayed message is closed in the relay the same way (README "Both modes").
 */
@ApplicationScoped
public class OptimisticExchanges {

    private static final ExchangeProtocol CM = ExchangeProtocol.CERTIFIED_MAIL;

    private final TtpRequestVerifier verifier;
    private final ExchangeDecisions decisions;
    private final EscrowKey escrow;
    private final MailTtp ttp;
    private final RelayDecisions relay;
    private final DataSource dataSource;

    @Inject
    public OptimisticExchanges(TtpRequestVerifier verifier, ExchangeDecisions decisions, EscrowKey escrow, MailTtp ttp,
            RelayDecisions relay, DataSource dataSource) {
        this.verifier = verifier;
        this.decisions = decisions;
        this.escrow = escrow;
        this.ttp = ttp;
        this.relay = relay;
        this.dataSource = dataSource;
    }

    /** {@code AT}, or the token stored before ({@code CON}/affidavit if the recipient resolved first). */
    public StoredDecision abort(byte[] body) {
        VerifiedAbort abort;
        try {
            AbortRequest request = AbortRequest.parse(body);
            requireCertifiedMail(request.protocol());
            abort = verifier.verifyAbort(request, ttp.identity(), Instant.now());
        } catch (ExchangeRejection e) {
            throw MailProblems.of(e);
        }
        return settle(abort.exchange(), () -> ProposedDecision.aborted(CM.id(),
                ttp.sign(TtpTokens.aborted(abort, Instant.now())), body));
    }

    /** {@code CON} (key released), an affidavit (escrow invalid), or the token stored before ({@code AT}). */
    public StoredDecision resolve(byte[] body) {
        VerifiedResolve resolve;
        try {
            ResolveRequest request = ResolveRequest.parse(body);
            requireCertifiedMail(request.protocol());
            resolve = verifier.verifyResolve(request, ttp.identity(), Instant.now());
        } catch (ExchangeRejection e) {
            throw MailProblems.of(e);
        }
        return settle(resolve.exchange(), () -> {
            EscrowOutcome outcome = EscrowCheck.open(resolve, escrow.privateKey());
            TokenPayload token = TtpTokens.resolution(resolve, Optional.of(outcome), Instant.now());
            return outcome instanceof EscrowOutcome.Invalid
                    ? ProposedDecision.affidavit(CM.id(), TtpTokens.ESCROW_INVALID, ttp.sign(token), body)
                    : ProposedDecision.resolved(CM.id(), ttp.sign(token), body);
        });
    }

    /** A signed, logged status statement for any exchange id. */
    public StatusReport status(String exchangeId) {
        if (!ExchangeDecisions.wellFormedId(exchangeId)) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "Not an exchange id (base64url SHA-256): " + exchangeId);
        }
        ExchangeId id = new ExchangeId(exchangeId);
        return decisions.status(exchangeId, decision -> ttp.sign(TtpTokens.status(CM, id,
                decision.map(d -> d.outcome() == ExchangeOutcome.ABORTED ? ExchangeState.ABORTED : ExchangeState.RESOLVED)
                        .orElse(ExchangeState.NONE), decision.map(StoredDecision::tokenId), Instant.now())));
    }

    /** {@code aborted}, {@code resolved} or {@code affidavit}. */
    public static String outcomeName(StoredDecision decision) {
        return decision.affidavit() ? "affidavit" : decision.outcome().name().toLowerCase(java.util.Locale.ROOT);
    }

    private StoredDecision settle(ExchangeId exchange, java.util.function.Supplier<ProposedDecision> proposer) {
        StoredDecision decision = decisions.settle(exchange.value(), proposer).decision();
        Transactions.run(dataSource, c -> MailMessages.find(c, exchange.value()))
                .ifPresent(m -> relay.close(m, decision));
        return decision;
    }

    private static void requireCertifiedMail(ExchangeProtocol protocol) throws ExchangeRejection {
        if (protocol != CM) {
            throw new ExchangeRejection(ExchangeReason.WRONG_PROTOCOL, "this TTP settles " + CM.id() + " exchanges, not "
                    + protocol.id());
        }
    }
}
