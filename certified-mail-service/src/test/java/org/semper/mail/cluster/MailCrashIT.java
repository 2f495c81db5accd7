package org.semper.mail.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeProofs;

/**
 * Issue 6, "crash test": two certified-mail processes on one PostgreSQL under the race load of {@link MailRaceIT}; a
 * third of the way in, the instance that sequences the transparency log is killed with SIGKILL (no shutdown hook
 * runs) and restarted on the same port while the load goes on. Afterwards every token any client had acknowledged is
 * still served ({@code GET /api/v1/mail/exchanges/{id}}) by both instances, identical to each other and with the very
 * signed part the client holds; the race audit still holds; and the log is consistent with the checkpoint fetched
 * before the crash and includes every token ({@link ExchangeProofs#crash}).
 *
 * <p>Size: {@code -Dsemper.crash.exchanges} (default 1000), {@code -Dsemper.crash.clients} (default 16).
 */
class MailCrashIT {

    private static final int EXCHANGES = Integer.getInteger("semper.crash.exchanges", 1000);
    private static final int CLIENTS = Integer.getInteger("semper.crash.clients", 16);

    @Test
    void everyAcknowledgedTokenSurvivesKillMinus9OfAnInstance() throws Exception {
        try (MailCluster mail = MailCluster.start("crash", 2)) {
            List<RaceExchange> race = ContestedLetters.build(mail, 6, EXCHANGES);
            ExchangeProofs.crash(mail.cluster(), race, CLIENTS, id -> "/api/v1/mail/exchanges/" + id);
        }
    }
}
