package org.semper.runtime.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;

/**
 * The decision stored for an exchange, and its token as served now.
 *
 * <p>{@link #token()} is the exact stored bytes: the token as signed (B-B) until the stamping job has added a
 * signature time-stamp, then the time-stamped token (B-T: same protected header, payload and signature, hence the
 * same {@link #tokenId()}, plus {@code header.etsiU}). Each of the two is stored once and never changes.
 *
 * @param exchangeId  base64url H(first message)
 * @param protocol    protocol id
 * @param outcome     aborted or resolved
 * @param finding     the finding of an affidavit
 * @param tokenId     H(s) of the token
 * @param token       the token's bytes as served now (UTF-8 flattened JWS JSON)
 * @param timeStamped whether {@link #token()} carries the signature time-stamp
 * @param decidedAt   when the decision was committed (database clock)
 */
public record StoredDecision(String exchangeId, String protocol, ExchangeOutcome outcome, Optional<String> finding,
        String tokenId, byte[] token, boolean timeStamped, Instant decidedAt) {

    public StoredDecision {
        token = token.clone();
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    /** The token as text (it is UTF-8 JSON). */
    public String tokenJson() {
        return new String(token, StandardCharsets.UTF_8);
    }

    /** The token parsed. */
    public SignedStatement statement() {
        try {
            return SignedStatement.parse(tokenJson(), Integer.MAX_VALUE);
        } catch (MalformedStatementException e) {
            throw new IllegalStateException("stored token of exchange " + exchangeId + " does not parse: " + e.getMessage(), e);
        }
    }

    /** True for a resolve with a finding. */
    public boolean affidavit() {
        return finding.isPresent();
    }
}
