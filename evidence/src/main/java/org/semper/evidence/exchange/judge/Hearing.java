package org.semper.evidence.exchange.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.statement.SignedStatement;

/** The record of one judgment while it is made: admitted items, reasons; confined to one call. */
final class Hearing {
    interface Check<T> {
        T run() throws ExchangeRejection;
    }

    /** The TTP tokens admitted, by kind. */
    record Tokens(List<TtpToken> aborts, List<TtpToken> resolutions, List<TtpToken> affidavits) {
        Optional<TtpToken> firstAbort() {
            return aborts.stream().findFirst();
        }

        Optional<TtpToken> firstResolution() {
            return resolutions.stream().findFirst();
        }

        Optional<TtpToken> firstAffidavit() {
            return affidavits.stream().findFirst();
        }
    }

    final List<JudgeReason> reasons = new ArrayList<>();
    final StatementTrust trust;

    Hearing(StatementTrust trust) {
        this.trust = trust;
    }

    void note(String rule, String text, String... evidence) {
        reasons.add(new JudgeReason(rule, text, Arrays.asList(evidence)));
    }

    /** The result of {@code check} on {@code item}, or empty with an {@code inadmissible} reason. */
    <T> Optional<T> admit(String what, SignedStatement item, Check<T> check) {
        try {
            return Optional.ofNullable(check.run());
        } catch (ExchangeRejection e) {
            note(JudgeReason.INADMISSIBLE, what + " is left out: " + e.getMessage(), item.id());
            return Optional.empty();
        }
    }

    /** The tokens that are valid tokens of this exchange by its TTP; status tokens are noted and not counted. */
    Tokens tokens(FirstMessage first, List<SignedStatement> tokens) {
        List<TtpToken> aborts = new ArrayList<>();
        List<TtpToken> resolutions = new ArrayList<>();
        List<TtpToken> affidavits = new ArrayList<>();
        for (SignedStatement token : tokens) {
            admit("TTP token", token, () -> TtpToken.read(trust, first, token)).ifPresent(t -> {
                if (t.isAbort()) {
                    aborts.add(t);
                } else if (t.isAffidavit()) {
                    affidavits.add(t);
                } else if (t.isResolution()) {
                    resolutions.add(t);
                } else {
                    note(JudgeReason.INADMISSIBLE, "a status token decides nothing; the token it names does",
                            token.id());
                }
            });
        }
        return new Tokens(aborts, resolutions, affidavits);
    }

    /**
     * Rule "TTP misbehaved": two validly signed, contradicting decisions of the TTP for one exchange (an abort and a
     * resolve token or affidavit, or a resolve token and an affidavit).
     */
    boolean contradiction(String rule, Tokens tokens) {
        Optional<TtpToken> abort = tokens.firstAbort();
        Optional<TtpToken> resolution = tokens.firstResolution();
        Optional<TtpToken> affidavit = tokens.firstAffidavit();
        List<TtpToken> decisions = new ArrayList<>();
        abort.ifPresent(decisions::add);
        resolution.ifPresent(decisions::add);
        affidavit.ifPresent(decisions::add);
        if (decisions.size() < 2) {
            return false;
        }
        note(rule, "the TTP signed contradicting decisions for this exchange (" + decisions.get(0).label() + " and "
                + decisions.get(1).label() + "): the TTP misbehaved and is liable up to its certificate's cover",
                decisions.get(0).statement().id(), decisions.get(1).statement().id());
        return true;
    }
}
