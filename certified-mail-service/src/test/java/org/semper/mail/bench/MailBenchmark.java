package org.semper.mail.bench;

import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.crypto.KeyAgreement;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.cluster.ContestedLetters;
import org.semper.mail.cluster.MailCluster;
import org.semper.mail.testing.MailClient;
import org.semper.mail.testing.MailParty;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.testing.Throughput;
import org.semper.runtime.testing.cluster.DecisionAudit;
import org.semper.runtime.testing.cluster.ExchangeLoad;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Submission;
import org.semper.runtime.testing.cluster.ServiceCluster;

/**
 * Relay submissions and optimistic resolves of the packaged certified-mail service, each beside a baseline measured
 * in the same run on the same machine. Not a test: {@code bench/mail-benchmark.sh} runs it (see docs/benchmarks.md).
 *
 * <ol>
 * <li><b>Relay submissions</b> over HTTP/1.1 (closed loop, {@code bench.clients} at once), of 10 KiB and of 10 MiB
 * messages, each a new exchange: EOO verified, ciphertext streamed, hashed and kept as a PostgreSQL large object,
 * escrow opened, {@code SubmissionAcceptance} and {@code ContentConsignment} signed and logged in one transaction,
 * then {@code 201}. Baselines: (a) the raw crypto of a submission on one thread, as CPU time (SHA-256 of the
 * ciphertext, one ECDSA P-256 verify, one P-256 ECDH for the escrow, two ECDSA signatures with the service's key),
 * and the machine's capacity from it (cores / CPU time); (b) raw large-object writes of the same bytes through
 * pgjdbc into the same PostgreSQL, one committed transaction each, at the same concurrency.</li>
 * <li><b>Resolves</b> over HTTP (closed loop): each a new exchange whose recipient resolves with its EOR; the escrow
 * is opened, the key released in a signed, logged token. Baseline: the raw crypto of a resolve (three ECDSA
 * verifications: EOO, EOR, request; one ECDH; one signature), as a capacity.</li>
 * </ol>
 * Time-stamping is off (the TSA is another service; its job runs after the decision anyway).
 */
