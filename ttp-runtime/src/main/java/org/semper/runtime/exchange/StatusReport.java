package org.semper.runtime.exchange;

import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;

/**
 * A signed status statement about an exchange and the decision it reports, if any.
 *
 * @param statement the TTP's signed status statement (logged before it was returned)
 * @param decision  the stored decision the statement reports; empty for status {@code none}
 */
public record StatusReport(SignedStatement statement, Optional<StoredDecision> decision) {
}
