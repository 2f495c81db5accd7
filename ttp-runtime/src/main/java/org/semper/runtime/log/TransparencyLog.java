package org.semper.runtime.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleProofs;
import org.semper.evidence.tlog.TlogProof;
import org.semper.runtime.problem.ProblemException;

/**
 * Read side of the service's transparency log: signed checkpoints, inclusion and consistency proofs (RFC 9162
 * §2.1.3-2.1.4), entries, and offline proof bundles (C2SP tlog-proof) for any statement the service issued.
 * Only what a signed checkpoint covers is served, so every answer can be checked against a signed note.
 */
@ApplicationScoped
public class TransparencyLog {

    /** A signed checkpoint as stored. */
    public record SignedCheckpoint(long treeSize, byte[] rootHash, String note) {
    }

    /** An inclusion proof of {@code leafIndex} in the tree of {@code treeSize}. */
    public record InclusionProof(long leafIndex, long treeSize, List<byte[]> hashes) {
    }

    /** A logged entry. */
    public record LoggedEntry(long index, String kind, String ref, byte[] entry) {
    }

    private final DataSource dataSource;
    private final LogCheckpoints checkpoints;
    private final LogConfig config;

    @Inject
    public TransparencyLog(DataSource dataSource, LogCheckpoints checkpoints, LogConfig config) {
        this.dataSource = dataSource;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    public String origin() {
        return checkpoints.origin();
    }

    public String verifierKey() {
        return checkpoints.verifierKey();
    }

    public String keyCertificateChainPem() {
        return checkpoints.certificateChainPem();
    }

    public SignedCheckpoint latestCheckpoint() {
        try (Connection c = dataSource.getConnection()) {
            return latest(c);
        } catch (SQLException e) {
            throw new LogStorageException("Cannot read the latest checkpoint: " + e.getMessage(), e);
        }
    }

    /** Proof that the entry with {@code leafHash} is in the tree of {@code treeSize} (default: the latest checkpoint). */
    public InclusionProof inclusion(byte[] leafHash, Long treeSize) {
        try (Connection c = dataSource.getConnection()) {
            SignedCheckpoint latest = latest(c);
            long size = treeSize == null ? latest.treeSize() : treeSize;
            if (treeSize != null && (size < 1 || size > latest.treeSize())) {
                throw new ProblemException(LogProblem.BAD_RANGE, "size must be between 1 and " + latest.treeSize());
            }
            long index = leafIndex(c, leafHash, size);
            return new InclusionProof(index, size, MerkleProofs.inclusion(new DatabaseSubtreeHashes(c), index, size));
        } catch (SQLException e) {
            throw new LogStorageException("Cannot build an inclusion proof: " + e.getMessage(), e);
        }
    }

    /** Proof that the tree of {@code from} is a prefix of the tree of {@code to}. */
    public List<byte[]> consistency(long from, long to) {
        try (Connection c = dataSource.getConnection()) {
            SignedCheckpoint latest = latest(c);
            if (from < 1 || from > to || to > latest.treeSize()) {
                throw new ProblemException(LogProblem.BAD_RANGE,
                        "need 1 <= from <= to <= " + latest.treeSize() + " (the latest checkpoint)");
            }
            return MerkleProofs.consistency(new DatabaseSubtreeHashes(c), from, to);
        } catch (SQLException e) {
            throw new LogStorageException("Cannot build a consistency proof: " + e.getMessage(), e);
        }
    }

    /** Entries with leaf index in {@code [start, end)}, at most {@code semper.log.max-entries-per-request}. */
    public List<LoggedEntry> entries(long start, long end) {
        try (Connection c = dataSource.getConnection()) {
            SignedCheckpoint latest = latest(c);
            if (start < 0 || end <= start || start >= latest.treeSize()) {
                throw new ProblemException(LogProblem.BAD_RANGE,
                        "need 0 <= start < end and start < " + latest.treeSize() + " (the latest checkpoint)");
            }
            long last = Math.min(Math.min(end, latest.treeSize()), start + config.maxEntriesPerRequest());
            List<LoggedEntry> entries = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT l.leaf_index, e.kind, e.ref, e.entry "
                    + "FROM log_leaf l JOIN log_entry e ON e.seq = l.seq "
                    + "WHERE l.leaf_index >= ? AND l.leaf_index < ? ORDER BY l.leaf_index")) {
                q.setLong(1, start);
                q.setLong(2, last);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        entries.add(new LoggedEntry(r.getLong(1), r.getString(2), r.getString(3), r.getBytes(4)));
                    }
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new LogStorageException("Cannot read log entries: " + e.getMessage(), e);
        }
    }

    /** An offline proof bundle (C2SP tlog-proof) for the statement whose exact bytes are {@code entry}'s leaf hash. */
    public String proofBundle(byte[] leafHash) {
        try (Connection c = dataSource.getConnection()) {
            SignedCheckpoint latest = latest(c);
            long index = leafIndex(c, leafHash, latest.treeSize());
            List<byte[]> proof = MerkleProofs.inclusion(new DatabaseSubtreeHashes(c), index, latest.treeSize());
            return TlogProof.of(index, proof, latest.note()).encode();
        } catch (SQLException e) {
            throw new LogStorageException("Cannot build a proof bundle: " + e.getMessage(), e);
        }
    }

    /** Leaf hash of a statement's bytes (RFC 9162 §2.1.1). */
    public static byte[] leafHashOf(byte[] entry) {
        return MerkleHash.leaf(entry);
    }

    /** Parses a leaf hash given as base64 or base64url (a '+' that arrived as a space in a query is restored). */
    public static byte[] parseHash(String text) {
        if (text == null) {
            throw new ProblemException(LogProblem.BAD_HASH, "hash is required");
        }
        String normal = text.trim().replace(' ', '+').replace('-', '+').replace('_', '/');
        try {
            byte[] hash = Base64.getDecoder().decode(normal);
            if (hash.length != 32) {
                throw new IllegalArgumentException();
            }
            return hash;
        } catch (IllegalArgumentException e) {
            throw new ProblemException(LogProblem.BAD_HASH, "not base64 of 32 bytes: " + text);
        }
    }

    private static SignedCheckpoint latest(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT tree_size, root_hash, note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1");
                ResultSet r = q.executeQuery()) {
            if (!r.next()) {
                throw new ProblemException(LogProblem.NO_CHECKPOINT, "the log has not signed a checkpoint yet; retry shortly");
            }
            return new SignedCheckpoint(r.getLong(1), r.getBytes(2), r.getString(3));
        }
    }

    private static long leafIndex(Connection c, byte[] leafHash, long treeSize) throws SQLException {
        // Look up by the leaf-hash index only (an ORDER BY leaf_index here can make the planner walk the whole
        // leaf-index index); identical statements logged twice are rare, so pick the earliest in Java. An entry
        // without a log_leaf row is not sequenced yet.
        try (PreparedStatement q = c.prepareStatement("SELECT l.leaf_index FROM log_entry e "
                + "LEFT JOIN log_leaf l ON l.seq = e.seq WHERE e.leaf_hash = ?")) {
            q.setBytes(1, leafHash);
            boolean found = false;
            long best = Long.MAX_VALUE;
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    found = true;
                    long index = r.getLong(1);
                    if (!r.wasNull() && index < treeSize) {
                        best = Math.min(best, index);
                    }
                }
            }
            if (!found) {
                throw new ProblemException(LogProblem.ENTRY_NOT_FOUND, "no entry with that leaf hash");
            }
            if (best == Long.MAX_VALUE) {
                throw new ProblemException(LogProblem.ENTRY_PENDING,
                        "the entry is not in the tree of size " + treeSize + " yet; retry in a second");
            }
            return best;
        }
    }
}
