package org.semper.runtime.testing.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The race and crash proofs of an exchange TTP ({@link org.semper.runtime.exchange.ExchangeDecisions}: notary and
 * certified mail alike) on a {@link ServiceCluster} of two instances, given the contested exchanges of its protocol:
 * <ul>
 * <li>{@link #race}: every exchange hit at once by both parties' requests spread over both instances; afterwards
 * every exchange has exactly one outcome, every reply agrees with it byte for byte ({@link DecisionAudit}), and every
 * token is proven in the transparency log, whose checkpoints seen while racing are consistent with the final one;</li>
 * <li>{@link #crash}: the same load, and a third of the way in the instance that sequences the log is killed with
 * SIGKILL and restarted on the same port while the load goes on (clients retry on the other instance, as agents do);
 * afterwards every acknowledged token is still served by BOTH instances identically and with the very signed part
 * each client holds, the race audit still holds, and the log is consistent with the checkpoint fetched before the
 * crash and includes every token.</li>
 * </ul>
 */
public final class ExchangeProofs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExchangeProofs() {
    }

    /** The race proof over {@code race} with {@code clients} exchanges in flight. */
    public static DecisionAudit.Report race(ServiceCluster cluster, List<RaceExchange> race, int clients) throws Exception {
        List<TransparencyLogClient> logs = cluster.logs();
        try (CheckpointWatcher watcher = CheckpointWatcher.start(logs, Duration.ofMillis(500))) {
            ServiceCluster.CpuUse cpuBefore = cluster.cpu();
            ExchangeLoad.Result result = new ExchangeLoad(cluster.baseUris(), clients, Duration.ofSeconds(60))
                    .start(race).await(Duration.ofMinutes(10));
            System.out.println("race: " + cluster.cpu().since(cpuBefore));

            assertThat(result.failures()).as("requests without an answer (no instance was stopped)").isEmpty();
            DecisionAudit.Report report = DecisionAudit.check(cluster.database().dataSource(), race, result).assertClean();
            System.out.printf("race: %d exchanges, %d requests in %.1f s over %s: %s%n", race.size(),
                    result.replies().size(), result.elapsedNanos() / 1e9, cluster.baseUris(), report);
            assertThat(report.decisions()).hasSize(race.size());
            assertThat(report.outcomes()).as("both sides win races, and bogus escrows give affidavits")
                    .containsKeys(DecisionAudit.ABORTED, DecisionAudit.RESOLVED, DecisionAudit.AFFIDAVIT);
            Map<URI, Long> byInstance = result.acknowledged().stream()
                    .collect(Collectors.groupingBy(Reply::instance, Collectors.counting()));
            assertThat(byInstance).as("acknowledged replies per instance").hasSize(cluster.instances().size())
                    .allSatisfy((instance, count) -> assertThat(count).isGreaterThan(race.size() / 4L));

            LogAudit.Proven log = LogAudit.proveTokensLogged(cluster.database().dataSource(), logs, watcher, report);
            assertThat(log.inclusions()).isEqualTo(race.size() + report.stampedTokens());
            assertThat(log.consistentCheckpoints()).as("checkpoints seen while racing").isGreaterThan(3);
            System.out.printf("log: %d checkpoints consistent with %d entries, %d tokens proven included%n",
                    log.consistentCheckpoints(), log.latest().treeSize(), log.inclusions());
            System.out.println("race: whole test, " + cluster.cpu());
            return report;
        }
    }

    /**
     * The crash proof over {@code race} with {@code clients} exchanges in flight; {@code statusPath} maps an exchange
     * id to the path of its status ({@code {"token": <the stored token>, ...}}).
     */
    public static DecisionAudit.Report crash(ServiceCluster cluster, List<RaceExchange> race, int clients,
            Function<String, String> statusPath) throws Exception {
        int exchanges = race.size();
        List<TransparencyLogClient> logs = cluster.logs();
        try (CheckpointWatcher watcher = CheckpointWatcher.start(logs, Duration.ofMillis(500))) {
            ExchangeLoad load = new ExchangeLoad(cluster.baseUris(), clients, Duration.ofSeconds(120));
            // first half of the exchanges: the crash hits a third of the way through them
            ExchangeLoad.Run during = load.start(race.subList(0, exchanges / 2));
            assertThat(during.awaitCompleted(exchanges / 6, Duration.ofMinutes(5))).isTrue();
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
            ExchangeLoad.Result result = first.then(load.start(race.subList(exchanges / 2, exchanges))
                    .await(Duration.ofMinutes(10)));

            assertThat(acknowledgedBeforeCrash).as("acknowledged before the crash").isGreaterThan(exchanges / 6);
            assertThat(first.failures()).as("requests cut off by the crash (then retried)").isNotEmpty();
            assertThat(result.acknowledged()).as("acknowledged by the restarted instance")
                    .anySatisfy(r -> assertThat(r.instance()).isEqualTo(victim.uri("/")));
            DecisionAudit.Report report = DecisionAudit.check(cluster.database().dataSource(), race, result).assertClean();
            System.out.printf("crash: %d requests, %d attempts without an answer, then: %s%n", result.replies().size(),
                    result.failures().size(), report);

            assertThat(servedByEveryInstance(cluster, result.acknowledged(), statusPath)).isEqualTo(exchanges);

            Checkpoint latest = logs.get(0).awaitSize(beforeCrash.treeSize() + 1, Duration.ofSeconds(60));
            logs.get(0).verifyConsistency(beforeCrash, latest);
            LogAudit.Proven log = LogAudit.proveTokensLogged(cluster.database().dataSource(), logs, watcher, report);
            assertThat(log.latest().treeSize()).isGreaterThan(beforeCrash.treeSize());
            assertThat(log.inclusions()).isEqualTo(exchanges + report.stampedTokens());
            System.out.printf("crash: log of %d entries consistent with the checkpoint of %d before the crash and %d "
                    + "others, %d tokens proven included%n", log.latest().treeSize(), beforeCrash.treeSize(),
                    log.consistentCheckpoints(), log.inclusions());
            System.out.println("crash: whole test, " + cluster.cpu() + " (a killed instance's not counted)");
            return report;
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
    private static int servedByEveryInstance(ServiceCluster cluster, List<Reply> acknowledged,
            Function<String, String> statusPath) throws Exception {
        Map<String, List<Reply>> byExchange = new HashMap<>();
        acknowledged.forEach(r -> byExchange.computeIfAbsent(r.exchangeId(), k -> new ArrayList<>()).add(r));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> checks = byExchange.entrySet().stream().map(e -> pool.<Object>submit(() -> {
                served(cluster, statusPath.apply(e.getKey()), e.getKey(), e.getValue());
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

    private static void served(ServiceCluster cluster, String path, String exchangeId, List<Reply> replies)
            throws IOException {
        String[] tokens = new String[cluster.instances().size()];
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int i = 0; i < tokens.length; i++) {
                JsonNode status = JSON.readTree(ServiceCluster.get(cluster.instances().get(i).uri(path)));
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
