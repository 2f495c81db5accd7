package org.semper.tsa.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.flywaydb.core.Flyway;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.runtime.keys.KeySourceConfig;
import org.semper.runtime.keys.KeySourceType;
import org.semper.runtime.local.LocalEnvironment;
import org.semper.runtime.log.LogCheckpoints;
import org.semper.runtime.log.LogConfig;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.LogSequencer;
import org.semper.runtime.log.NewLogEntry;
import org.semper.runtime.log.TransparencyLog;
import org.semper.tsa.TsaMain;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Evidence and transparency-log figures, each beside a baseline measured in the same run:
 * <ol>
 * <li>statement validations/s (full JAdES validation: parse, signature, path, CRL) vs raw ECDSA P-256
 * verifications/s of the same key on the same signing input;</li>
 * <li>inclusion and consistency proof generation time at 10^5 and 10^6 entries vs one primary-key lookup of a
 * node (a proof reads about log2(n) of them, so the time should grow as log n, not n);</li>
 * <li>log appends/s with the sequencer running (entries committed in transactions of 100, integrated and
 * checkpointed every 500 ms) vs plain INSERTs of the same rows into a table without the log.</li>
 * </ol>
 * Run: {@code bench/evidence-benchmark.sh} (real embedded PostgreSQL with fsync on, in a temporary directory).
 */
public final class EvidenceBenchmark {

