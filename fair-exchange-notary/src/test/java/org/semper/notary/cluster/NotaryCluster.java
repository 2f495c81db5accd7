package org.semper.notary.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.semper.evidence.exchange.TtpIdentity;
import org.semper.notary.NotaryMain;
import org.semper.notary.testing.Exchanges;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.local.LocalEnvironment;
import org.semper.runtime.testing.ExchangeTestDatabase;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.InProcessTsa;
import org.semper.runtime.testing.cluster.ServiceProcess;
import org.semper.runtime.testing.cluster.TransparencyLogClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Several instances of the packaged notary ({@code target/quarkus-app/quarkus-run.jar}), each its own JVM process on
 * its own port, sharing nothing but what replicas share in production: ONE PostgreSQL (embedded, fsync on, started
 * here and migrated once) and the same keys (the same PKCS#12 files, made once under a throw-away local trust
 * anchor). In this JVM: the parties' CA with its OCSP responder and CRL (trusted by the notary), and a TSA under the
 * local anchor that grants, so that tokens get their B-T time-stamps while the tests run. The instances run on the
 * {@code local} profile pointed at the external database (operator endpoints closed), all with one public URL.
 */
public final class NotaryCluster implements AutoCloseable {

    /** The notary's public URL, as every instance names itself. */
    public static final String URL = "https://notary.cluster.test";

