package org.semper.runtime.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.semper.evidence.tlog.MerkleHash;

/**
 * Appends entries to the transparency log <em>in the caller's transaction</em>: pass the connection that also
 * writes the decision or token the entry records, so both commit or neither does. The sequencer integrates them
 * into the tree within {@code semper.log.sequencer.interval}.
 */
public final class LogEntryWriter {

    private static final String INSERT = "INSERT INTO log_entry (kind, ref, entry, leaf_hash) VALUES (?, ?, ?, ?)";

    private LogEntryWriter() {
    }

    public static void append(Connection connection, List<NewLogEntry> entries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewLogEntry e : entries) {
                insert.setString(1, e.kind());
                insert.setString(2, e.ref());
                insert.setBytes(3, e.entry());
                insert.setBytes(4, MerkleHash.leaf(e.entry()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
