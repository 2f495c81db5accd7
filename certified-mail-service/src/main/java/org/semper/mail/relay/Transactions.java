package org.semper.mail.relay;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Runs work in one database transaction: committed if it returns, rolled back if it throws. */
public final class Transactions {

    /** Work on an open transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    private Transactions() {
    }

    public static <T> T run(DataSource dataSource, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("Database failure: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StorageException("Content storage failure: " + e.getMessage(), e);
        }
    }

    /** The database or the content store failed; answered 503. */
    public static final class StorageException extends RuntimeException {
        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
