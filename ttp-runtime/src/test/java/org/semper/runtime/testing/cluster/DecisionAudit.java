package org.semper.runtime.testing.cluster;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Labels;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.testing.cluster.ExchangeLoad.RaceExchange;
import org.semper.runtime.testing.cluster.ExchangeLoad.Reply;

/**
 * The judge of a race: reads what the database holds after a load of {@link ExchangeLoad} and checks it against
 * every reply any client received. It states, for the exchange decisions of ttp-runtime's
 * {@link ExchangeDecisions} (notary and certified mail alike):
 * <ol>
 * <li>every exchange of the load has exactly one decision, and there is no decision for anything else;</li>
 * <li>its outcome is one the requests allow ({@link RaceExchange#outcomes()}), and the stored token says so: it
 * parses, its id is the stored {@code H(s)}, it names the exchange, its {@code msg} is the outcome's label;</li>
 * <li>a time-stamped form, if stored, has the identical signed part (same id);</li>
 * <li>the transparency log holds exactly one {@code exchange-token} entry per decision, byte-identical to the stored
 * token, and one {@code exchange-token-stamped} entry per time-stamped form: no token that lost a race was ever
 * logged, none that won is missing;</li>
 * <li>every acknowledged reply ({@code 200}) agrees with the decision: the same outcome and token id (headers
 * {@code Semper-Exchange-Id}, {@code Semper-Token-Id}, {@code Semper-Exchange-Outcome}), and a body that is one of
 * the two stored forms byte for byte (so its signed part is the stored one, byte for byte);</li>
 * <li>no reply other than {@code 200} or {@code 503} (retry later), and every request was answered.</li>
 * </ol>
 * Violations are collected, not thrown one by one, so a failing run shows how widespread a problem is.
 */
public final class DecisionAudit {

    /** The outcome names of the reply header {@code Semper-Exchange-Outcome}. */
    public static final String ABORTED = "aborted";
    public static final String RESOLVED = "resolved";
    public static final String AFFIDAVIT = "affidavit";

    /** A decision as stored, with the forms of its token. */
    public record StoredToken(String exchangeId, String protocol, String outcome, String tokenId, byte[] token,
            Optional<byte[]> stamped) {

        /** The token as served now: the time-stamped form once there is one. */
        public byte[] served() {
            return stamped.orElse(token);
        }
    }

    /** What the audit found. */
    public record Report(Map<String, StoredToken> decisions, Map<String, Integer> outcomes, int acknowledgedReplies,
            int stampedTokens, List<String> violations) {

        /** Fails listing (the first 25) violations. */
        public Report assertClean() {
            if (!violations.isEmpty()) {
                throw new AssertionError(violations.size() + " violation(s) of the exchange guarantees, e.g.:\n  "
                        + String.join("\n  ", violations.subList(0, Math.min(25, violations.size()))));
            }
            return this;
        }

        @Override
        public String toString() {
            return decisions.size() + " decisions " + outcomes + ", " + acknowledgedReplies + " acknowledged replies, "
                    + stampedTokens + " tokens time-stamped, " + violations.size() + " violations";
        }
    }

    private DecisionAudit() {
    }

    /** Audits the database behind {@code dataSource} against the load's exchanges and the clients' result. */
    public static Report check(DataSource dataSource, List<RaceExchange> exchanges, ExchangeLoad.Result result) {
        List<String> violations = new ArrayList<>();
        result.unanswered().forEach(u -> violations.add("never answered: " + u));
        return check(dataSource, exchanges.subList(0, result.exchanges()), result.replies(), violations);
    }

    /** Audits the database against {@code exchanges} and {@code replies}, adding to {@code violations}. */
    public static Report check(DataSource dataSource, List<RaceExchange> exchanges, List<Reply> replies,
            List<String> violations) {
        Map<String, StoredToken> stored;
        Map<String, List<byte[]>> tokenEntries;
        Map<String, List<byte[]>> stampedEntries;
        // one snapshot: the services may still be adding time-stamps while the audit reads
        try (Connection c = dataSource.getConnection()) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            stored = readDecisions(c);
            tokenEntries = readLogEntries(c, ExchangeDecisions.TOKEN_LOG_KIND);
            stampedEntries = readLogEntries(c, ExchangeDecisions.STAMPED_TOKEN_LOG_KIND);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the decisions and the log: " + e.getMessage(), e);
        }
        Map<String, RaceExchange> expected = new HashMap<>();
        exchanges.forEach(e -> expected.put(e.exchangeId(), e));

        Map<String, Integer> outcomes = new TreeMap<>();
        for (RaceExchange exchange : exchanges) {
            StoredToken decision = stored.get(exchange.exchangeId());
            if (decision == null) {
                violations.add(exchange.exchangeId() + ": no decision stored");
                continue;
            }
            outcomes.merge(decision.outcome(), 1, Integer::sum);
            if (!exchange.outcomes().contains(decision.outcome())) {
                violations.add(exchange.exchangeId() + ": outcome " + decision.outcome() + " not among " + exchange.outcomes());
            }
            checkToken(decision, violations);
            checkLogged(decision, tokenEntries, stampedEntries, violations);
        }
        stored.keySet().stream().filter(id -> !expected.containsKey(id))
                .forEach(id -> violations.add(id + ": a decision for an exchange nobody asked about"));
        tokenEntries.keySet().stream().filter(id -> !stored.containsKey(id))
                .forEach(id -> violations.add(id + ": a logged token without a decision (a race loser's token?)"));

