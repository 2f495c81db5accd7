package org.semper.evidence.verdict;

import java.util.Optional;

/**
 * The judge rules of one exchange protocol, as {@code org.semper.evidence.exchange} defines them: the engine calls
 * them, it never restates them. Implementations are pure and deterministic: the same case, the same finding.
 */
public interface ExchangeJudge {

    /** The protocol tag, e.g. {@code semper-cs/1}. */
    String protocol();

    /** The parties named by the exchange's first message, if the case holds it and it is valid. */
    Optional<ExchangeParties> parties(ExchangeCase exchange);

    /** Applies the protocol's judge rules to the evidence of the exchange. */
    JudgeFinding judge(ExchangeCase exchange);

    /** The TTP's valid signed status of the exchange, if the case holds one (the latest, by item order). */
    default Optional<TtpStatus> ttpStatus(ExchangeCase exchange) {
        return Optional.empty();
    }
}
