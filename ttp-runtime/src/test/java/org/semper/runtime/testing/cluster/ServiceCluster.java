package org.semper.runtime.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.local.LocalEnvironment;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.testing.ExchangeTestDatabase;
import org.semper.runtime.testing.InProcessCa;
import org.semper.runtime.testing.InProcessTsa;

/**
 * Several instances of one packaged exchange TTP ({@code target/quarkus-app/quarkus-run.jar}), each its own JVM
 * process on its own port, sharing nothing but what replicas share in production: ONE PostgreSQL (embedded, fsync on,
 * started here and migrated once) and the same keys (the same PKCS#12 files, made once under a throw-away local trust
 * anchor). In this JVM: the parties' CA with its OCSP responder and CRL (trusted by the service), and a TSA under the
 * local anchor that grants, so that tokens get their B-T time-stamps while the tests run. The instances run on the
 * {@code local} profile pointed at the external database, all with one public URL.
 *
 * <p>What differs between services is their setup and the names of their settings: {@link Settings}.
 */
public final class ServiceCluster implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /**
     * How to start one service: its packaged jar, its local setup (keys), its name for processes, and its settings
     * as environment variables given the local trust anchor, the parties' anchor and the TSA's URL.
     */
    public interface Settings {
        String name();

        Path jar();

        LocalServiceSetup setup();

        /** The service's environment (public URL, trust anchors, time-stamping), beside the database's. */
        Map<String, String> environment(Path localAnchor, Path partiesAnchor, URI tsaUrl);

        /** The service's own Flyway locations beside the log's and the decisions' (e.g. {@code classpath:db/migration}). */
        default List<String> migrations() {
            return List.of();
        }

        /** The setting (property) of the token signing key's PKCS#12 path, e.g. {@code semper.mail.signing-key}. */
        String signingKeyPrefix();
    }

    private final Settings settings;
    private final ExchangeTestDatabase database;
    private final LocalEnvironment keys;
    private final InProcessCa partiesCa;
    private final InProcessTsa tsa;
    private final List<ServiceProcess> instances;
    private final double jvmCpuAtStart = jvmCpuSeconds();

    private ServiceCluster(Settings settings, ExchangeTestDatabase database, LocalEnvironment keys, InProcessCa partiesCa,
            InProcessTsa tsa, List<ServiceProcess> instances) {
        this.settings = settings;
        this.database = database;
        this.keys = keys;
        this.partiesCa = partiesCa;
        this.tsa = tsa;
        this.instances = instances;
    }

    /**
     * Starts {@code size} instances (in parallel, each {@code -Xmx512m}) on one fresh database; returns when all are
     * ready. Their logs go to {@code target/cluster-logs/<run>/}.
     */
    public static ServiceCluster start(Settings settings, String run, int size, Map<String, String> extraEnvironment) {
        ExchangeTestDatabase database = ExchangeTestDatabase.start(settings.migrations());
        InProcessCa partiesCa = null;
        InProcessTsa tsa = null;
        List<ServiceProcess> instances = new ArrayList<>();
        try {
            Path dataRoot = database.directory().resolve("data");
            LocalEnvironment keys = LocalEnvironment.prepare(settings.setup(), dataRoot, false);
            partiesCa = InProcessCa.start("Semper Cluster Test Parties CA");
            Path partiesAnchor = partiesCa.writeRootPem(dataRoot.resolve("parties-ca.pem"));
            tsa = InProcessTsa.underLocalAnchor(dataRoot, InProcessTsa.Mode.GRANT);
            Path logs = Files.createDirectories(settings.jar().getParent().getParent().resolve("cluster-logs").resolve(run));
            Map<String, String> environment = new LinkedHashMap<>(database.serviceEnvironment());
            environment.put("QUARKUS_PROFILE", "local");
            environment.put("SEMPER_DATA_DIR", dataRoot.toString());
            environment.putAll(settings.environment(keys.trustAnchorPem(), partiesAnchor, tsa.url()));
            environment.putAll(extraEnvironment);
            for (int i = 0; i < size; i++) {
                instances.add(ServiceProcess.of(settings.name() + "-" + (char) ('a' + i), settings.jar()).env(environment)
                        .jvmOption("-Xmx512m").logDirectory(logs).build());
            }
            CompletableFuture.allOf(instances.stream().map(p -> CompletableFuture.runAsync(p::start))
                    .toArray(CompletableFuture[]::new)).join();
            return new ServiceCluster(settings, database, keys, partiesCa, tsa, instances);
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
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code GET path} of every instance; they must answer 200 with the same body (e.g. the TTP's description), which
     * is returned.
     */
    public String describedAlike(String path) {
        String first = null;
        for (ServiceProcess instance : instances) {
            String description = get(instance.uri(path));
            if (first != null && !first.equals(description)) {
                throw new AssertionError("instances describe different services:\n" + first + "\n" + description);
            }
            first = description;
        }
        return first;
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
            throw new UncheckedIOException("GET " + uri + ": " + e, e);
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

    /** The CA of the parties (trusted by every instance). */
    public InProcessCa partiesCa() {
        return partiesCa;
    }

    /** The token signing key, opened from the instances' PKCS#12 file as they open it (for baselines). */
    public SigningKey signingKey() {
        Map<String, String> properties = keys.properties();
        String prefix = settings.signingKeyPrefix();
        return KeySources.openPkcs12(Path.of(properties.get(prefix + ".pkcs12.path")),
                properties.get(prefix + ".pkcs12.password"), Optional.empty(), Optional.empty());
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
            return String.format(Locale.ROOT, "%.1f s CPU (instances %.1f, PostgreSQL %.1f, clients %.1f)",
                    total(), instances, database, clients);
        }
    }

    /**
     * CPU used so far by the running instances, the database and this JVM since the cluster was ready (a killed
     * instance's CPU is forgotten).
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
