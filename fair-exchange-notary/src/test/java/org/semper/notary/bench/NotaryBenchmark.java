package org.semper.notary.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.semper.evidence.exchange.AbortRequest;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.notary.cluster.ContestedExchanges;
import org.semper.notary.cluster.NotaryCluster;
import org.semper.notary.testing.Exchanges;
import org.semper.notary.testing.Exchanges.Contract;
import org.semper.notary.testing.Exchanges.Party;
import org.semper.notary.testing.Exchanges.Purchase;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.exchange.trust.HttpRevocationFetcher;
import org.semper.runtime.exchange.trust.PartyTrust;
import org.semper.runtime.exchange.trust.PartyTrustConfig;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.testing.Throughput;
import org.semper.runtime.testing.cluster.DecisionAudit;
import org.semper.runtime.testing.cluster.ExchangeLoad;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Submission;

/**
 * Durable decisions per second of the packaged notary, beside the raw cost of the signatures a decision needs,
 * measured in the same run. Not a test: {@code bench/notary-benchmark.sh} runs it (see docs/benchmarks.md).
 *
 * <ol>
 * <li><b>Baseline</b>: per decision, the ECDSA P-256 verifications of the statements the notary checks (an abort:
 * the first message and the request, 2; a resolve: the first and second messages and the request, 3) with the
 * parties' keys and the provider the evidence library verifies with (the JVM default, as nimbus uses it), plus one
 * signature with the notary's own key and provider ({@code SigningKey.newSignature()}: ACCP if it loads), over the
 * real signing inputs; measured on one thread as CPU time per operation, which hardly depends on what else the
 * machine runs. The machine's raw capacity is its cores divided by that time: no notary can decide faster.</li>
 * <li><b>Decisions over HTTP</b>: one instance of the packaged notary (its own JVM) on an embedded PostgreSQL with
 * fsync and synchronous commit on; closed-loop clients (16, then 64) each sending one request at a time, every
 * request a new exchange, a third each cs aborts, cs resolves and px resolves (escrow opened, key released). A reply
 * is sent only after the decision and its log entry are committed. After each run the store is audited: every
 * acknowledged decision is stored, logged, and agrees with its reply. Reported with the CPU each decision took in
 * the notary, PostgreSQL and the clients, and what other processes took meanwhile ({@code /proc/stat}).</li>
 * </ol>
 * Ratios: decisions/s over the raw capacity, and the raw crypto's share of the notary's CPU per decision.
 * Time-stamping is off (the TSA is another service; its job runs after the decision anyway).
 */
public final class NotaryBenchmark {