    private EvidenceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long maxEntries = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        System.out.println("== 1. Signed statements");
        statements();
        Path dir = Files.createTempDirectory("semper-evidence-bench-");
        try (LocalEnvironment env = LocalEnvironment.prepare(TsaMain.LOCAL_SETUP, dir, true)) {
            Map<String, String> props = env.properties();
            String url = props.get("quarkus.datasource.jdbc.url");
            // the pool the services use (Agroal), sized like them
            AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(pool -> pool.maxSize(16)
                            .connectionFactoryConfiguration(factory -> factory.jdbcUrl(url)
                                    .principal(new NamePrincipal("postgres"))
                                    .jdbcProperty("reWriteBatchedInserts", "true"))));
            Flyway.configure().dataSource(ds).locations("classpath:db/semper-log").load().migrate();
            LogConfig config = logConfig(Path.of(props.get("semper.log.key.pkcs12.path")), props.get("semper.log.key.pkcs12.password"));
            LogCheckpoints checkpoints = new LogCheckpoints(config, "benchmark");
            LogSequencer sequencer = new LogSequencer(ds, checkpoints, config, new SimpleMeterRegistry());
            TransparencyLog log = new TransparencyLog(ds, checkpoints, config);
            System.out.println("\n== 2. Proof generation vs tree size");
            proofs(ds, sequencer, log, maxEntries);
            System.out.println("\n== 3. Log appends with sequencing on");
            appends(ds, sequencer);
            ds.close();
        }
    }

    // ---- 1 ----------------------------------------------------------------------------------------------

    private static void statements() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair rootKeys = ec.generateKeyPair();
        KeyPair signerKeys = ec.generateKeyPair();
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=Bench Root");
        X509Certificate root = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(rootName,
                BigInteger.ONE, Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), rootName, rootKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(rootName,
                BigInteger.TWO, Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), new X500Name("CN=Bench Merchant"),
                signerKeys.getPublic())
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        SignedStatement statement = StatementSigner.of(signerKeys.getPrivate(), List.of(leaf, root))
                .sign("semper-bench", Map.of("protocol", "semper-cs/1", "msg", "me1", "contract", "bench"));
        Thread.sleep(1_100); // the CRL must be issued after the (second-resolution) signing time
        X509CRL crl = new JcaX509CRLConverter().getCRL(new X509v2CRLBuilder(rootName, new Date())
                .setNextUpdate(Date.from(now.plusSeconds(86_400)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(rootKeys.getPrivate())));
        String json = statement.toJson();
        StatementValidator validator = new StatementValidator(TrustAnchors.of(root), ValidationPolicy.defaults());
        RevocationData revocation = RevocationData.builder().crl(crl).build();
        StatementValidation check = validator.validate(json, revocation);
        if (!check.passed()) {
            throw new IllegalStateException("benchmark statement does not validate: " + check.message());
        }
        String[] parts = statement.compact().split("\\.");
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(signerKeys.getPrivate());
        signer.update(signingInput);
        byte[] derSignature = signer.sign();

        double raw = rate(() -> {
            Signature v = Signature.getInstance("SHA256withECDSA");
            v.initVerify(signerKeys.getPublic());
            v.update(signingInput);
            if (!v.verify(derSignature)) {
                throw new IllegalStateException();
            }
        });
        double full = rate(() -> {
            if (!validator.validate(json, revocation).passed()) {
                throw new IllegalStateException();
            }
        });
        System.out.printf("  raw ECDSA P-256 verify (JDK provider), same key/input : %,10.0f /s%n", raw);
        System.out.printf("  full statement validation (parse, sig, path, CRL)     : %,10.0f /s   ratio %.2f%n", full, full / raw);
    }

    // ---- 2 ----------------------------------------------------------------------------------------------

    private static void appends(DataSource ds, LogSequencer sequencer) throws Exception {
        byte[] payload = new byte[600]; // about a TSA token without certificates
        new Random(1).nextBytes(payload);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_plain (id BIGSERIAL PRIMARY KEY, kind VARCHAR(64), ref VARCHAR(255), entry BYTEA, leaf_hash BYTEA)");
        }
        double plain = insertRate(ds, payload, (c, batch) -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO bench_plain (kind, ref, entry, leaf_hash) VALUES (?, ?, ?, ?)")) {
                for (int i = 0; i < batch; i++) {
                    p.setString(1, "bench");
                    p.setString(2, "r");
                    p.setBytes(3, payload);
                    p.setBytes(4, new byte[32]);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }, null);
        AtomicBoolean sequencing = new AtomicBoolean(true);
        Thread tick = new Thread(() -> {
            while (sequencing.get()) {
                try {
                    sequencer.integrateNow();
                    Thread.sleep(500);
                } catch (Exception e) {
                    return;
                }
            }
        });
        tick.start();
        double logged = insertRate(ds, payload, (c, batch) -> {
            List<NewLogEntry> entries = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                entries.add(new NewLogEntry("bench", "r", payload));
            }
            LogEntryWriter.append(c, entries);
        }, sequencer);
        sequencing.set(false);
        tick.join();
        long start = System.nanoTime();
        long size = sequencer.integrateNow();
        System.out.printf("  plain INSERT, same rows, 8 threads x 100 per commit    : %,10.0f rows/s%n", plain);
        System.out.printf("  log append (hash + INSERT), sequencer every 500 ms     : %,10.0f entries/s   ratio %.2f%n", logged, logged / plain);
        System.out.printf("  backlog after the run integrated in %d ms (tree size %,d)%n", (System.nanoTime() - start) / 1_000_000, size);
    }

    interface BatchInsert {
        void insert(Connection c, int batch) throws Exception;
    }

    private static double insertRate(DataSource ds, byte[] payload, BatchInsert insert, LogSequencer sequencer) throws Exception {
        int threads = 8;
        int batch = 100;
        AtomicLong rows = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Connection c = ds.getConnection()) {
                    c.setAutoCommit(false);
                    while (running.get()) {
                        insert.insert(c, batch);
                        c.commit();
                        if (measuring.get()) {
                            rows.addAndGet(batch);
                        }
                    }
                }
                return null;
            });
        }
        Thread.sleep(2_000);
        measuring.set(true);
        long t0 = System.nanoTime();
        Thread.sleep(10_000);
        measuring.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        return rows.get() / seconds;
    }

    // ---- 3 ----------------------------------------------------------------------------------------------

    private static void proofs(DataSource ds, LogSequencer sequencer, TransparencyLog log, long maxEntries) throws Exception {
        double lookupMicros = nodeLookupMicros(ds);
        System.out.printf("  baseline: one node lookup by primary key                : %8.1f us%n", lookupMicros);
        for (long target = 100_000; target <= maxEntries; target *= 10) {
            long filled = fill(ds, sequencer, target);
            Random random = new Random(target);
            List<byte[]> leaves = sampleLeafHashes(ds, filled, random, 200);
            long t0 = System.nanoTime();
            for (byte[] leaf : leaves) {
                log.inclusion(leaf, filled);
            }
            double inclusionMicros = (System.nanoTime() - t0) / 1e3 / leaves.size();
            t0 = System.nanoTime();
            int pairs = 200;
            for (int i = 0; i < pairs; i++) {
                long from = 1 + (long) (random.nextDouble() * (filled - 1));
                log.consistency(from, filled);
            }
            double consistencyMicros = (System.nanoTime() - t0) / 1e3 / pairs;
            int depth = 64 - Long.numberOfLeadingZeros(filled - 1);
            System.out.printf("  n = %,9d (log2 n = %d): inclusion proof %8.1f us (%.1f lookups' worth), consistency proof %8.1f us%n",
                    filled, depth, inclusionMicros, inclusionMicros / lookupMicros, consistencyMicros);
        }
    }

    private static long fill(DataSource ds, LogSequencer sequencer, long target) throws Exception {
        long size = sequencer.integrateNow();
        byte[] payload = new byte[100];
        long counter = size;
        long t0 = System.nanoTime();
        while (size < target) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                int n = (int) Math.min(20_000, target - size);
                List<NewLogEntry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] entry = payload.clone();
                    long v = counter++;
                    for (int b = 0; b < 8; b++) {
                        entry[b] = (byte) (v >>> (8 * b));
                    }
                    entries.add(new NewLogEntry("bench", null, entry));
                }
                LogEntryWriter.append(c, entries);
                c.commit();
            }
            size = sequencer.integrateNow();
        }
        System.out.printf("  (filled the log to %,d entries in %.0f s)%n", size, (System.nanoTime() - t0) / 1e9);
        return size;
    }

    private static List<byte[]> sampleLeafHashes(DataSource ds, long size, Random random, int count) throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT e.leaf_hash FROM log_leaf l JOIN log_entry e ON e.seq = l.seq WHERE l.leaf_index = ?")) {
            for (int i = 0; i < count; i++) {
                q.setLong(1, (long) (random.nextDouble() * size));
                try (var r = q.executeQuery()) {
                    r.next();
                    leaves.add(r.getBytes(1));
                }
            }
        }
        return leaves;
    }

    private static double nodeLookupMicros(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT hash FROM log_node WHERE level = 0 AND idx = ?")) {
            long t0 = 0;
            int n = 5_000;
            for (int i = -1_000; i < n; i++) {
                if (i == 0) {
                    t0 = System.nanoTime();
                }
                q.setLong(1, Math.max(i, 0) % 1000);
                q.executeQuery().close();
            }
            return (System.nanoTime() - t0) / 1e3 / n;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    interface Work {
        void run() throws Exception;
    }

    /** Operations per second on one thread: 2 s warm-up, then the median of three 3 s rounds. */
    private static double rate(Work work) throws Exception {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            work.run();
        }
        double[] rounds = new double[3];
        for (int r = 0; r < 3; r++) {
            long n = 0;
            long t0 = System.nanoTime();
            end = t0 + 3_000_000_000L;
            while (System.nanoTime() < end) {
                work.run();
                n++;
            }
            rounds[r] = n / ((System.nanoTime() - t0) / 1e9);
        }
        java.util.Arrays.sort(rounds);
        return rounds[1];
    }

    private static LogConfig logConfig(Path keystore, String password) {
        KeySourceConfig.Pkcs12 pkcs12 = new KeySourceConfig.Pkcs12() {
            public Optional<Path> path() {
                return Optional.of(keystore);
            }

            public Optional<String> password() {
                return Optional.of(password);
            }
        };
        KeySourceConfig key = new KeySourceConfig() {
            public KeySourceType type() {
                return KeySourceType.PKCS12;
            }

            public Optional<String> alias() {
                return Optional.empty();
            }

            public Pkcs12 pkcs12() {
                return pkcs12;
            }

            public Pkcs11 pkcs11() {
                return null;
            }

            public Optional<Path> chainFile() {
                return Optional.empty();
            }
        };
        return new LogConfig() {
            public Optional<String> origin() {
                return Optional.of("semper/benchmark");
            }

            public KeySourceConfig key() {
                return key;
            }

            public Sequencer sequencer() {
                return new Sequencer() {
                    public Duration interval() {
                        return Duration.ofMillis(500);
                    }

                    public int batch() {
                        return 100_000;
                    }
                };
            }

            public int maxEntriesPerRequest() {
                return 1000;
            }
        };
    }
}
