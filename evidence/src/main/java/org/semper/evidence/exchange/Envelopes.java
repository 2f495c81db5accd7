package org.semper.evidence.exchange;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.StrictJson;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing the JSON envelopes of abort and resolve requests. */
final class Envelopes {
    /** The longest envelope parsed: 4 MiB (a first message may carry a contract's text). */
    static final int MAX_BYTES = 4 << 20;

    private Envelopes() {
    }

    static ObjectNode read(byte[] json) throws ExchangeRejection {
        Objects.requireNonNull(json, "json");
        if (json.length > MAX_BYTES) {
            throw Payloads.malformed("request of " + json.length + " bytes exceeds " + MAX_BYTES);
        }
        try {
            return StrictJson.readObject(json, "request");
        } catch (MalformedStatementException e) {
            throw Payloads.malformed(e.getMessage());
        }
    }

    static ExchangeProtocol protocol(ObjectNode envelope) throws ExchangeRejection {
        String tag = Payloads.text(envelope, "protocol");
        return ExchangeProtocol.fromId(tag).orElseThrow(() -> new ExchangeRejection(ExchangeReason.WRONG_PROTOCOL,
                "unknown protocol " + tag));
    }

    static String write(ObjectNode envelope) {
        return new String(CanonicalJson.serialize(envelope), StandardCharsets.UTF_8);
    }
}
