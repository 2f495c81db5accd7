package org.semper.notary.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.exchange.VerifiedAbort;
import org.semper.evidence.exchange.VerifiedResolve;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.ExchangeOutcome;
import org.semper.runtime.exchange.ExchangeProblem;
import org.semper.runtime.exchange.ProposedDecision;
import org.semper.runtime.exchange.Settlement;
import org.semper.runtime.exchange.StatusReport;
import org.semper.runtime.exchange.StoredDecision;
import org.semper.runtime.keys.KeyAgreementKey;
import org.semper.runtime.problem.ProblemException;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The notary's one job: answer abort and resolve requests of {@code semper-cs/1} and {@code semper-px/1} with a
 * decision that never contradicts another (docs/protocols.md §5, §6).
 *
 * <ol>
 * <li>The request is parsed and verified by the evidence library ({@link TtpRequestVerifier}: form, labels,
 * bindings, parties, TTP, deadline, escrow hash, signatures, certificates valid and not revoked now). A refusal is
 * answered with the library's reason code and nothing is stored.</li>
 * <li>The decision is settled by ttp-runtime's {@link ExchangeDecisions}: if the exchange has one, its token is
 * returned as stored; otherwise the notary signs the token (for a px resolve: after opening the escrow, which gives
 * the key or an affidavit) and the database decides which proposal is stored, committing it with its log entry
 * before anything is returned.</li>
 * </ol>
 * The time-stamp of a token is added later ({@code TokenTimeStamping}); nothing here waits for another service
 * (except the CAs' revocation data, cached).
 */
@ApplicationScoped
public class ExchangeNotary {

    /** The protocols this TTP serves; certified mail has its own service. */
    static final Set<ExchangeProtocol> SERVED = EnumSet.of(ExchangeProtocol.CONTRACT_SIGNING, ExchangeProtocol.PURCHASE);

    private final TtpRequestVerifier verifier;
    private final TtpIdentity self;
    private final StatementSigner signer;
    private final KeyAgreementKey escrowKey;
    private final ExchangeDecisions decisions;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ExchangeNotary(TtpRequestVerifier verifier, TtpIdentity self, StatementSigner signer, KeyAgreementKey escrowKey,
            DataSource dataSource, MeterRegistry metrics) {
        this.verifier = verifier;
        this.self = self;
        this.signer = signer;
        this.escrowKey = escrowKey;
        this.decisions = new ExchangeDecisions(dataSource);
        this.metrics = metrics;
    }

    /** Abort (§5.1): the initiator gives up; {@code AT} unless the exchange is already decided. */
    public StoredDecision abort(byte[] body) {
        try {
            AbortRequest request = AbortRequest.parse(body);
            requireServed(request.protocol());
            Instant now = clock.instant();
            VerifiedAbort abort = verifier.verifyAbort(request, self, now);
            return settle("abort", abort.exchange(), () -> ProposedDecision.aborted(abort.protocol().id(),
                    TtpTokens.aborted(abort, now).sign(signer), body));
        } catch (ExchangeRejection e) {
            throw rejected("abort", e);
        }
    }

    /**
     * Resolve (§5.2): a party asks for the outcome; {@code RC} (cs: the replacement contract; px: the key and the
     * payment) or, if the px escrow does not give the committed key, the affidavit {@code AF}; unless the exchange is
     * already decided.
     */
    public StoredDecision resolve(byte[] body) {
        try {
            ResolveRequest request = ResolveRequest.parse(body);
            requireServed(request.protocol());
            Instant now = clock.instant();
            VerifiedResolve resolve = verifier.verifyResolve(request, self, now);
            return settle("resolve", resolve.exchange(), () -> resolution(resolve, now, body));
        } catch (ExchangeRejection e) {
            throw rejected("resolve", e);
        }
    }

    /**
     * A signed status statement about {@code exchangeId} (none, aborted, resolved, naming the stored token), logged.
     * For an exchange without a decision the statement must name a protocol: {@code protocol}.
     */
    public StatusReport status(String exchangeId, Optional<String> protocol) {
        if (!Hashes.isDigest(exchangeId)) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "not an exchange id (base64url SHA-256, 43 characters)");
        }
        Optional<ExchangeProtocol> asked = protocol.map(id -> ExchangeProtocol.fromId(id).filter(SERVED::contains)
                .orElseThrow(() -> new ProblemException(ExchangeProblem.WRONG_PROTOCOL, "this notary serves "
                        + SERVED.stream().map(ExchangeProtocol::id).toList() + ", not " + id)));
        return decisions.status(exchangeId, stored -> {
            ExchangeProtocol statusProtocol = stored.map(d -> ExchangeProtocol.fromId(d.protocol()).orElseThrow())
                    .or(() -> asked).orElseThrow(() -> new ProblemException(ExchangeProblem.MALFORMED,
                            "no decision for this exchange: name its protocol (?protocol=semper-cs/1 or semper-px/1)"));
            if (asked.isPresent() && asked.get() != statusProtocol) {
                throw new ProblemException(ExchangeProblem.WRONG_PROTOCOL, "exchange " + exchangeId + " is a "
                        + statusProtocol.id() + " exchange");
            }
            ExchangeState state = stored.map(d -> d.outcome() == ExchangeOutcome.ABORTED ? ExchangeState.ABORTED
                    : ExchangeState.RESOLVED).orElse(ExchangeState.NONE);
            return TtpTokens.status(statusProtocol, new ExchangeId(exchangeId), state, stored.map(StoredDecision::tokenId),
                    clock.instant()).sign(signer);
        });
    }

    /** What a verified resolve gives: cs the replacement contract; px the key, or the affidavit. */
    private ProposedDecision resolution(VerifiedResolve resolve, Instant now, byte[] body) {
        Optional<EscrowOutcome> escrow = resolve.protocol().usesEscrow()
                ? Optional.of(EscrowCheck.open(resolve, escrowKey.privateKey())) : Optional.empty();
        SignedStatement token = TtpTokens.resolution(resolve, escrow, now).sign(signer);
        String protocol = resolve.protocol().id();
        return escrow.filter(EscrowOutcome.Invalid.class::isInstance).isPresent()
                ? ProposedDecision.affidavit(protocol, TtpTokens.ESCROW_INVALID, token, body)
                : ProposedDecision.resolved(protocol, token, body);
    }

    private StoredDecision settle(String request, ExchangeId exchange, Supplier<ProposedDecision> proposal) {
        Settlement settlement = decisions.settle(exchange.value(), proposal);
        StoredDecision decision = settlement.decision();
        metrics.counter("semper.notary.decisions", "request", request, "outcome", outcomeName(decision),
                "new", String.valueOf(settlement.decidedNow())).increment();
        return decision;
    }

    private static void requireServed(ExchangeProtocol protocol) throws ExchangeRejection {
        if (!SERVED.contains(protocol)) {
            throw new ExchangeRejection(ExchangeReason.WRONG_PROTOCOL, protocol.id() + " is not served by this notary");
        }
    }

    private ProblemException rejected(String request, ExchangeRejection rejection) {
        metrics.counter("semper.notary.rejections", "request", request, "code", rejection.reason().code()).increment();
        return ExchangeProblem.toProblem(rejection);
    }

    /** {@code aborted}, {@code resolved} or {@code affidavit}. */
    public static String outcomeName(StoredDecision decision) {
        return decision.affidavit() ? "affidavit" : decision.outcome().name().toLowerCase(java.util.Locale.ROOT);
    }
}
