package org.semper.evidence.exchange.cm;

import java.util.Set;

import org.semper.evidence.exchange.BoundMessage;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.PartyRole;
import org.semper.evidence.exchange.ReleasedKey;
import org.semper.evidence.exchange.SecondMessage;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.SignedStatement;

/** What the parties of {@code semper-cm/1} check before their next step ({@code docs/protocols.md} §3). */
public final class CertifiedMailChecks {
    private CertifiedMailChecks() {
    }

    /** R on EOO with c and ek: form, signed by S, {@code h(c) = hashCipher}, {@code h(ek) = escrow}, signature. */
    public static FirstMessage eoo(StatementTrust trust, SignedStatement eoo, byte[] c, byte[] ek)
            throws ExchangeRejection {
        FirstMessage first = eoo(trust, eoo);
        first.requireDelivery(c, ek);
        return first;
    }

    /** The EOO alone: form, signed by the sender it names, signature. */
    public static FirstMessage eoo(StatementTrust trust, SignedStatement eoo) throws ExchangeRejection {
        return FirstMessage.readSigned(trust, eoo, ExchangeProtocol.CERTIFIED_MAIL);
    }

    /** S on EOR: bound, signed by R, signature. */
    public static void eor(StatementTrust trust, FirstMessage eoo, SignedStatement eor) throws ExchangeRejection {
        SecondMessage.read(eoo, eor);
        SignatureChecks.require(trust, eor, "eor");
    }

    /** R on EOK: bound, signed by S, {@code h(K) = keyCommit}, signature; returns K. */
    public static byte[] eok(StatementTrust trust, FirstMessage eoo, SignedStatement eok) throws ExchangeRejection {
        byte[] key = ReleasedKey.read(eoo, BoundMessage.read(eoo, eok, "eok", Set.of("key"), PartyRole.INITIATOR));
        SignatureChecks.require(trust, eok, "eok");
        return key;
    }

    /** The message: c is the committed ciphertext and decrypts under K. */
    public static byte[] message(FirstMessage eoo, byte[] key, byte[] c) throws ExchangeRejection {
        return ReleasedKey.open(eoo, key, c);
    }
}
