package org.semper.notary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.semper.runtime.testing.cluster.CheckpointWatcher;
import org.semper.runtime.testing.cluster.DecisionAudit;
import org.semper.runtime.testing.cluster.ExchangeLoad;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.LogAudit;
import org.semper.runtime.testing.cluster.TransparencyLogClient;

/**
 * Issue 5, "race test": two notary processes (the packaged application, separate JVMs and ports) on one PostgreSQL;
 * thousands of exchanges, each hit at the same moment by its initiator's abort and its responder's resolve (and a
 * retry of it), spread over both instances. Afterwards every exchange has exactly one outcome, every reply any
 * client received agrees with it byte for byte, and every token is proven in the transparency log, whose every
 * checkpoint seen during the race is consistent with the final one.
 *
 * <p>Size: {@code -Dsemper.race.exchanges} (default 2000), {@code -Dsemper.race.clients} exchanges in flight
 * (default 16, so about 40 requests at once).
 */
class NotaryRaceIT {

    private static final int EXCHANGES = Integer.getInteger("semper.race.exchanges", 2000);
    private static final int CLIENTS = Integer.getInteger("semper.race.clients", 16);

    @Test
    void everyExchangeHasOneOutcomeAndEveryReplyAgreesWithIt() throws Exception {
        try (NotaryCluster cluster = NotaryCluster.start("race", 2)) {
            long building = System.nanoTime();
            List<RaceExchange> race = ContestedExchanges.build(cluster.exchanges(), cluster.partiesCa(), 6, EXCHANGES);
            System.out.printf("race: %d exchanges' requests signed in %.1f s%n", EXCHANGES, (System.nanoTime() - building) / 1e9);
            List<TransparencyLogClient> logs = cluster.logs();
            CheckpointWatcher watcher = CheckpointWatcher.start(logs, Duration.ofMillis(500));
            NotaryCluster.CpuUse cpuBefore = cluster.cpu();

            ExchangeLoad.Result result = new ExchangeLoad(cluster.baseUris(), CLIENTS, Duration.ofSeconds(60))
                    .start(race).await(Duration.ofMinutes(10));
            System.out.println("race: " + cluster.cpu().since(cpuBefore));

            assertThat(result.failures()).as("requests without an answer (no instance was stopped)").isEmpty();
            DecisionAudit.Report report = DecisionAudit.check(cluster.database().dataSource(), race, result).assertClean();
            System.out.printf("race: %d exchanges, %d requests in %.1f s over %s: %s%n", race.size(), result.replies().size(),
                    result.elapsedNanos() / 1e9, cluster.baseUris(), report);
            assertThat(report.decisions()).hasSize(EXCHANGES);
            assertThat(report.outcomes()).as("both sides win races, and bogus escrows give affidavits")
                    .containsKeys(DecisionAudit.ABORTED, DecisionAudit.RESOLVED, DecisionAudit.AFFIDAVIT);
            Map<URI, Long> byInstance = result.acknowledged().stream()
                    .collect(Collectors.groupingBy(ExchangeLoad.Reply::instance, Collectors.counting()));
            assertThat(byInstance).as("acknowledged replies per instance").hasSize(2)
                    .allSatisfy((instance, count) -> assertThat(count).isGreaterThan(EXCHANGES / 4L));

            LogAudit.Proven log = LogAudit.proveTokensLogged(cluster.database().dataSource(), logs, watcher, report);
            assertThat(log.inclusions()).isEqualTo(EXCHANGES + report.stampedTokens());
            assertThat(log.consistentCheckpoints()).as("checkpoints seen while racing").isGreaterThan(3);
            System.out.printf("log: %d checkpoints consistent with %d entries, %d tokens proven included%n",
                    log.consistentCheckpoints(), log.latest().treeSize(), log.inclusions());
            System.out.println("race: whole test, " + cluster.cpu());
        }
    }
}
