package org.semper.runtime.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.semper.evidence.tlog.SubtreeHashes;

/**
 * The stored perfect-subtree hashes ({@code log_node}), read through one connection, so that the evidence
 * library's proof algorithms run against the database touching O(log n) rows. Rows are immutable, so lookups are
 * cached for the life of this object.
 */
final class DatabaseSubtreeHashes implements SubtreeHashes {

    private final Connection connection;
    private final Map<Long, byte[]> cache = new HashMap<>();
    private PreparedStatement select;

    DatabaseSubtreeHashes(Connection connection) {
        this.connection = connection;
    }

    @Override
    public byte[] hash(int level, long index) {
        long key = ((long) level << 58) | index;
        byte[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            if (select == null) {
                select = connection.prepareStatement("SELECT hash FROM log_node WHERE level = ? AND idx = ?");
            }
            select.setInt(1, level);
            select.setLong(2, index);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("transparency log node (" + level + ", " + index + ") is missing");
                }
                byte[] hash = r.getBytes(1);
                cache.put(key, hash);
                return hash;
            }
        } catch (SQLException e) {
            throw new LogStorageException("Cannot read log node (" + level + ", " + index + "): " + e.getMessage(), e);
        }
    }

    /** Makes a node written in the current transaction visible without a round trip. */
    void remember(int level, long index, byte[] hash) {
        cache.put(((long) level << 58) | index, hash);
    }
}
