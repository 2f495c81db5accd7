package org.semper.runtime.exchange.stamping;

import java.util.Objects;
import java.util.regex.Pattern;

import org.semper.runtime.exchange.ExchangeDecisions;

/**
 * A table of stored signed statements that {@link SignatureTimeStamping} gives their JAdES B-T time-stamps, and the
 * two tables that go with it: a queue (filled by a trigger when a statement is stored) and an insert-only table of
 * the time-stamped forms. A service registers its own (certified mail: its relay evidence) as a CDI bean; the
 * exchange tokens ({@link #EXCHANGE_TOKENS}) are always served.
 *
 * <p>The tables must have these columns ({@code key} = {@link #keyColumn}):
 * <ul>
 * <li>{@link #table}: {@code key}, {@link #refColumn} (the log entry's {@code ref}), {@link #statementColumn}
 * (flattened JWS JSON, {@code bytea} or {@code text});</li>
 * <li>{@link #queueTable}: {@code key} (primary key), {@code queued_at}, {@code attempts}, {@code next_attempt},
 * {@code last_error} (as {@code exchange_stamp_pending});</li>
 * <li>{@link #stampedTable}: {@code key} (primary key), {@link #stampedColumn} ({@code bytea}), {@code gen_time}.</li>
 * </ul>
 * Names are SQL identifiers fixed in code (checked here), never input.
 *
 * @param name what the statements are, for logs and the {@code source} tag of nothing else
 * @param logKind the transparency-log entry kind of a time-stamped statement
 */
public record StampedStatements(String name, String table, String keyColumn, String refColumn, String statementColumn,
        String queueTable, String stampedTable, String stampedColumn, String logKind) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** The exchange tokens of {@code exchange_decision} (ttp-runtime's schema {@code db/semper-exchange}). */
    public static final StampedStatements EXCHANGE_TOKENS = new StampedStatements("exchange tokens", "exchange_decision",
            "exchange_id", "exchange_id", "token", "exchange_stamp_pending", "exchange_timestamp", "stamped_token",
            ExchangeDecisions.STAMPED_TOKEN_LOG_KIND);

    public StampedStatements {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(logKind, "logKind");
        for (String identifier : new String[] { table, keyColumn, refColumn, statementColumn, queueTable, stampedTable,
                stampedColumn }) {
            if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
                throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
            }
        }
    }

    String claim() {
        return "UPDATE " + queueTable + " p SET attempts = p.attempts + 1, next_attempt = now() + (?::double precision) "
                + "* interval '1 second' WHERE p." + keyColumn + " IN (SELECT " + keyColumn + " FROM " + queueTable
                + " WHERE next_attempt <= now() ORDER BY next_attempt LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING p."
                + keyColumn + ", p.attempts";
    }

    String statements() {
        return "SELECT " + keyColumn + ", " + refColumn + ", " + statementColumn + " FROM " + table + " WHERE " + keyColumn
                + " = ANY (?)";
    }

    String store() {
        return "INSERT INTO " + stampedTable + " (" + keyColumn + ", " + stampedColumn + ", gen_time) VALUES (?, ?, ?) "
                + "ON CONFLICT (" + keyColumn + ") DO NOTHING RETURNING " + keyColumn;
    }

    String dequeue() {
        return "DELETE FROM " + queueTable + " WHERE " + keyColumn + " = ?";
    }

    String reschedule() {
        return "UPDATE " + queueTable + " SET next_attempt = now() + (?::double precision) * interval '1 second', "
                + "last_error = ? WHERE " + keyColumn + " = ?";
    }

    String backlog() {
        return "SELECT count(*), min(queued_at) FROM " + queueTable;
    }

    String pending() {
        return "SELECT " + keyColumn + " FROM " + queueTable + " ORDER BY queued_at";
    }
}
