package org.semper.evidence.exchange.cs;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Party side of {@code semper-cs/1} ({@code docs/protocols.md} §1): builds me1..me4. Nonces are 32 random bytes
 * ({@link Hashes#random32()}); a commitment is {@code h(nonce)}.
 */
public final class ContractMessages {
    private static final ExchangeProtocol CS = ExchangeProtocol.CONTRACT_SIGNING;

    private ContractMessages() {
    }

    /** {@code me1 = Sig_O{originator, responder, ttp, contract, commitO: h(N_O), [deadline]}}. */
    public static SignedStatement me1(StatementSigner originator, X509Certificate responder, TtpIdentity ttp,
            ContractTerms contract, byte[] nonceO, Optional<Instant> deadline) {
        ObjectNode payload = Payloads.start(CS, "me1")
                .put("originator", Hashes.fingerprint(originator.certificateChain().get(0)))
                .put("responder", Hashes.fingerprint(responder))
                .put("commitO", Hashes.h(nonceO));
        payload.set("ttp", ttp.toJson());
        ObjectNode terms = payload.putObject("contract").put("mediaType", contract.mediaType());
        contract.text().ifPresent(text -> terms.put("text", text));
        contract.sha256().ifPresent(hash -> terms.put("sha256", hash));
        deadline.ifPresent(time -> payload.put("deadline", Payloads.format(time)));
        return originator.sign(CS.type("me1"), payload);
    }

    /** {@code me2 = Sig_R{me1: H(me1), commitR: h(N_R)}}. */
    public static SignedStatement me2(StatementSigner responder, SignedStatement me1, byte[] nonceR) {
        return responder.sign(CS.type("me2"), Payloads.start(CS, "me2").put("me1", me1.id())
                .put("commitR", Hashes.h(nonceR)));
    }

    /** {@code me3 = Sig_O{me1: H(me1), nonceO: N_O, commitR}}: O's nonce, signed with R's commitment. */
    public static SignedStatement me3(StatementSigner originator, SignedStatement me1, byte[] nonceO, String commitR) {
        return originator.sign(CS.type("me3"), Payloads.start(CS, "me3").put("me1", me1.id())
                .put("nonceO", Hashes.b64u(nonceO)).put("commitR", commitR));
    }

    /** {@code me4 = Sig_R{me1: H(me1), nonceR: N_R, commitO}}: R's nonce, signed with O's commitment. */
    public static SignedStatement me4(StatementSigner responder, SignedStatement me1, byte[] nonceR, String commitO) {
        return responder.sign(CS.type("me4"), Payloads.start(CS, "me4").put("me1", me1.id())
                .put("nonceR", Hashes.b64u(nonceR)).put("commitO", commitO));
    }
}
