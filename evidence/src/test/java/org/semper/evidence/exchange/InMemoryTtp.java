package org.semper.evidence.exchange;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

/**
 * A TTP built only from the library, with its decisions in a map instead of PostgreSQL: one decision per exchange
 * id, the stored token replied on every later request (what the notary does, minus durability and the log).
 */
final class InMemoryTtp {
    private final ExchangeWorld world;
    private final TtpRequestVerifier verifier;
    private final StatementSigner signer;
    private final Map<ExchangeId, SignedStatement> decisions = new HashMap<>();
    private final Instant now;

    InMemoryTtp(ExchangeWorld world, Instant now) {
        this.world = world;
        this.verifier = world.verifier();
        this.signer = world.ttpSigner(now);
        this.now = now;
    }

    synchronized SignedStatement abort(AbortRequest request) throws ExchangeRejection {
        VerifiedAbort abort = verifier.verifyAbort(request, world.self, now);
        return decisions.computeIfAbsent(abort.exchange(), x -> TtpTokens.aborted(abort, now).sign(signer));
    }

    synchronized SignedStatement resolve(ResolveRequest request) throws ExchangeRejection {
        VerifiedResolve resolve = verifier.verifyResolve(request, world.self, now);
        return decisions.computeIfAbsent(resolve.exchange(), x -> {
            Optional<EscrowOutcome> escrow = resolve.protocol().usesEscrow()
                    ? Optional.of(EscrowCheck.open(resolve, world.escrowKey.getPrivate()))
                    : Optional.empty();
            return TtpTokens.resolution(resolve, escrow, now).sign(signer);
        });
    }

    synchronized SignedStatement status(ExchangeProtocol protocol, ExchangeId exchange) {
        SignedStatement stored = decisions.get(exchange);
        ExchangeState state = stored == null ? ExchangeState.NONE
                : stored.payload().path("msg").asText().equals(Labels.ABORTED) ? ExchangeState.ABORTED
                : ExchangeState.RESOLVED;
        return TtpTokens.status(protocol, exchange, state, Optional.ofNullable(stored).map(SignedStatement::id), now)
                .sign(signer);
    }
}
