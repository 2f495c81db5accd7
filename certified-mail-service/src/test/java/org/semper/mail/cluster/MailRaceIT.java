package org.semper.mail.cluster;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeProofs;

/**
 * Issue 6, "race test": two certified-mail processes (the packaged application, separate JVMs and ports) on one
 * PostgreSQL with the same keys; over a thousand optimistic {@code semper-cm/1} exchanges ({@link ContestedLetters}),
 * each hit at the same moment by its sender's abort and its recipient's resolve (and a retry of it), spread over both
 * instances; some escrows do not open (affidavit). Afterwards every exchange has exactly one outcome, every reply any
 * client received agrees with it (outcome and token id in the headers, the stored token byte for byte, hence its
 * signed part), and every token is proven in the transparency log, whose every checkpoint seen during the race is
 * consistent with the final one ({@link ExchangeProofs#race}).
 *
 * <p>Size: {@code -Dsemper.race.exchanges} (default 1200), {@code -Dsemper.race.clients} exchanges in flight
 * (default 16, so about 40 requests at once).
 */
class MailRaceIT {

    private static final int EXCHANGES = Integer.getInteger("semper.race.exchanges", 1200);
    private static final int CLIENTS = Integer.getInteger("semper.race.clients", 16);

    @Test
    void everyExchangeHasOneOutcomeAndEveryReplyAgreesWithIt() throws Exception {
        try (MailCluster mail = MailCluster.start("race", 2)) {
            long building = System.nanoTime();
            List<RaceExchange> race = ContestedLetters.build(mail, 6, EXCHANGES);
            System.out.printf("race: %d letters sealed and their requests signed in %.1f s%n", EXCHANGES,
                    (System.nanoTime() - building) / 1e9);
            ExchangeProofs.race(mail.cluster(), race, CLIENTS);
        }
    }
}
