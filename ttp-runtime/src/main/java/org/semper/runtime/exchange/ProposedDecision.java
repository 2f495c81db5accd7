package org.semper.runtime.exchange;

import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;

/**
 * A decision a TTP wants to store for an exchange that has none yet: the outcome and the token it has signed for
 * it. The token is released only if this proposal wins ({@link ExchangeDecisions#settle}).
 *
 * @param protocol the protocol id, e.g. {@code semper-cs/1}
 * @param outcome  aborted or resolved
 * @param finding  for an affidavit, what the TTP found (e.g. {@code escrow-invalid}); only with {@link ExchangeOutcome#RESOLVED}
 * @param token    the signed token (B-B); its id {@code H(s)} is stored with it
 * @param request  the request that caused the decision, as received (kept for accountability), or empty
 */
public record ProposedDecision(String protocol, ExchangeOutcome outcome, Optional<String> finding, SignedStatement token,
        byte[] request) {

    public ProposedDecision {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(token, "token");
        request = request == null ? new byte[0] : request.clone();
        if (finding.isPresent() && outcome != ExchangeOutcome.RESOLVED) {
            throw new IllegalArgumentException("only a resolve carries a finding (an affidavit)");
        }
        if (!token.signatureTimeStamps().isEmpty()) {
            throw new IllegalArgumentException("a new token is stored as signed (B-B); time-stamps are added later");
        }
    }

    public static ProposedDecision aborted(String protocol, SignedStatement token, byte[] request) {
        return new ProposedDecision(protocol, ExchangeOutcome.ABORTED, Optional.empty(), token, request);
    }

    public static ProposedDecision resolved(String protocol, SignedStatement token, byte[] request) {
        return new ProposedDecision(protocol, ExchangeOutcome.RESOLVED, Optional.empty(), token, request);
    }

    /** A resolve that found the evidence wanting: settled as resolved, with an affidavit token. */
    public static ProposedDecision affidavit(String protocol, String finding, SignedStatement token, byte[] request) {
        return new ProposedDecision(protocol, ExchangeOutcome.RESOLVED, Optional.of(finding), token, request);
    }
}