    /** The module directory ({@code -Dsemper.notary.module-dir}, default the working directory, as under failsafe). */
    private static final Path MODULE = Path.of(System.getProperty("semper.notary.module-dir", "."));
    private static final Path JAR = MODULE.resolve("target/quarkus-app/quarkus-run.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ExchangeTestDatabase database;
    private final LocalEnvironment keys;
    private final InProcessCa partiesCa;
    private final InProcessTsa tsa;
    private final List<ServiceProcess> instances;
    private final Exchanges exchanges;
    private final double jvmCpuAtStart = jvmCpuSeconds();

    private NotaryCluster(ExchangeTestDatabase database, LocalEnvironment keys, InProcessCa partiesCa, InProcessTsa tsa,
            List<ServiceProcess> instances, Exchanges exchanges) {
        this.database = database;
        this.keys = keys;
        this.partiesCa = partiesCa;
        this.tsa = tsa;
        this.instances = instances;
        this.exchanges = exchanges;
    }

    /**
     * Starts {@code size} instances (in parallel) on one fresh database; returns when all are ready. Their logs go to
     * {@code target/cluster-logs/<name>/}.
     */
    public static NotaryCluster start(String name, int size) {
        return start(name, size, Map.of());
    }

    /** {@link #start(String, int)} with more (or other) environment variables for every instance. */
    public static NotaryCluster start(String name, int size, Map<String, String> extraEnvironment) {
        ExchangeTestDatabase database = ExchangeTestDatabase.start();
        InProcessCa partiesCa = null;
        InProcessTsa tsa = null;
        List<ServiceProcess> instances = new ArrayList<>();
        try {
            Path dataRoot = database.directory().resolve("data");
            // the keys every instance uses, made once (instances find them and use them as they are)
            LocalEnvironment keys = LocalEnvironment.prepare(NotaryMain.LOCAL_SETUP, dataRoot, false);
            String localAnchor = keys.trustAnchorPem().toString();
            partiesCa = InProcessCa.start("Semper Cluster Test Parties CA");
            Path partiesAnchor = partiesCa.writeRootPem(dataRoot.resolve("parties-ca.pem"));
            tsa = InProcessTsa.underLocalAnchor(dataRoot, InProcessTsa.Mode.GRANT);
            Path logs = Files.createDirectories(MODULE.resolve("target/cluster-logs").resolve(name));
            Map<String, String> environment = new LinkedHashMap<>(database.serviceEnvironment());
            environment.put("QUARKUS_PROFILE", "local");
            environment.put("SEMPER_DATA_DIR", dataRoot.toString());
            environment.put("SEMPER_NOTARY_URL", URL);
            environment.put("SEMPER_NOTARY_TRUST_ANCHORS", localAnchor + "," + partiesAnchor);
            environment.put("SEMPER_NOTARY_TIME_STAMPING_TSA_URL", tsa.url().toString());
            environment.put("SEMPER_NOTARY_TIME_STAMPING_TRUST_ANCHORS", localAnchor);
            environment.put("SEMPER_NOTARY_TIME_STAMPING_INTERVAL", "1s");
            environment.put("SEMPER_NOTARY_TIME_STAMPING_RETRY_AFTER", "1s");
            environment.putAll(extraEnvironment);
            for (int i = 0; i < size; i++) {
                instances.add(ServiceProcess.of("notary-" + (char) ('a' + i), JAR).env(environment)
                        .jvmOption("-Xmx512m").logDirectory(logs).build());
            }
            CompletableFuture.allOf(instances.stream().map(p -> CompletableFuture.runAsync(p::start))
                    .toArray(CompletableFuture[]::new)).join();
            Exchanges exchanges = describedAlikeBy(instances);
            return new NotaryCluster(database, keys, partiesCa, tsa, instances, exchanges);
        } catch (RuntimeException | Error e) {
            instances.forEach(ServiceProcess::kill);
            if (tsa != null) {
                tsa.close();
            }
            if (partiesCa != null) {
                partiesCa.close();
            }
            database.close();
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The notary as every instance describes itself ({@code GET /api/v1/notary}); they must agree. */
    private static Exchanges describedAlikeBy(List<ServiceProcess> instances) {
        String first = null;
        for (ServiceProcess instance : instances) {
            String description = get(instance.uri("/api/v1/notary"));
            if (first != null && !first.equals(description)) {
                throw new AssertionError("instances describe different notaries:\n" + first + "\n" + description);
            }
            first = description;
        }
        try {
            JsonNode info = JSON.readTree(first);
            TtpIdentity identity = new TtpIdentity(info.at("/ttp/url").asText(), info.at("/ttp/certSha256").asText());
            return Exchanges.of(identity, Exchanges.firstCertificate(info.at("/escrow/certificateChain").asText()),
                    Exchanges.firstCertificate(info.get("signingCertificateChain").asText()));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + first, e);
        }
    }

    /** GET {@code uri}; the body of a 200 answer. */
    public static String get(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + uri + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("GET " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<ServiceProcess> instances() {
        return instances;
    }

    /** {@code http://127.0.0.1:<port>/} of every instance. */
    public List<URI> baseUris() {
        return instances.stream().map(p -> p.uri("/")).toList();
    }

    /** Log auditors, one per instance, all pinning the log key read from the first. */
    public List<TransparencyLogClient> logs() {
        TransparencyLogClient first = TransparencyLogClient.pinKeyOf(instances.get(0).uri("/"));
        return instances.stream().map(p -> first.via(p.uri("/"))).toList();
    }

    public ExchangeTestDatabase database() {
        return database;
    }

    /** Builds exchanges naming this notary. */
    public Exchanges exchanges() {
        return exchanges;
    }

    /** The notary's token signing key, opened from the instances' PKCS#12 file as they open it (for baselines). */
    public SigningKey signingKey() {
        Map<String, String> properties = keys.properties();
        return KeySources.openPkcs12(Path.of(properties.get("semper.notary.signing-key.pkcs12.path")),
                properties.get("semper.notary.signing-key.pkcs12.password"), Optional.empty(), Optional.empty());
    }

    /** The CA of the parties (trusted by every instance). */
    public InProcessCa partiesCa() {
        return partiesCa;
    }

    /** CPU seconds (user + system) used by the instances, the database and this JVM (the clients). */
    public record CpuUse(double instances, double database, double clients) {
        public CpuUse since(CpuUse before) {
            return new CpuUse(instances - before.instances, database - before.database, clients - before.clients);
        }

        public double total() {
            return instances + database + clients;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f s CPU (instances %.1f, PostgreSQL %.1f, clients %.1f)",
                    total(), instances, database, clients);
        }
    }

    /**
     * CPU used so far by the running instances, the database and this JVM (since the cluster was ready): the cost of a run independent of what
     * else the machine is doing (a killed instance's CPU is forgotten).
     */
    public CpuUse cpu() {
        return new CpuUse(instances.stream().mapToDouble(ServiceProcess::cpuSeconds).sum(), database.cpuSeconds(),
                jvmCpuSeconds() - jvmCpuAtStart);
    }

    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Stops every instance (orderly), the TSA, the CA and the database. */
    @Override
    public void close() {
        instances.forEach(ServiceProcess::stop);
        tsa.close();
        partiesCa.close();
        database.close();
    }
}
