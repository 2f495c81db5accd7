package org.semper.evidence.exchange.judge;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.exchange.cm.CertifiedMailChecks;
import org.semper.evidence.statement.SignedStatement;

/**
 * The judge rules of {@code semper-cm/1} ({@code docs/protocols.md} §8.3), a pure function of the evidence and the
 * {@link StatementTrust}.
 */
public final class CertifiedMailJudge {
    private final StatementTrust trust;

    public CertifiedMailJudge(StatementTrust trust) {
        this.trust = trust;
    }

    public Judgment<CertifiedMailOutcome> judge(CertifiedMailEvidence evidence) {
        Hearing hearing = new Hearing(trust);
        Set<CertifiedMailOutcome> outcomes = EnumSet.noneOf(CertifiedMailOutcome.class);
        SignedStatement eoo = evidence.eoo();
        Optional<FirstMessage> admitted = hearing.admit("EOO", eoo, () -> CertifiedMailChecks.eoo(trust, eoo));
        if (admitted.isEmpty()) {
            hearing.note("cm-5", "without a valid EOO there is no mail to judge", eoo.id());
            return new Judgment<>(EnumSet.of(CertifiedMailOutcome.NOT_PROVEN), hearing.reasons);
        }
        FirstMessage first = admitted.get();
        Hearing.Tokens tokens = hearing.tokens(first, evidence.tokens());
        if (hearing.contradiction("cm-4", tokens)) {
            outcomes.add(CertifiedMailOutcome.TTP_MISBEHAVED);
        }
        Optional<TtpToken> con = tokens.firstResolution();
        Optional<String> receipt = evidence.eor().flatMap(s -> hearing.admit("EOR", s, () -> {
            CertifiedMailChecks.eor(trust, first, s);
            return s.id();
        }));
        if (receipt.isEmpty() && con.isPresent()) {
            receipt = Optional.of(embeddedEor(con.get()));
        }
        Optional<byte[]> key = evidence.eok().flatMap(s -> hearing.admit("EOK", s,
                () -> CertifiedMailChecks.eok(trust, first, s)));
        String keySource = evidence.eok().map(SignedStatement::id).orElse("");
        if (key.isEmpty() && con.isPresent()) {
            key = con.get().key();
            keySource = con.get().statement().id();
        }

        Optional<TtpToken> voiding = tokens.firstAbort().or(tokens::firstAffidavit);
        if (receipt.isPresent() && key.isPresent()) {
            if (voiding.isPresent()) {
                hearing.note("cm-3", "the TTP's " + voiding.get().label() + " voids the EOR", voiding.get().statement().id(),
                        receipt.get());
            } else {
                hearing.note("cm-1", "proof of receipt: the recipient's EOR and a valid key released to it",
                        receipt.get(), keySource);
                outcomes.add(CertifiedMailOutcome.RECEIPT_PROVEN);
            }
        }
        if (key.isPresent()) {
            judgeOrigin(hearing, evidence, first, key.get(), keySource, outcomes);
        }
        if (outcomes.isEmpty()) {
            hearing.note("cm-5", "neither proof of receipt nor proof of origin", eoo.id());
            outcomes.add(CertifiedMailOutcome.NOT_PROVEN);
        }
        return new Judgment<>(outcomes, hearing.reasons);
    }

    private static void judgeOrigin(Hearing hearing, CertifiedMailEvidence evidence, FirstMessage first, byte[] key,
            String keySource, Set<CertifiedMailOutcome> outcomes) {
        if (evidence.ciphertext().isEmpty()) {
            hearing.note("cm-2", "no proof of origin: the ciphertext is not in evidence", first.exchange().value());
            return;
        }
        try {
            CertifiedMailChecks.message(first, key, evidence.ciphertext().get());
            hearing.note("cm-2", "proof of origin: the sender's EOO, the key and the ciphertext it opens",
                    first.exchange().value(), keySource);
            outcomes.add(CertifiedMailOutcome.ORIGIN_PROVEN);
        } catch (ExchangeRejection e) {
            hearing.note("cm-2", "no proof of origin: " + e.getMessage(), first.exchange().value(), keySource);
        }
    }

    private static String embeddedEor(TtpToken con) {
        try {
            return Payloads.statement(con.payload(), "eor").id();
        } catch (ExchangeRejection e) {
            throw new IllegalStateException("an admitted key-released token embeds a valid EOR", e);
        }
    }
}
