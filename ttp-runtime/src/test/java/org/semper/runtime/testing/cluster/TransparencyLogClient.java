package org.semper.runtime.testing.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.TlogException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An auditor of a Semper service's transparency log over its public HTTP API ({@code /log/*}), trusting nothing the
 * service says without checking it with the evidence library: checkpoints are verified with the log key pinned at
 * construction ({@link NoteVerifier}), inclusion and consistency proofs with {@link MerkleVerifier}.
 */
public final class TransparencyLogClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI base;
    private final String origin;
    private final NoteVerifier key;

    private TransparencyLogClient(URI base, String origin, NoteVerifier key) {
        this.base = base;
        this.origin = origin;
        this.key = key;
    }

    /** Reads and pins the log's origin and verifier key from {@code <base>/log/key}. */
    public static TransparencyLogClient pinKeyOf(URI base) {
        JsonNode key = json(get(base, "/log/key"));
        return new TransparencyLogClient(base, key.get("origin").asText(),
                NoteVerifier.fromVerifierKey(key.get("verifierKey").asText()));
    }

    /** The same pinned log key, read through another instance (replicas serve one log). */
    public TransparencyLogClient via(URI otherBase) {
        return new TransparencyLogClient(otherBase, origin, key);
    }

    public String origin() {
        return origin;
    }

    public NoteVerifier key() {
        return key;
    }

    /** The latest signed checkpoint note, as served; {@link java.io.UncheckedIOException} if the service is down. */
    public String checkpointNote() {
        return get(base, "/log/checkpoint");
    }

    /** The latest checkpoint, its signature verified with the pinned key. */
    public Checkpoint checkpoint() {
        return verify(checkpointNote());
    }

    /** Parses {@code note} and verifies its signature with the pinned key and its origin. */
    public Checkpoint verify(String note) {
        try {
            return Checkpoint.verify(note, origin, key);
        } catch (TlogException e) {
            throw new AssertionError("checkpoint of " + base + " does not verify: " + e.getMessage() + "\n" + note, e);
        }
    }

    /** Waits until the latest checkpoint covers at least {@code size} entries; returns it. */
    public Checkpoint awaitSize(long size, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Checkpoint latest = checkpoint();
        while (latest.treeSize() < size && System.nanoTime() < deadline) {
            ServiceProcess.sleep(200);
            latest = checkpoint();
        }
        if (latest.treeSize() < size) {
            throw new AssertionError("the log of " + base + " has " + latest.treeSize() + " entries after " + timeout
                    + ", expected at least " + size);
        }
        return latest;
    }

    /**
     * Proves that {@code newer} extends {@code older} (RFC 9162 §2.1.4): a consistency proof from the service,
     * verified; for equal sizes the roots must be equal.
     */
    public void verifyConsistency(Checkpoint older, Checkpoint newer) {
        if (older.treeSize() > newer.treeSize()) {
            verifyConsistency(newer, older);
            return;
        }
        if (older.treeSize() == newer.treeSize()) {
            if (!java.util.Arrays.equals(older.rootHash(), newer.rootHash())) {
                throw new AssertionError("two checkpoints of size " + older.treeSize() + " with different roots: a fork");
            }
            return;
        }
        if (older.treeSize() == 0) {
            return; // the empty tree is a prefix of every tree
        }
        JsonNode proof = json(get(base, "/log/proof/consistency?from=" + older.treeSize() + "&to=" + newer.treeSize()));
        try {
            MerkleVerifier.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(),
                    hashes(proof.get("hashes")));
        } catch (TlogException e) {
            throw new AssertionError("checkpoint " + newer.treeSize() + " is not consistent with " + older.treeSize()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Proves that {@code entry} (the exact bytes logged) is a leaf of the tree {@code at}; returns its index. */
    public long verifyInclusion(byte[] entry, Checkpoint at) {
        byte[] leaf = MerkleHash.leaf(entry);
        JsonNode proof = json(get(base, "/log/proof/inclusion?size=" + at.treeSize() + "&hash="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(leaf)));
        long index = proof.get("leafIndex").asLong();
        try {
            MerkleVerifier.verifyInclusion(leaf, index, at.treeSize(), hashes(proof.get("hashes")), at.rootHash());
        } catch (TlogException e) {
            throw new AssertionError("entry " + index + " is not proven in checkpoint " + at.treeSize() + ": "
                    + e.getMessage(), e);
        }
        return index;
    }

    private static List<byte[]> hashes(JsonNode array) {
        List<byte[]> list = new ArrayList<>();
        array.forEach(h -> list.add(Base64.getDecoder().decode(h.asText())));
        return list;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String get(URI base, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + base.resolve(path) + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("GET " + base.resolve(path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