    private static final int WARMUP = Integer.getInteger("bench.warmup", 4000);
    private static final int DECISIONS = Integer.getInteger("bench.decisions", 6000);
    private static final List<Integer> CLIENTS = java.util.Arrays.stream(System.getProperty("bench.clients", "16,64")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "5"));

    /** One decision's request, and the signatures the notary verifies for it. */
    private record Decision(RaceExchange exchange, int verifications, List<SignedStatement> verified,
            List<PublicKey> keys) {
    }

    private NotaryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("java: %s %s, %d processors; notary signs with %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                CryptoProviders.accpAvailable() ? "ACCP" : "Bouncy Castle");
        try (NotaryCluster cluster = NotaryCluster.start("benchmark", 1, Map.of("SEMPER_NOTARY_TIME_STAMPING_ENABLED", "false"))) {
            int total = WARMUP + DECISIONS * CLIENTS.size();
            long t0 = System.nanoTime();
            List<Decision> decisions = build(cluster, total);
            System.out.printf(Locale.ROOT, "built %d requests (one new exchange each) in %.1f s%n", total,
                    (System.nanoTime() - t0) / 1e9);

            // 1. baseline, while the notary is idle
            double[] machineBefore = MachineCpu.read();
            NotaryCluster.CpuUse ourBefore = cluster.cpu();
            long baselineStart = System.nanoTime();
            SigningKey notaryKey = cluster.signingKey();
            byte[] tokenInput = signingInput(decisions.get(1).verified().get(0)); // a realistic size
            double verifiesPerDecision = decisions.stream().mapToInt(Decision::verifications).average().orElseThrow();
            String verifyProvider = Signature.getInstance("SHA256withECDSA").getProvider().getName();
            Cost verify = cost("raw ECDSA P-256 verify (" + verifyProvider + ", a party's key)",
                    verifier(decisions.get(0).verified().get(0), decisions.get(0).keys().get(0)));
            Cost sign = cost("raw ECDSA P-256 sign (" + notaryKey.provider().getName() + ", the notary's key)",
                    rawSigner(notaryKey, tokenInput));
            Cost crypto = cost(String.format(Locale.ROOT, "raw crypto of a decision (%.2f verify + 1 sign)",
                    verifiesPerDecision), decisionCrypto(decisions, notaryKey, tokenInput));
            Cost checks = cost("the notary's checks in process (TtpRequestVerifier, same mix)",
                    requestChecks(decisions, cluster));
            if (CryptoProviders.accpAvailable()) {
                cost("for reference: raw ECDSA P-256 verify with ACCP", verifier(decisions.get(0).verified().get(0),
                        decisions.get(0).keys().get(0), CryptoProviders.signing()));
            }
            int cores = Runtime.getRuntime().availableProcessors();
            double rawCapacity = cores * 1e6 / crypto.cpuMicros();
            System.out.printf(Locale.ROOT, "raw crypto capacity of this machine: %d cores / %.0f us = %.0f decisions/s%n",
                    cores, crypto.cpuMicros(), rawCapacity);
            System.out.printf(Locale.ROOT, "         other processes used %.2f cores during the baseline%n",
                    MachineCpu.othersCores(machineBefore, MachineCpu.read(), cluster.cpu().since(ourBefore).total(),
                            System.nanoTime() - baselineStart));

            // 2. decisions over HTTP
            ExchangeLoad warmup = new ExchangeLoad(cluster.baseUris(), CLIENTS.get(CLIENTS.size() - 1), Duration.ofSeconds(30));
            List<RaceExchange> exchanges = decisions.stream().map(Decision::exchange).toList();
            report("warm-up", warmup.start(exchanges.subList(0, WARMUP)).await(Duration.ofMinutes(10)), null, 0);
            List<Row> rows = new ArrayList<>();
            int from = WARMUP;
            for (int clients : CLIENTS) {
                List<RaceExchange> batch = exchanges.subList(from, from + DECISIONS);
                NotaryCluster.CpuUse before = cluster.cpu();
                double[] busyBefore = MachineCpu.read();
                ExchangeLoad.Result result = new ExchangeLoad(cluster.baseUris(), clients, Duration.ofSeconds(30))
                        .start(batch).await(Duration.ofMinutes(10));
                NotaryCluster.CpuUse used = cluster.cpu().since(before);
                double others = MachineCpu.othersCores(busyBefore, MachineCpu.read(), used.total(), result.elapsedNanos());
                rows.add(report("c=" + clients, result, used, others));
                // every exchange sent so far has its one decision; this run's replies agree with the store
                DecisionAudit.Report audit = DecisionAudit.check(cluster.database().dataSource(),
                        exchanges.subList(0, from + DECISIONS), result.replies(), new ArrayList<>()).assertClean();
                System.out.printf("         audit: %s%n", audit);
                from += DECISIONS;
            }

            System.out.printf(Locale.ROOT, "%nRESULT raw_verify_us=%.0f raw_sign_us=%.1f verifies_per_decision=%.2f "
                    + "raw_decision_us=%.0f checks_us=%.0f raw_capacity_per_s=%.0f cores=%d%n", verify.cpuMicros(),
                    sign.cpuMicros(), verifiesPerDecision, crypto.cpuMicros(), checks.cpuMicros(), rawCapacity, cores);
            for (Row row : rows) {
                System.out.printf(Locale.ROOT, "RESULT %s decisions_per_s=%.0f p50_ms=%.1f p99_ms=%.1f "
                        + "ratio_to_raw_capacity=%.3f notary_cpu_us=%.0f raw_share_of_notary_cpu=%.2f%n", row.name(),
                        row.rate(), row.p50(), row.p99(), row.rate() / rawCapacity, row.notaryCpuMicros(),
                        crypto.cpuMicros() / row.notaryCpuMicros());
            }
        }
        System.exit(0);
    }

    /** One measured run. */
    private record Row(String name, double rate, double p50, double p99, double notaryCpuMicros) {
    }

    private static Row report(String name, ExchangeLoad.Result result, NotaryCluster.CpuUse cpu, double others) {
        if (!result.unanswered().isEmpty() || result.acknowledged().size() != result.replies().size()) {
            throw new IllegalStateException(name + ": not every request was acknowledged: " + result.unanswered() + " "
                    + result.replies().stream().filter(r -> !r.acknowledged()).limit(3)
                            .map(r -> r.status() + " " + new String(r.body(), StandardCharsets.UTF_8)).toList());
        }
        int n = result.acknowledged().size();
        Row row = new Row(name, result.acknowledgedPerSecond(), result.latencyMillis(0.5), result.latencyMillis(0.99),
                cpu == null ? Double.NaN : 1e6 * cpu.instances() / n);
        System.out.printf(Locale.ROOT, "%-8s %6d decisions in %5.1f s: %6.0f/s, p50 %.1f ms, p99 %.1f ms%s%n", name, n,
                result.elapsedNanos() / 1e9, row.rate(), row.p50(), row.p99(), cpu == null ? ""
                        : String.format(Locale.ROOT, "%n         per decision %.0f us CPU (notary %.0f, PostgreSQL %.0f, "
                                + "clients %.0f); other processes used %.2f cores", 1e6 * cpu.total() / n,
                                1e6 * cpu.instances() / n, 1e6 * cpu.database() / n, 1e6 * cpu.clients() / n, others));
        return row;
    }

    /** {@code count} single-request exchanges: cs aborts, cs resolves and px resolves in turn, between 6 parties. */
    private static List<Decision> build(NotaryCluster cluster, int count) {
        Exchanges exchanges = cluster.exchanges();
        List<Party> parties = IntStream.range(0, 6).mapToObj(i -> Exchanges.party(cluster.partiesCa().issue("Party " + i)))
                .toList();
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            Party initiator = parties.get(i % 6);
            Party responder = parties.get((i + 1 + (i / 6) % 5) % 6);
            switch (i % 3) {
                case 0 -> {
                    Contract contract = exchanges.contract(initiator, responder);
                    String abort = Exchanges.abort(initiator, contract.me1());
                    return decision(contract.id(), DecisionAudit.ABORTED, "cs abort", ContestedExchanges.ABORT, abort,
                            List.of(contract.me1(), request(abort)), List.of(initiator, initiator));
                }
                case 1 -> {
                    Contract contract = exchanges.contract(initiator, responder);
                    String resolve = Exchanges.resolve(responder, contract);
                    return decision(contract.id(), DecisionAudit.RESOLVED, "cs resolve", ContestedExchanges.RESOLVE,
                            resolve, List.of(contract.me1(), contract.me2(), request(resolve)),
                            List.of(initiator, responder, responder));
                }
                default -> {
                    Purchase purchase = exchanges.purchase(initiator, responder);
                    String resolve = Exchanges.resolve(responder, purchase);
                    return decision(purchase.id(), DecisionAudit.RESOLVED, "px resolve", ContestedExchanges.RESOLVE,
                            resolve, List.of(purchase.px1(), purchase.px2(), request(resolve)),
                            List.of(initiator, responder, responder));
                }
            }
        }).toList();
    }

    private static Decision decision(String id, String outcome, String name, String path, String body,
            List<SignedStatement> verified, List<Party> signers) {
        return new Decision(new RaceExchange(id, Set.of(outcome), List.of(new Submission(name, path,
                body.getBytes(StandardCharsets.UTF_8)))), verified.size(), verified,
                signers.stream().map(p -> p.certificate().getPublicKey()).toList());
    }

    private static SignedStatement request(String envelope) {
        try {
            String request = new com.fasterxml.jackson.databind.ObjectMapper().readTree(envelope).get("request").toString();
            return SignedStatement.parse(request, Integer.MAX_VALUE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** JWS signing input: ASCII {@code b64u(protected) "." b64u(payload)}. */
    private static byte[] signingInput(SignedStatement statement) {
        String compact = statement.compact();
        return compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    /** Verification as the validator does it: the JVM's default provider, JWS signature transcoded to DER. */
    private static Throughput.Op verifier(SignedStatement statement, PublicKey key) throws Exception {
        return verifier(statement, key, null);
    }

    private static Throughput.Op verifier(SignedStatement statement, PublicKey key, java.security.Provider provider)
            throws Exception {
        byte[] input = signingInput(statement);
        byte[] der = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(statement.signatureValue());
        Signature signature = provider == null ? Signature.getInstance("SHA256withECDSA")
                : Signature.getInstance("SHA256withECDSA", provider);
        return () -> {
            signature.initVerify(key);
            signature.update(input);
            if (!signature.verify(der)) {
                throw new IllegalStateException("signature does not verify");
            }
            return 1;
        };
    }

    private static Throughput.Op rawSigner(SigningKey key, byte[] input) {
        Signature signature = key.newSignature();
        return () -> {
            signature.update(input);
            return signature.sign().length;
        };
    }

    /**
     * What the notary does to a request before deciding, in this JVM: the evidence library's checks with the trust
     * the notary builds (anchor: the parties' CA; revocation: OCSP from it over HTTP, cached), cycling through the mix.
     * Without the escrow opening of a px resolve, the token signature, HTTP and the database.
     */
    private static Throughput.Op requestChecks(List<Decision> decisions, NotaryCluster cluster) {
        PartyTrust trust = new PartyTrust(TrustAnchors.of(cluster.partiesCa().root()),
                new HttpRevocationFetcher(Duration.ofSeconds(5)), new Revocation(Duration.ofMinutes(5), Duration.ofSeconds(5),
                        10_000), java.time.Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        TtpRequestVerifier verifier = new TtpRequestVerifier(trust.anchors(), trust.policy());
        TtpIdentity notary = cluster.exchanges().notary;
        List<Submission> requests = decisions.subList(0, 3).stream().map(d -> d.exchange().submissions().get(0)).toList();
        int[] next = { 0 };
        return () -> {
            Submission request = requests.get(next[0]++ % requests.size());
            java.time.Instant now = java.time.Instant.now();
            return request.path().equals(ContestedExchanges.ABORT)
                    ? verifier.verifyAbort(AbortRequest.parse(request.body()), notary, now).exchange().value().length()
                    : verifier.verifyResolve(ResolveRequest.parse(request.body()), notary, now).exchange().value().length();
        };
    }

    /** The notary's defaults ({@code semper.notary.trust.revocation.*}). */
    private record Revocation(Duration maxAge, Duration timeout, int cacheSize) implements PartyTrustConfig.Revocation {
    }

    /** One decision's raw crypto, cycling through the mix: its verifications, then one signature. */
    private static Throughput.Op decisionCrypto(List<Decision> decisions, SigningKey key, byte[] tokenInput) throws Exception {
        List<List<Throughput.Op>> verifiers = new ArrayList<>();
        for (Decision d : decisions.subList(0, 3)) {
            List<Throughput.Op> ops = new ArrayList<>();
            for (int i = 0; i < d.verifications(); i++) {
                ops.add(verifier(d.verified().get(i), d.keys().get(i)));
            }
            verifiers.add(ops);
        }
        Throughput.Op sign = rawSigner(key, tokenInput);
        int[] next = { 0 };
        return () -> {
            long acc = 0;
            for (Throughput.Op op : verifiers.get(next[0]++ % verifiers.size())) {
                acc += op.run();
            }
            return acc + sign.run();
        };
    }

    /** What one operation costs: wall-clock rate on one thread, and CPU time of that thread per operation. */
    private record Cost(double perSecond, double cpuMicros) {
    }

    /**
     * Warm-up, then 3 rounds of {@code SECONDS} on this thread; medians of the rate and of the thread's CPU time per
     * operation. The CPU time hardly depends on what else the machine runs; the rate does.
     */
    private static Cost cost(String name, Throughput.Op op) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Throughput.runFor(op, 3);
        double[] rates = new double[3];
        double[] cpu = new double[3];
        for (int i = 0; i < 3; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long deadline = start + (long) (SECONDS * 1e9);
            long n = 0;
            long acc = 0;
            do {
                acc += op.run();
                n++;
            } while (System.nanoTime() < deadline);
            rates[i] = n / ((System.nanoTime() - start) / 1e9);
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / n + (acc == 42 ? 1e-9 : 0);
        }
        java.util.Arrays.sort(rates);
        java.util.Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-58s %8.0f/s on 1 thread, %7.1f us CPU each%n", name, rates[1], cpu[1]);
        return new Cost(rates[1], cpu[1]);
    }

    /** CPU of the whole machine from {@code /proc/stat}, to report what other processes took during a run. */
    private static final class MachineCpu {
        private MachineCpu() {
        }

        /** {busy, total} jiffies since boot. */
        static double[] read() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                double idle = Double.parseDouble(f[4]) + Double.parseDouble(f[5]);
                double total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) {
                    total += Double.parseDouble(f[i]);
                }
                return new double[] { total - idle, total };
            } catch (Exception e) {
                return new double[] { Double.NaN, Double.NaN };
            }
        }

        /** Cores used by processes other than ours during a run of {@code nanos}. */
        static double othersCores(double[] before, double[] after, double ourCpuSeconds, long nanos) {
            double busySeconds = (after[0] - before[0]) / 100.0; // USER_HZ
            return Math.max(0, (busySeconds - ourCpuSeconds) / (nanos / 1e9));
        }
    }
}
