package org.semper.evidence.exchange;

import java.util.Objects;

import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A TTP token before signing: its {@code typ} and payload. Whoever holds the TTP key signs it with
 * {@link StatementSigner} ({@link #sign}).
 */
public record TokenPayload(String type, ObjectNode payload) {
    public TokenPayload {
        Objects.requireNonNull(type, "type");
        payload = Objects.requireNonNull(payload, "payload").deepCopy();
    }

    @Override
    public ObjectNode payload() {
        return payload.deepCopy();
    }

    /** The canonical payload bytes (what is signed). */
    public byte[] canonicalBytes() {
        return CanonicalJson.serialize(payload);
    }

    public SignedStatement sign(StatementSigner signer) {
        return signer.sign(type, payload);
    }
}
