package org.semper.tsa.serial;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.tsa.TsaConfig;

/** The instance's {@link SerialNumberAllocator}, reserving blocks from the {@code tsa_serial_block} sequence. */
@ApplicationScoped
public class SerialNumbers {

    private final SerialNumberAllocator allocator;

    @Inject
    public SerialNumbers(DataSource dataSource, TsaConfig config) {
        this.allocator = new SerialNumberAllocator(() -> reserveBlock(dataSource), config.serial().blockSize());
    }

    public BigInteger next() {
        return allocator.next();
    }

    private static long reserveBlock(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT nextval('tsa_serial_block')")) {
            result.next();
            return result.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reserve a block of serial numbers: " + e.getMessage(), e);
        }
    }
}
