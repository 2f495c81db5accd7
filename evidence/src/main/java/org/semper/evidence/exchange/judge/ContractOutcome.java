package org.semper.evidence.exchange.judge;

/** Findings of {@link ContractJudge}. */
public enum ContractOutcome {
    /** Rules cs-1, cs-3: the contract binds both parties. */
    CONTRACT_BINDS,
    /** Rule cs-2: an abort token and no standard contract: there is no contract. */
    NO_CONTRACT,
    /** Rule cs-4: the TTP signed an abort and a resolve token for the exchange. */
    TTP_MISBEHAVED,
    /** Rule cs-5: the evidence proves neither. */
    NOT_PROVEN
}
