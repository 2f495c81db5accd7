/**
 * Signed statements: JWS flattened JSON (RFC 7515 §7.2.2) in the JAdES baseline profile (ETSI TS 119 182-1), the
 * form of every signed message of Semper's protocols. {@link org.semper.evidence.statement.StatementSigner} makes
 * them (nimbus-jose-jwt; payload and protected header serialized once with
 * {@link org.semper.evidence.statement.CanonicalJson}), {@link org.semper.evidence.statement.SignedStatement}
 * parses them strictly and gives the id {@code H(s)},
 * {@link org.semper.evidence.statement.SignatureTimeStamps} says what a JAdES signature time-stamp covers, and
 * {@link org.semper.evidence.statement.StatementValidator} validates a statement at the time that matters with the
 * revocation data supplied, returning a {@link org.semper.evidence.statement.StatementValidation}.
 */
package org.semper.evidence.statement;
