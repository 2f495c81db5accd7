package org.semper.mail.relay;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where accepted ciphertexts are kept until their retention ends: PostgreSQL large objects
 * ({@link LargeObjectStore}) or a directory ({@link DirectoryStore}). Every method runs in the caller's
 * transaction on {@code connection} (autocommit off), so that keeping, reading and deleting are atomic with the
 * row that refers to the content.
 */
public interface ContentStore {

    /** Where a ciphertext was put: a large object id or a file name (exactly one). */
    record Location(Long oid, String file) {
    }

    /** Takes the spooled ciphertext over; the caller records the location in the same transaction. */
    Location keep(Connection connection, SpooledContent content, String exchangeId) throws SQLException, IOException;

    /** Undoes {@link #keep} when the transaction that recorded it did not commit (files are not transactional). */
    void forget(Location location);

    /** The ciphertext of {@code message}; the stream reads within the caller's open transaction. */
    InputStream open(Connection connection, MailMessage message) throws SQLException, IOException;

    /** Deletes the ciphertext of {@code message}. */
    void delete(Connection connection, MailMessage message) throws SQLException, IOException;
}