        int acknowledged = 0;
        for (Reply reply : replies) {
            if (reply.status() == 503) {
                continue; // "retry": no decision was claimed
            }
            if (!reply.acknowledged()) {
                violations.add(reply.exchangeId() + " " + reply.submission() + " via " + reply.instance() + ": HTTP "
                        + reply.status() + " " + new String(reply.body(), StandardCharsets.UTF_8));
                continue;
            }
            acknowledged++;
            checkReply(reply, stored.get(reply.exchangeId()), violations);
        }
        int stamped = (int) stored.values().stream().filter(s -> s.stamped().isPresent()).count();
        return new Report(stored, outcomes, acknowledged, stamped, violations);
    }

    private static void checkToken(StoredToken decision, List<String> violations) {
        String id = decision.exchangeId();
        try {
            SignedStatement token = SignedStatement.parse(new String(decision.token(), StandardCharsets.UTF_8), Integer.MAX_VALUE);
            if (!token.id().equals(decision.tokenId())) {
                violations.add(id + ": stored token id " + decision.tokenId() + " but H(s) = " + token.id());
            }
            if (!id.equals(token.payload().path("exchange").asText())) {
                violations.add(id + ": the token names exchange " + token.payload().path("exchange").asText());
            }
            String msg = token.payload().path("msg").asText();
            String expectedMsg = switch (decision.outcome()) {
                case ABORTED -> Labels.ABORTED;
                case AFFIDAVIT -> Labels.AFFIDAVIT;
                default -> ExchangeProtocol.fromId(decision.protocol()).map(ExchangeProtocol::resolvedLabel)
                        .orElse(Labels.RESOLVED);
            };
            if (!msg.equals(expectedMsg)) {
                violations.add(id + ": decision " + decision.outcome() + " but the token says " + msg);
            }
            if (decision.stamped().isPresent()) {
                SignedStatement stamped = SignedStatement.parse(new String(decision.stamped().get(), StandardCharsets.UTF_8),
                        Integer.MAX_VALUE);
                if (!stamped.compact().equals(token.compact()) || stamped.signatureTimeStamps().isEmpty()) {
                    violations.add(id + ": the time-stamped token is not the stored token plus a time-stamp");
                }
            }
        } catch (MalformedStatementException e) {
            violations.add(id + ": stored token does not parse: " + e.getMessage());
        }
    }

    private static void checkLogged(StoredToken decision, Map<String, List<byte[]>> tokenEntries,
            Map<String, List<byte[]>> stampedEntries, List<String> violations) {
        String id = decision.exchangeId();
        List<byte[]> logged = tokenEntries.getOrDefault(id, List.of());
        if (logged.size() != 1 || !Arrays.equals(logged.get(0), decision.token())) {
            violations.add(id + ": " + logged.size() + " token log entries, expected exactly the stored token");
        }
        List<byte[]> loggedStamped = stampedEntries.getOrDefault(id, List.of());
        int expected = decision.stamped().isPresent() ? 1 : 0;
        if (loggedStamped.size() != expected
                || expected == 1 && !Arrays.equals(loggedStamped.get(0), decision.stamped().get())) {
            violations.add(id + ": " + loggedStamped.size() + " time-stamped token log entries, expected " + expected);
        }
    }

    private static void checkReply(Reply reply, StoredToken decision, List<String> violations) {
        String where = reply.exchangeId() + " " + reply.submission() + " via " + reply.instance();
        if (decision == null) {
            violations.add(where + ": acknowledged, but nothing is stored");
            return;
        }
        if (!Arrays.equals(reply.body(), decision.token())
                && !decision.stamped().map(s -> Arrays.equals(reply.body(), s)).orElse(false)) {
            String got;
            try {
                SignedStatement token = SignedStatement.parse(new String(reply.body(), StandardCharsets.UTF_8), Integer.MAX_VALUE);
                got = "token " + token.id() + " (" + token.payload().path("msg").asText() + ")";
            } catch (MalformedStatementException e) {
                got = "no token: " + e.getMessage();
            }
            violations.add(where + ": got " + got + ", but the stored decision is " + decision.outcome() + " with token "
                    + decision.tokenId());
        }
        expectHeader(reply, "Semper-Exchange-Id", reply.exchangeId(), where, violations);
        expectHeader(reply, "Semper-Token-Id", decision.tokenId(), where, violations);
        expectHeader(reply, "Semper-Exchange-Outcome", decision.outcome(), where, violations);
    }

    private static void expectHeader(Reply reply, String name, String expected, String where, List<String> violations) {
        String value = reply.header(name);
        if (!expected.equals(value)) {
            violations.add(where + ": header " + name + " is " + value + ", the store says " + expected);
        }
    }

    /** Every stored decision with its token forms. */
    public static Map<String, StoredToken> readDecisions(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return readDecisions(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the decisions: " + e.getMessage(), e);
        }
    }

    private static Map<String, StoredToken> readDecisions(Connection c) throws SQLException {
        Map<String, StoredToken> decisions = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT d.exchange_id, d.protocol, d.outcome, d.finding, d.token_id, d.token, "
                        + "t.stamped_token FROM exchange_decision d LEFT JOIN exchange_timestamp t USING (exchange_id)")) {
            while (r.next()) {
                String outcome = r.getString(3).equals("ABORTED") ? ABORTED : r.getString(4) != null ? AFFIDAVIT : RESOLVED;
                decisions.put(r.getString(1), new StoredToken(r.getString(1), r.getString(2), outcome, r.getString(5),
                        r.getBytes(6), Optional.ofNullable(r.getBytes(7))));
            }
        }
        return decisions;
    }

    private static Map<String, List<byte[]>> readLogEntries(Connection c, String kind) throws SQLException {
        Map<String, List<byte[]>> entries = new HashMap<>();
        try (var q = c.prepareStatement("SELECT ref, entry FROM log_entry WHERE kind = ?")) {
            q.setString(1, kind);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    entries.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getBytes(2));
                }
            }
        }
        return entries;
    }
}
