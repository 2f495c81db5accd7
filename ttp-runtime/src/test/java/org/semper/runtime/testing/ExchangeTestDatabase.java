package org.semper.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.semper.runtime.local.EmbeddedDatabase;

/**
 * A real embedded PostgreSQL in a temporary directory, migrated with the scripts ttp-runtime ships (transparency
 * log, exchange decisions), for tests of the server-side machinery without a Quarkus application.
 */
public final class ExchangeTestDatabase implements AutoCloseable {

    private final Path directory;
    private final EmbeddedDatabase database;
    private final PGSimpleDataSource dataSource;

    private ExchangeTestDatabase(Path directory) {
        this.directory = directory;
        this.database = EmbeddedDatabase.start(directory.resolve("postgres"));
        database.createDatabaseIfMissing("exchange");
        this.dataSource = new PGSimpleDataSource();
        dataSource.setURL(database.jdbcUrl("exchange"));
        dataSource.setUser(EmbeddedDatabase.USER);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/semper-log", "classpath:db/semper-exchange")
                .load().migrate();
    }

    public static ExchangeTestDatabase start() {
        try {
            return new ExchangeTestDatabase(Files.createTempDirectory("semper-exchange-test-"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh connection per call (every call of {@code getConnection()} opens a new session). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** JDBC URL of the migrated database (user {@link EmbeddedDatabase#USER}, no password). */
    public String jdbcUrl() {
        return dataSource.getURL();
    }

    /**
     * The environment that points a packaged service at this database ({@code QUARKUS_DATASOURCE_*}), for several
     * service processes on one database (race and crash tests). The schema is migrated already; the services'
     * Flyway finds it current.
     */
    public java.util.Map<String, String> serviceEnvironment() {
        return java.util.Map.of("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(), "QUARKUS_DATASOURCE_USERNAME",
                EmbeddedDatabase.USER, "QUARKUS_DATASOURCE_PASSWORD", "unused");
    }

    /**
     * CPU time (user + system, seconds) used so far by the PostgreSQL server and its live backends: what a test's
     * load cost the database (backends that have exited are not counted).
     */
    public double cpuSeconds() {
        try {
            long pid = Long.parseLong(Files.readAllLines(directory.resolve("postgres").resolve("postmaster.pid")).get(0).trim());
            return ProcessHandle.of(pid).map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                    .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum())
                    .orElse(0.0);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The temporary directory (for a local trust anchor and test keys beside the database). */
    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        database.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