public final class MailBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int SMALL = Integer.getInteger("bench.small", 2000);
    private static final int LARGE = Integer.getInteger("bench.large", 24);
    private static final int RESOLVES = Integer.getInteger("bench.resolves", 3000);
    private static final double SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "3"));
    private static final int KIB = 1024;
    private static final int MIB = 1024 * 1024;

    private record Letter(SignedStatement eoo, SealedContent content) {
    }

    private MailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("java: %s %s, %d processors; %d clients%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), cores, CLIENTS);
        try (MailCluster mail = MailCluster.start("bench", 1, Map.of("SEMPER_MAIL_TIME_STAMPING_ENABLED", "false",
                "SEMPER_MAIL_QUOTA_MAX_MESSAGES", "10000000", "SEMPER_MAIL_QUOTA_MAX_BYTES", "10000G"))) {
            ServiceCluster cluster = mail.cluster();
            List<MailParty> parties = IntStream.range(0, 6)
                    .mapToObj(i -> MailParty.of("Party " + i, cluster.partiesCa())).toList();
            SigningKey serviceKey = cluster.signingKey();
            List<String> results = new ArrayList<>();

            for (int[] size : new int[][] { { 10 * KIB, SMALL }, { 10 * MIB, LARGE } }) {
                int bytes = size[0];
                String label = bytes >= MIB ? bytes / MIB + "MiB" : bytes / KIB + "KiB";
                List<Letter> warm = letters(mail, parties, bytes, Math.max(4, size[1] / 4));
                submitAll(cluster, warm); // JIT and the database's caches
                List<Letter> letters = letters(mail, parties, bytes, size[1]);
                double[] run = submitAll(cluster, letters);
                double rate = run[0];
                double mibPerSecond = run[1];
                Letter sample = letters.get(0);
                double cryptoMicros = cost("raw crypto of a " + label + " submission (sha256 + verify + ecdh + 2 sign)",
                        submissionCrypto(sample, parties.get(0).certificate().getPublicKey(), serviceKey));
                double capacity = cores * 1e6 / cryptoMicros;
                double loMiBs = largeObjectWrites(cluster, sample.content().ciphertext(), Math.min(size[1], 200));
                System.out.printf(Locale.ROOT, "relay %s: %.1f submissions/s, %.1f MiB/s; raw crypto capacity %.1f/s "
                        + "(ratio %.3f); raw large-object writes %.1f MiB/s (ratio %.3f)%n", label, rate, mibPerSecond,
                        capacity, rate / capacity, loMiBs, mibPerSecond / loMiBs);
                results.add(String.format(Locale.ROOT, "RESULT relay_%s submissions_per_s=%.1f mib_per_s=%.2f "
                        + "raw_crypto_capacity_per_s=%.1f ratio_to_crypto=%.3f raw_lo_write_mib_per_s=%.2f "
                        + "ratio_to_lo_write=%.3f", label, rate, mibPerSecond, capacity, rate / capacity, loMiBs,
                        mibPerSecond / loMiBs));
            }

            // resolves
            int warm = Math.min(1000, RESOLVES / 2);
            List<RaceExchange> resolves = resolves(mail, parties, warm + RESOLVES);
            ExchangeLoad.Result warmup = new ExchangeLoad(cluster.baseUris(), CLIENTS, Duration.ofSeconds(30))
                    .start(resolves.subList(0, warm)).await(Duration.ofMinutes(10));
            ExchangeLoad.Result result = new ExchangeLoad(cluster.baseUris(), CLIENTS, Duration.ofSeconds(30))
                    .start(resolves.subList(warm, resolves.size())).await(Duration.ofMinutes(10));
            if (result.acknowledged().size() != RESOLVES || warmup.acknowledged().size() != warm) {
                throw new IllegalStateException("not every resolve was acknowledged: " + result.unanswered());
            }
            DecisionAudit.check(cluster.database().dataSource(), resolves, result.then(warmup).replies(),
                    new ArrayList<>()).assertClean();
            Letter sample = letters(mail, parties, 64, 1).get(0);
            double resolveMicros = cost("raw crypto of a resolve (3 verify + ecdh + sign)",
                    resolveCrypto(sample, parties.get(0).certificate().getPublicKey(), serviceKey));
            double capacity = cores * 1e6 / resolveMicros;
            double rate = result.acknowledgedPerSecond();
            System.out.printf(Locale.ROOT, "resolves: %.0f/s, p50 %.1f ms, p99 %.1f ms; raw crypto capacity %.0f/s "
                    + "(ratio %.3f)%n", rate, result.latencyMillis(0.5), result.latencyMillis(0.99), capacity,
                    rate / capacity);
            results.add(String.format(Locale.ROOT, "RESULT resolves resolves_per_s=%.0f p50_ms=%.1f p99_ms=%.1f "
                    + "raw_crypto_capacity_per_s=%.0f ratio_to_crypto=%.3f", rate, result.latencyMillis(0.5),
                    result.latencyMillis(0.99), capacity, rate / capacity));
            System.out.println();
            results.forEach(System.out::println);
        }
        System.exit(0);
    }

    /** {@code count} sealed letters of {@code size} random bytes between the parties. */
    private static List<Letter> letters(MailCluster mail, List<MailParty> parties, int size, int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            MailParty sender = parties.get(i % parties.size());
            MailParty recipient = parties.get((i + 1) % parties.size());
            byte[] message = new byte[size];
            ThreadLocalRandom.current().nextBytes(message);
            SealedContent content = CertifiedMailMessages.seal(message, mail.escrowKey(), sender.certificate(),
                    recipient.certificate());
            return new Letter(CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), mail.ttp(),
                    "Bench " + i, content, Optional.empty()), content);
        }).toList();
    }

    /** Submits every letter, {@link #CLIENTS} at once; {submissions/s, MiB/s of ciphertext}. */
    private static double[] submitAll(ServiceCluster cluster, List<Letter> letters) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = cluster.instances().get(0).uri("/api/v1/mail/messages");
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long bytes = letters.stream().mapToLong(l -> l.content().ciphertext().length).sum();
        long start = System.nanoTime();
        try {
            List<Future<Object>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < letters.size(); i = next.getAndIncrement()) {
                        Letter letter = letters.get(i);
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Semper-Eoo", MailClient.b64u(letter.eoo().toJson()))
                                .header("Semper-Escrow", Hashes.b64u(letter.content().ek()))
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(letter.content().ciphertext())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 201) {
                            throw new IllegalStateException("submission: " + response.statusCode() + " " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<Object> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new double[] { letters.size() / seconds, bytes / (double) MIB / seconds };
    }

    /** Raw large-object writes of {@code data}, {@code count} times, {@link #CLIENTS} at once, one commit each; MiB/s. */
    private static double largeObjectWrites(ServiceCluster cluster, byte[] data, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Long> oids = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try {
            List<Future<Object>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    try (Connection connection = cluster.database().dataSource().getConnection()) {
                        connection.setAutoCommit(false);
                        LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            long oid = objects.createLO(LargeObjectManager.READWRITE);
                            LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
                            try (OutputStream out = object.getOutputStream()) {
                                for (int off = 0; off < data.length; off += 64 * KIB) {
                                    out.write(data, off, Math.min(64 * KIB, data.length - off));
                                }
                            }
                            connection.commit();
                            oids.add(oid);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Object> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double mibPerSecond = (double) count * data.length / MIB / ((System.nanoTime() - start) / 1e9);
        try (Connection connection = cluster.database().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            LargeObjectManager objects = connection.unwrap(PGConnection.class).getLargeObjectAPI();
            for (long oid : oids) {
                objects.unlink(oid);
            }
            connection.commit();
        }
        System.out.printf(Locale.ROOT, "raw large-object writes of %d bytes, %d clients: %.1f MiB/s%n", data.length,
                CLIENTS, mibPerSecond);
        return mibPerSecond;
    }

    /** {@code count} resolves, each of a new exchange, by its recipient with its EOR. */
    private static List<RaceExchange> resolves(MailCluster mail, List<MailParty> parties, int count) {
        return IntStream.range(0, count).parallel().mapToObj(i -> {
            MailParty sender = parties.get(i % parties.size());
            MailParty recipient = parties.get((i + 1) % parties.size());
            SealedContent content = CertifiedMailMessages.seal(("resolve " + i).getBytes(StandardCharsets.UTF_8),
                    mail.escrowKey(), sender.certificate(), recipient.certificate());
            SignedStatement eoo = CertifiedMailMessages.eoo(sender.signer(), recipient.certificate(), mail.ttp(),
                    "Bench " + i, content, Optional.empty());
            SignedStatement eor = CertifiedMailMessages.eor(recipient.signer(), eoo);
            String resolve = ExchangeRequests.resolve(recipient.signer(), eoo, eor, Optional.of(content.ek())).toJson();
            return new RaceExchange(eoo.id(), Set.of(DecisionAudit.RESOLVED), List.of(new Submission("cm resolve",
                    ContestedLetters.RESOLVE, resolve.getBytes(StandardCharsets.UTF_8))));
        }).toList();
    }

    /** JWS signing input: ASCII {@code b64u(protected) "." b64u(payload)}. */
    private static byte[] signingInput(SignedStatement statement) {
        String compact = statement.compact();
        return compact.substring(0, compact.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    private static Throughput.Op submissionCrypto(Letter letter, PublicKey sender, SigningKey key) throws Exception {
        Throughput.Op hash = () -> MessageDigest.getInstance("SHA-256").digest(letter.content().ciphertext())[0];
        return chain(hash, verifier(letter.eoo(), sender), ecdh(), signer(key, letter.eoo()), signer(key, letter.eoo()));
    }

    private static Throughput.Op resolveCrypto(Letter letter, PublicKey sender, SigningKey key) throws Exception {
        Throughput.Op verify = verifier(letter.eoo(), sender);
        return chain(verify, verify, verify, ecdh(), signer(key, letter.eoo()));
    }

    private static Throughput.Op chain(Throughput.Op... ops) {
        return () -> {
            long acc = 0;
            for (Throughput.Op op : ops) {
                acc += op.run();
            }
            return acc;
        };
    }

    /** Verification as the validator does it: the JVM's default provider, JWS signature transcoded to DER. */
    private static Throughput.Op verifier(SignedStatement statement, PublicKey key) throws Exception {
        byte[] input = signingInput(statement);
        byte[] der = com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(statement.signatureValue());
        Signature signature = Signature.getInstance("SHA256withECDSA");
        return () -> {
            signature.initVerify(key);
            signature.update(input);
            if (!signature.verify(der)) {
                throw new IllegalStateException("signature does not verify");
            }
            return 1;
        };
    }

    private static Throughput.Op signer(SigningKey key, SignedStatement like) {
        Signature signature = key.newSignature();
        byte[] input = signingInput(like);
        return () -> {
            signature.update(input);
            return signature.sign().length;
        };
    }

    /** One P-256 ECDH, the asymmetric cost of opening an HPKE escrow. */
    private static Throughput.Op ecdh() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ours = generator.generateKeyPair();
        PublicKey theirs = generator.generateKeyPair().getPublic();
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        return () -> {
            agreement.init(ours.getPrivate());
            agreement.doPhase(theirs, true);
            return agreement.generateSecret()[0];
        };
    }

    /** Median CPU time per operation on this thread over 3 rounds of {@link #SECONDS}, after a warm-up; in µs. */
    private static double cost(String name, Throughput.Op op) throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Throughput.runFor(op, 2);
        double[] cpu = new double[3];
        for (int i = 0; i < 3; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long deadline = System.nanoTime() + (long) (SECONDS * 1e9);
            long n = 0;
            do {
                op.run();
                n++;
            } while (System.nanoTime() < deadline);
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e3 / n;
        }
        java.util.Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-70s %9.1f us CPU each%n", name, cpu[1]);
        return cpu[1];
    }
}
