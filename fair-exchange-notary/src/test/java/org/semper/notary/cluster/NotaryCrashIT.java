package org.semper.notary.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.runtime.testing.cluster.CheckpointWatcher;
import org.semper.runtime.testing.cluster.DecisionAudit;
import org.semper.runtime.testing.cluster.ExchangeLoad;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Reply;
import org.semper.runtime.testing.cluster.LogAudit;
import org.semper.runtime.testing.cluster.ServiceProcess;
import org.semper.runtime.testing.cluster.TransparencyLogClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 5, "crash test": two notary processes on one PostgreSQL under the race load of {@link NotaryRaceIT}; a third
 * of the way in, the instance that sequences the transparency log is killed with SIGKILL (no shutdown hook runs) and
 * restarted on the same port while the load goes on (its clients retry on the other instance, as an agent does).
 * Afterwards: every token any client had acknowledged is still served by BOTH instances, identical to each other
 * and with the very signed part the client holds; the store and every reply still pass the race audit; and the log,
 * now sequenced by the survivor, is consistent with the checkpoint published before the crash and includes every
 * token.
 *
 * <p>Size: {@code -Dsemper.crash.exchanges} (default 1200), {@code -Dsemper.crash.clients} (default 16).
 */
class NotaryCrashIT {

    private static final int EXCHANGES = Integer.getInteger("semper.crash.exchanges", 1200);
    private static final int CLIENTS = Integer.getInteger("semper.crash.clients", 16);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAcknowledgedTokenSurvivesKillMinus9OfAnInstance() throws Exception {
        try (NotaryCluster cluster = NotaryCluster.start("crash", 2)) {
            List<RaceExchange> race = ContestedExchanges.build(cluster.exchanges(), cluster.partiesCa(), 6, EXCHANGES);
            List<TransparencyLogClient> logs = cluster.logs();
            CheckpointWatcher watcher = CheckpointWatcher.start(logs, Duration.ofMillis(500));
            ExchangeLoad load = new ExchangeLoad(cluster.baseUris(), CLIENTS, Duration.ofSeconds(120));
            // first half of the exchanges: the crash hits a third of the way through them
            ExchangeLoad.Run during = load.start(race.subList(0, EXCHANGES / 2));
            assertThat(during.awaitCompleted(EXCHANGES / 6, Duration.ofMinutes(5))).isTrue();
            ServiceProcess victim = sequencer(cluster.instances());
            TransparencyLogClient victimLog = logs.get(cluster.instances().indexOf(victim));
            Checkpoint beforeCrash = victimLog.verify(victimLog.checkpointNote());
            watcher.record(beforeCrash);
            int acknowledgedBeforeCrash = during.acknowledged();
            victim.kill();
            System.out.printf("crash: killed %s (the log sequencer) with SIGKILL after %d acknowledged replies; "
                    + "its last checkpoint: size %d%n", victim, acknowledgedBeforeCrash, beforeCrash.treeSize());
            Thread.sleep(1_000); // the survivor carries the load alone for a while
            victim.start();
            ExchangeLoad.Result first = during.await(Duration.ofMinutes(10));
            System.out.printf("crash: %s restarted; %d attempts got no answer and were retried%n", victim,
                    first.failures().size());
            // second half: both instances again, the restarted one included
            ExchangeLoad.Result result = first.then(load.start(race.subList(EXCHANGES / 2, EXCHANGES))
                    .await(Duration.ofMinutes(10)));

            assertThat(acknowledgedBeforeCrash).as("acknowledged before the crash").isGreaterThan(EXCHANGES / 6);
            assertThat(first.failures()).as("requests cut off by the crash (then retried)").isNotEmpty();
            assertThat(result.acknowledged()).as("acknowledged by the restarted instance")
                    .anySatisfy(r -> assertThat(r.instance()).isEqualTo(victim.uri("/")));
            DecisionAudit.Report report = DecisionAudit.check(cluster.database().dataSource(), race, result).assertClean();
            System.out.printf("crash: %d requests, %d attempts without an answer, then: %s%n", result.replies().size(),
                    result.failures().size(), report);

            int served = servedByEveryInstance(cluster, result.acknowledged());
            assertThat(served).isEqualTo(EXCHANGES);

            Checkpoint latest = logs.get(0).awaitSize(beforeCrash.treeSize() + 1, Duration.ofSeconds(60));
            logs.get(0).verifyConsistency(beforeCrash, latest);
            LogAudit.Proven log = LogAudit.proveTokensLogged(cluster.database().dataSource(), logs, watcher, report);
            assertThat(log.latest().treeSize()).isGreaterThan(beforeCrash.treeSize());
            assertThat(log.inclusions()).isEqualTo(EXCHANGES + report.stampedTokens());
            System.out.printf("crash: log of %d entries consistent with the checkpoint of %d before the crash and %d "
                    + "others, %d tokens proven included%n", log.latest().treeSize(), beforeCrash.treeSize(),
                    log.consistentCheckpoints(), log.inclusions());
            System.out.println("crash: whole test, " + cluster.cpu() + " (a killed instance's not counted)");
        }
    }

    /** The instance that sequences the log (the one whose death the log must survive), else the first. */
    private static ServiceProcess sequencer(List<ServiceProcess> instances) {
        return instances.stream().filter(i -> i.metric("semper_log_sequencer_leader") == 1.0).findFirst()
                .orElse(instances.get(0));
    }

    /**
     * Every exchange with an acknowledged token is asked for its status on every instance: each serves the stored
     * token, the instances serve the same bytes, and its signed part is byte for byte the one each client received.
     * Returns the number of exchanges checked.
     */
    private static int servedByEveryInstance(NotaryCluster cluster, List<Reply> acknowledged) throws Exception {
        Map<String, List<Reply>> byExchange = new HashMap<>();
        acknowledged.forEach(r -> byExchange.computeIfAbsent(r.exchangeId(), k -> new java.util.ArrayList<>()).add(r));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> checks = byExchange.entrySet().stream().map(e -> pool.<Object>submit(() -> {
                served(cluster, e.getKey(), e.getValue());
                return null;
            })).toList();
            for (Future<Object> check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return byExchange.size();
    }

    private static void served(NotaryCluster cluster, String exchangeId, List<Reply> replies) throws IOException {
        String[] tokens = new String[cluster.instances().size()];
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int i = 0; i < tokens.length; i++) {
                JsonNode status = JSON.readTree(NotaryCluster.get(cluster.instances().get(i).uri("/api/v1/exchanges/" + exchangeId)));
                tokens[i] = JSON.writeValueAsString(status.get("token"));
            }
            if (Arrays.stream(tokens).distinct().count() == 1) {
                break; // the same bytes from every instance (else a time-stamp was stored in between: ask again)
            }
        }
        assertThat(tokens).as("token of %s as served by each instance", exchangeId).containsOnly(tokens[0]);
        String signedPart = compact(tokens[0]);
        for (Reply reply : replies) {
            assertThat(compact(new String(reply.body(), StandardCharsets.UTF_8)))
                    .as("signed part of the token %s acknowledged to '%s'", exchangeId, reply.submission())
                    .isEqualTo(signedPart);
        }
    }

    private static String compact(String token) {
        try {
            return SignedStatement.parse(token, Integer.MAX_VALUE).compact();
        } catch (Exception e) {
            throw new AssertionError("not a token: " + token, e);
        }
    }
}
