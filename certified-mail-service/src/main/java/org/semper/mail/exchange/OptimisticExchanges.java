package org.semper.mail.exchange;

import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.mail.relay.MailMessages;
import org.semper.mail.relay.RelayDecisions;
import org.semper.mail.relay.Transactions;
import org.semper.runtime.exchange.ExchangeTtp;
import org.semper.runtime.exchange.StatusReport;
import org.semper.runtime.exchange.StoredDecision;

/**
 * The TTP side of the optimistic {@code semper-cm/1} ({@code docs/protocols.md} §3): abort by the sender, resolve
 * by the recipient (escrow opened, {@code keyCommit} checked, {@code CON} or affidavit), and status — ttp-runtime's
 * {@link ExchangeTtp}, the notary's too. What is mail's: an exchange that is also a relayed message is closed in the
 * relay the same way (README "Both modes").
 */
@ApplicationScoped
public class OptimisticExchanges {

    private final ExchangeTtp ttp;
    private final RelayDecisions relay;
    private final DataSource dataSource;

    @Inject
    public OptimisticExchanges(ExchangeTtp ttp, RelayDecisions relay, DataSource dataSource) {
        this.ttp = ttp;
        this.relay = relay;
        this.dataSource = dataSource;
    }

    /** {@code AT}, or the token stored before ({@code CON}/affidavit if the recipient resolved first). */
    public StoredDecision abort(byte[] body) {
        return closeRelay(ttp.abort(body));
    }

    /** {@code CON} (key released), an affidavit (escrow invalid), or the token stored before ({@code AT}). */
    public StoredDecision resolve(byte[] body) {
        return closeRelay(ttp.resolve(body));
    }

    /** A signed, logged status statement for any exchange id. */
    public StatusReport status(String exchangeId) {
        return ttp.status(exchangeId, Optional.empty());
    }

    /** {@code aborted}, {@code resolved} or {@code affidavit}. */
    public static String outcomeName(StoredDecision decision) {
        return ExchangeTtp.outcomeName(decision);
    }

    private StoredDecision closeRelay(StoredDecision decision) {
        Transactions.run(dataSource, c -> MailMessages.find(c, decision.exchangeId()))
                .ifPresent(m -> relay.close(m, decision));
        return decision;
    }
}
