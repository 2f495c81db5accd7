package org.semper.evidence.exchange.cm;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Party side of {@code semper-cm/1} ({@code docs/protocols.md} §3): sealing the message and EOO, EOR, EOK. */
public final class CertifiedMailMessages {
    private static final ExchangeProtocol CM = ExchangeProtocol.CERTIFIED_MAIL;

    private CertifiedMailMessages() {
    }

    /** S encrypts the message under a fresh K and escrows K to the TTP with the cm label (sender, recipient). */
    public static SealedContent seal(byte[] message, PublicKey ttpEscrowKey, X509Certificate sender,
            X509Certificate recipient) {
        return SealedContent.seal(message, ttpEscrowKey, CM.id(), sender, recipient);
    }

    /** {@code EOO = Sig_S{sender, recipient, ttp, subject, hashCipher, escrow: h(ek), keyCommit, [deadline]}}. */
    public static SignedStatement eoo(StatementSigner sender, X509Certificate recipient, TtpIdentity ttp, String subject,
            SealedContent content, Optional<Instant> deadline) {
        ObjectNode payload = Payloads.start(CM, "eoo")
                .put("sender", Hashes.fingerprint(sender.certificateChain().get(0)))
                .put("recipient", Hashes.fingerprint(recipient))
                .put("subject", subject)
                .put("hashCipher", content.hashCipher())
                .put("escrow", content.escrowHash())
                .put("keyCommit", content.keyCommit());
        payload.set("ttp", ttp.toJson());
        deadline.ifPresent(time -> payload.put("deadline", Payloads.format(time)));
        return sender.sign(CM.type("eoo"), payload);
    }

    /** {@code EOR = Sig_R{eoo: H(EOO)}}: R's receipt. */
    public static SignedStatement eor(StatementSigner recipient, SignedStatement eoo) {
        return recipient.sign(CM.type("eor"), Payloads.start(CM, "eor").put("eoo", eoo.id()));
    }

    /** {@code EOK = Sig_S{eoo: H(EOO), key: K}}: S releases the key. */
    public static SignedStatement eok(StatementSigner sender, SignedStatement eoo, byte[] key) {
        return sender.sign(CM.type("eok"), Payloads.start(CM, "eok").put("eoo", eoo.id()).put("key", Hashes.b64u(key)));
    }
}
