package org.semper.runtime.exchange;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

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
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.exchange.VerifiedAbort;
import org.semper.evidence.exchange.VerifiedResolve;
import org.semper.evidence.statement.SignedStatement;
import org.semper.runtime.problem.ProblemException;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The TTP side of the optimistic exchange protocols ({@code docs/protocols.md} §5, §6) for the protocols a service
 * serves: abort, resolve and status, answered with a decision that never contradicts another. Shared by the notary
 * ({@code semper-cs/1}, {@code semper-px/1}) and certified mail ({@code semper-cm/1}); produced by
 * {@link ExchangeWiring} from the service's {@link ExchangeTtpSettings}.
 *
 * <ol>
 * <li>The request is parsed and verified by the evidence library ({@link TtpRequestVerifier}: form, labels,
 * bindings, parties, TTP, deadline, escrow hash, signatures, certificates valid and not revoked now). A refusal is
 * answered with the library's reason code ({@link ExchangeProblem}) and nothing is stored.</li>
 * <li>The decision is settled by {@link ExchangeDecisions}: if the exchange has one, its token is returned as stored;
 * otherwise the token is signed (for a protocol with escrow: after opening it, which gives the key or an affidavit)
 * and the database decides which proposal is stored, committing it with its log entry before anything is
 * returned.</li>
 * </ol>
 * The time-stamp of a token is added later ({@code SignatureTimeStamping}).
 */
public final class ExchangeTtp {

    private final ExchangeTtpSettings settings;
    private final TtpRequestVerifier verifier;
    private final ExchangeDecisions decisions;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    public ExchangeTtp(ExchangeTtpSettings settings, TtpRequestVerifier verifier, ExchangeDecisions decisions,
            MeterRegistry metrics) {
        this.settings = settings;
        this.verifier = verifier;
        this.decisions = decisions;
        this.metrics = metrics;
    }

    /** Abort (§5.1): the initiator gives up; {@code AT} unless the exchange is already decided. */
    public StoredDecision abort(byte[] body) {
        try {
            AbortRequest request = AbortRequest.parse(body);
            requireServed(request.protocol());
            Instant now = clock.instant();
            VerifiedAbort abort = verifier.verifyAbort(request, settings.identity(), now);
            return settle("abort", abort.exchange(), () -> ProposedDecision.aborted(abort.protocol().id(),
                    TtpTokens.aborted(abort, now).sign(settings.signer()), body));
        } catch (ExchangeRejection e) {
            throw rejected("abort", e);
        }
    }

    /**
     * Resolve (§5.2): a party asks for the outcome; the resolution token (cs: the replacement contract; px and cm:
     * the key) or, if the escrow does not give the committed key, the affidavit; unless the exchange is already
     * decided.
     */
    public StoredDecision resolve(byte[] body) {
        try {
            ResolveRequest request = ResolveRequest.parse(body);
            requireServed(request.protocol());
            Instant now = clock.instant();
            VerifiedResolve resolve = verifier.verifyResolve(request, settings.identity(), now);
            return settle("resolve", resolve.exchange(), () -> resolution(resolve, now, body));
        } catch (ExchangeRejection e) {
            throw rejected("resolve", e);
        }
    }

    /**
     * A signed status statement about {@code exchangeId} (none, aborted, resolved, naming the stored token), logged.
     * For an exchange without a decision the statement must name a protocol: {@code protocol}, or the one this TTP
     * serves if it serves only one.
     */
    public StatusReport status(String exchangeId, Optional<String> protocol) {
        if (!Hashes.isDigest(exchangeId)) {
            throw new ProblemException(ExchangeProblem.MALFORMED, "not an exchange id (base64url SHA-256, 43 characters)");
        }
        Optional<ExchangeProtocol> asked = protocol.map(id -> ExchangeProtocol.fromId(id)
                .filter(settings.served()::contains)
                .orElseThrow(() -> new ProblemException(ExchangeProblem.WRONG_PROTOCOL, "this TTP serves "
                        + servedIds() + ", not " + id)));
        Optional<ExchangeProtocol> only = settings.served().size() == 1
                ? Optional.of(settings.served().iterator().next()) : Optional.empty();
        return decisions.status(exchangeId, stored -> {
            ExchangeProtocol statusProtocol = stored.map(d -> ExchangeProtocol.fromId(d.protocol()).orElseThrow())
                    .or(() -> asked).or(() -> only).orElseThrow(() -> new ProblemException(ExchangeProblem.MALFORMED,
                            "no decision for this exchange: name its protocol (?protocol=, one of " + servedIds() + ")"));
            if (asked.isPresent() && asked.get() != statusProtocol) {
                throw new ProblemException(ExchangeProblem.WRONG_PROTOCOL, "exchange " + exchangeId + " is a "
                        + statusProtocol.id() + " exchange");
            }
            ExchangeState state = stored.map(d -> d.outcome() == ExchangeOutcome.ABORTED ? ExchangeState.ABORTED
                    : ExchangeState.RESOLVED).orElse(ExchangeState.NONE);
            return TtpTokens.status(statusProtocol, new ExchangeId(exchangeId), state, stored.map(StoredDecision::tokenId),
                    clock.instant()).sign(settings.signer());
        });
    }

    /** {@code aborted}, {@code resolved} or {@code affidavit}: the {@code Semper-Exchange-Outcome} header. */
    public static String outcomeName(StoredDecision decision) {
        return decision.affidavit() ? "affidavit" : decision.outcome().name().toLowerCase(Locale.ROOT);
    }

    /** What a verified resolve gives: the resolution token, with the key if the escrow opens; else the affidavit. */
    private ProposedDecision resolution(VerifiedResolve resolve, Instant now, byte[] body) {
        Optional<EscrowOutcome> escrow = resolve.protocol().usesEscrow()
                ? Optional.of(EscrowCheck.open(resolve, settings.escrowKey().privateKey())) : Optional.empty();
        SignedStatement token = TtpTokens.resolution(resolve, escrow, now).sign(settings.signer());
        String protocol = resolve.protocol().id();
        return escrow.filter(EscrowOutcome.Invalid.class::isInstance).isPresent()
                ? ProposedDecision.affidavit(protocol, TtpTokens.ESCROW_INVALID, token, body)
                : ProposedDecision.resolved(protocol, token, body);
    }

    private StoredDecision settle(String request, ExchangeId exchange, Supplier<ProposedDecision> proposal) {
        Settlement settlement = decisions.settle(exchange.value(), proposal);
        StoredDecision decision = settlement.decision();
        metrics.counter(settings.configPrefix() + ".decisions", "request", request, "outcome", outcomeName(decision),
                "new", String.valueOf(settlement.decidedNow())).increment();
        return decision;
    }

    private void requireServed(ExchangeProtocol protocol) throws ExchangeRejection {
        if (!settings.served().contains(protocol)) {
            throw new ExchangeRejection(ExchangeReason.WRONG_PROTOCOL, protocol.id() + " is not served by this TTP ("
                    + servedIds() + ")");
        }
    }

    private java.util.List<String> servedIds() {
        return settings.served().stream().map(ExchangeProtocol::id).sorted().toList();
    }

    private ProblemException rejected(String request, ExchangeRejection rejection) {
        metrics.counter(settings.configPrefix() + ".rejections", "request", request, "code", rejection.reason().code())
                .increment();
        return ExchangeProblem.toProblem(rejection);
    }
}
