package org.semper.tsa.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.tsa.testing.TsaHttp;

/**
 * Crash durability of the packaged TSA on the local profile (real embedded PostgreSQL, fsync on): under concurrent
 * load the process is killed with SIGKILL; after a restart on the same data, every token any client received is in
 * the record with identical bytes and provably in the transparency log under a checkpoint consistent with the one
 * published before the crash, and serial numbers after the restart do not collide with earlier ones.
 */
class TsaCrashIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern JDBC = Pattern.compile("PostgreSQL:\\s+(jdbc:postgresql://\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedTokenSurvivesKillMinus9() throws Exception {
        assertThat(JAR).as("packaged application (run by failsafe after package)").exists();
        int port = freePort();
        Map<BigInteger, byte[]> acknowledged = new ConcurrentHashMap<>();

        Service first = Service.start(dataDir, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        for (int c = 0; c < 16; c++) {
            int client = c;
            clients.submit(() -> {
                int i = 0;
                while (loading.get()) {
                    byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA_256, ("doc " + client + "/" + i++).getBytes());
                    try {
                        HttpResponse<byte[]> reply = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tsa"))
                                .header("Content-Type", "application/timestamp-query").timeout(Duration.ofSeconds(5))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(
                                        TsaHttp.request(ImprintAlgorithm.SHA_256, digest, null, false, null).getEncoded()))
                                .build(), HttpResponse.BodyHandlers.ofByteArray());
                        TimeStampResponse response = new TimeStampResponse(reply.body());
                        if (response.getStatus() == PKIStatus.GRANTED) {
                            acknowledged.put(response.getTimeStampToken().getTimeStampInfo().getSerialNumber(),
                                    response.getTimeStampToken().getEncoded("DER"));
                        }
                    } catch (IOException e) {
                        // the server died mid-request: this reply was never acknowledged
                    } catch (Exception e) {
                        unexpected.add(e);
                    }
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < 1_500 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String checkpointBeforeCrash = get(http, port, "/log/checkpoint");
        first.kill(); // SIGKILL while clients are still sending
        Thread.sleep(300);
        loading.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).isEmpty();
        assertThat(acknowledged).as("tokens acknowledged before the crash").hasSizeGreaterThan(100);

        Service second = Service.start(dataDir, port);
        try (Connection db = DriverManager.getConnection(second.jdbcUrl, "postgres", "");
                PreparedStatement q = db.prepareStatement("SELECT token FROM issued_token WHERE serial_number = ?")) {
            for (Map.Entry<BigInteger, byte[]> token : acknowledged.entrySet()) {
                q.setBigDecimal(1, new BigDecimal(token.getKey()));
                try (ResultSet r = q.executeQuery()) {
                    assertThat(r.next()).as("acknowledged token %s recorded", token.getKey()).isTrue();
                    assertThat(r.getBytes(1)).isEqualTo(token.getValue());
                }
            }
            verifyLogAfterRestart(http, port, acknowledged, checkpointBeforeCrash);
            BigInteger maxBefore = acknowledged.keySet().stream().max(BigInteger::compareTo).orElseThrow();
            HttpResponse<byte[]> after = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tsa"))
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(
                            TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], null, false, null).getEncoded()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            BigInteger newSerial = new TimeStampResponse(after.body()).getTimeStampToken().getTimeStampInfo().getSerialNumber();
            assertThat(newSerial).as("serials after restart come from a fresh block").isGreaterThan(maxBefore);
        } finally {
            second.stop();
        }
    }

    /**
     * The log after the crash: every acknowledged token is provably in a checkpoint signed by the same key, and
     * that checkpoint is consistent with the one published before the crash.
     */
    private static void verifyLogAfterRestart(HttpClient http, int port, Map<BigInteger, byte[]> acknowledged,
            String checkpointBeforeCrash) throws Exception {
        var key = new com.fasterxml.jackson.databind.ObjectMapper().readTree(get(http, port, "/log/key"));
        NoteVerifier logKey = NoteVerifier.fromVerifierKey(key.get("verifierKey").asText());
        String origin = key.get("origin").asText();
        Checkpoint before = Checkpoint.verify(checkpointBeforeCrash, origin, logKey);
        Checkpoint after = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            after = Checkpoint.verify(get(http, port, "/log/checkpoint"), origin, logKey);
            if (after.treeSize() >= acknowledged.size()) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(after.treeSize()).as("every acknowledged token integrated").isGreaterThanOrEqualTo(acknowledged.size());
        if (after.treeSize() > before.treeSize()) {
            var consistency = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    get(http, port, "/log/proof/consistency?from=" + before.treeSize() + "&to=" + after.treeSize()));
            MerkleVerifier.verifyConsistency(before.treeSize(), after.treeSize(), before.rootHash(), after.rootHash(),
                    hashes(consistency.get("hashes")));
        } else {
            assertThat(after.rootHash()).isEqualTo(before.rootHash());
        }
        for (byte[] token : acknowledged.values()) {
            byte[] leaf = MerkleHash.leaf(token);
            String hash = java.net.URLEncoder.encode(java.util.Base64.getEncoder().encodeToString(leaf), StandardCharsets.US_ASCII);
            var proof = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    get(http, port, "/log/proof/inclusion?size=" + after.treeSize() + "&hash=" + hash));
            MerkleVerifier.verifyInclusion(leaf, proof.get("leafIndex").asLong(), after.treeSize(),
                    hashes(proof.get("hashes")), after.rootHash());
        }
    }

    private static java.util.List<byte[]> hashes(com.fasterxml.jackson.databind.JsonNode array) {
        java.util.List<byte[]> list = new java.util.ArrayList<>();
        array.forEach(h -> list.add(java.util.Base64.getDecoder().decode(h.asText())));
        return list;
    }

    private static String get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The packaged TSA in its own process. */
    private static final class Service {
        final Process process;
        final String jdbcUrl;

        private Service(Process process, String jdbcUrl) {
            this.process = process;
            this.jdbcUrl = jdbcUrl;
        }

        static Service start(Path dataDir, int port) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Dquarkus.http.port=" + port, "-jar", JAR.toString())
                    .redirectErrorStream(true);
            builder.environment().put("QUARKUS_PROFILE", "local");
            builder.environment().put("SEMPER_DATA_DIR", dataDir.toString());
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String jdbcUrl = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            StringBuilder log = new StringBuilder();
            String line;
            while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = JDBC.matcher(line);
                if (m.find()) {
                    jdbcUrl = m.group(1);
                }
                if (line.contains("Listening on")) {
                    break;
                }
            }
            assertThat(jdbcUrl).as("service log:\n%s", log).isNotNull();
            assertThat(process.isAlive()).as("service log:\n%s", log).isTrue();
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "tsa-log-drain");
            drain.setDaemon(true);
            drain.start();
            return new Service(process, jdbcUrl);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL on Linux
            process.waitFor(10, TimeUnit.SECONDS);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }

        private static String javaBinary() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
