package org.semper.ca.claims;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.hierarchy.SubjectStatements;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.evidence.statement.StatementValidation;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The claims ledger. A relying party files a claim against a certificate as a signed statement (type
 * {@value #TYPE}); officers accept or reject it. Payouts never exceed the cover: each acceptance subtracts from
 * {@code cover_account.remaining_cover} in the decision's transaction, and the table's CHECK (remaining_cover ≥ 0)
 * makes PostgreSQL refuse the one that would overdraw it, however many replicas accept at once.
 */
@ApplicationScoped
public class ClaimsLedger {

    public static final String TYPE = "semper-ca-claim";
    public static final String LOG_KIND_CLAIM = "ca-claim";
    public static final String LOG_KIND_DECISION = "ca-claim-decision";

    private static final String CHECK_VIOLATION = "23514";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A claim as the ledger holds it. */
    public record Claim(UUID id, String certificateSerial, String claimantSubject, String currency, BigDecimal amount,
            String grounds, List<String> evidence, String status, Instant filedAt, Instant decidedAt, String decisionNote,
            BigDecimal remainingCover) {
    }

    /** Exposure in one currency: outstanding cover of live certificates, paid out, and claimed but undecided. */
    public record Exposure(String currency, long certificates, BigDecimal coverOutstanding, BigDecimal paid,
            BigDecimal pending, long pendingClaims) {
    }

    private final DataSource dataSource;
    private final CertificateStore certificates;
    private final SubjectStatements statements;

    @Inject
    public ClaimsLedger(DataSource dataSource, CertificateStore certificates, SubjectStatements statements) {
        this.dataSource = dataSource;
        this.certificates = certificates;
        this.statements = statements;
    }

    /** Files a claim. Payload: certificateSerial (hex), amount (decimal string), currency, grounds, evidence (array). */
    public Claim file(String statementJson) {
        StatementValidation validation = statements.validate(statementJson, TYPE, ClaimProblem.CLAIM_STATEMENT_INVALID);
        JsonNode payload = payloadOf(statementJson);
        String serialText = payload.path("certificateSerial").asText("");
        CertificateRecord target = certificates.find(org.semper.ca.api.CertificateResource.parseSerial(serialText))
                .orElseThrow(() -> new ProblemException(CommonProblem.NOT_FOUND, "No certificate " + serialText + " was issued by this CA"));
        BigDecimal amount;
        try {
            amount = new BigDecimal(payload.path("amount").asText(""));
        } catch (NumberFormatException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "amount must be a decimal number as a string, e.g. \"250.00\"");
        }
        if (amount.signum() <= 0) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "amount must be positive");
        }
        String currency = payload.path("currency").asText("");
        if (!currency.equals(target.cover().currency())) {
            throw new ProblemException(ClaimProblem.CURRENCY_MISMATCH, "Certificate " + target.serialHex() + " covers "
                    + target.cover() + "; claim in " + target.cover().currency());
        }
        String grounds = payload.path("grounds").asText("");
        if (grounds.isBlank()) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "grounds must say what went wrong");
        }
        List<String> evidence = new ArrayList<>();
        payload.path("evidence").forEach(e -> evidence.add(e.asText()));
        X509Certificate claimant = validation.signerCertificate().orElseThrow();
        UUID id = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                ensureAccount(c, target.serialHex());
                BigDecimal remaining = remaining(c, target.serialHex(), true);
                if (amount.compareTo(remaining) > 0) {
                    c.rollback();
                    throw new ProblemException(ClaimProblem.CLAIM_EXCEEDS_COVER, "Certificate " + target.serialHex()
                            + " has " + plain(remaining) + " " + currency + " of cover left; the claim asks for " + plain(amount),
                            Map.of("remainingCover", plain(remaining)), null);
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO claim (id, certificate_serial, claimant_serial, "
                        + "claimant_subject, currency, amount, grounds, evidence, statement) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setObject(1, id);
                    insert.setString(2, target.serialHex());
                    insert.setString(3, claimant.getSerialNumber().toString(16));
                    insert.setString(4, claimant.getSubjectX500Principal().getName());
                    insert.setString(5, currency);
                    insert.setBigDecimal(6, amount);
                    insert.setString(7, grounds);
                    insert.setString(8, JSON.writeValueAsString(evidence));
                    insert.setString(9, statementJson);
                    insert.executeUpdate();
                }
                LogEntryWriter.append(c, List.of(new NewLogEntry(LOG_KIND_CLAIM, id.toString(),
                        statementJson.getBytes(StandardCharsets.UTF_8))));
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot file the claim: " + e.getMessage(), e);
        }
        return find(id).orElseThrow();
    }

    /** Accepts or rejects a pending claim. An acceptance that would overdraw the cover is refused by the database. */
    public Claim decide(UUID id, boolean accept, String note, String officer) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String serial;
                BigDecimal amount;
                try (PreparedStatement update = c.prepareStatement("UPDATE claim SET status = ?, decided_at = now(), "
                        + "decided_by = ?, decision_note = ? WHERE id = ? AND status = 'pending' RETURNING certificate_serial, amount")) {
                    update.setString(1, accept ? "accepted" : "rejected");
                    update.setString(2, officer);
                    update.setString(3, note);
                    update.setObject(4, id);
                    try (ResultSet rs = update.executeQuery()) {
                        if (!rs.next()) {
                            c.rollback();
                            throw find(id).isPresent()
                                    ? new ProblemException(ClaimProblem.ALREADY_DECIDED, "Claim " + id + " is already "
                                            + find(id).get().status())
                                    : new ProblemException(CommonProblem.NOT_FOUND, "No claim " + id);
                        }
                        serial = rs.getString(1);
                        amount = rs.getBigDecimal(2);
                    }
                }
                if (accept) {
                    try (PreparedStatement pay = c.prepareStatement(
                            "UPDATE cover_account SET remaining_cover = remaining_cover - ? WHERE serial = ?")) {
                        pay.setBigDecimal(1, amount);
                        pay.setString(2, serial);
                        pay.executeUpdate();
                    } catch (SQLException e) {
                        if (CHECK_VIOLATION.equals(e.getSQLState())) {
                            c.rollback();
                            throw new ProblemException(ClaimProblem.COVER_EXCEEDED, "Paying " + plain(amount)
                                    + " would exceed the remaining cover of certificate " + serial
                                    + "; the claim stays pending (reject it or wait for the outcome of others)");
                        }
                        throw e;
                    }
                }
                byte[] entry = JSON.writeValueAsBytes(Map.of("type", "semper-ca-claim-decision", "claim", id.toString(),
                        "certificate", serial, "decision", accept ? "accepted" : "rejected", "amount", plain(amount), "by", officer));
                LogEntryWriter.append(c, List.of(new NewLogEntry(LOG_KIND_DECISION, id.toString(), entry)));
                c.commit();
            } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot decide claim " + id + ": " + e.getMessage(), e);
        }
        return find(id).orElseThrow();
    }

    public Optional<Claim> find(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT k.*, a.remaining_cover FROM claim k JOIN cover_account a ON a.serial = k.certificate_serial WHERE k.id = ?")) {
            q.setObject(1, id);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> evidence = List.of(JSON.readValue(rs.getString("evidence"), String[].class));
                java.sql.Timestamp decided = rs.getTimestamp("decided_at");
                return Optional.of(new Claim(id, rs.getString("certificate_serial"), rs.getString("claimant_subject"),
                        rs.getString("currency").trim(), strip(rs.getBigDecimal("amount")), rs.getString("grounds"), evidence,
                        rs.getString("status"), rs.getTimestamp("filed_at").toInstant(),
                        decided == null ? null : decided.toInstant(), rs.getString("decision_note"),
                        strip(rs.getBigDecimal("remaining_cover"))));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Cannot read claim " + id + ": " + e.getMessage(), e);
        }
    }

    /** Per currency: cover outstanding on unexpired, unrevoked certificates, paid, and pending. */
    public List<Exposure> exposure() {
        String sql = """
                WITH live AS (
                  SELECT c.cover_currency AS currency,
                         coalesce(a.remaining_cover, c.cover_amount * power(10::numeric, c.cover_exponent)) AS outstanding
                  FROM certificate c LEFT JOIN cover_account a ON a.serial = c.serial
                  WHERE c.status = 'good' AND c.not_after > now() AND c.profile <> 'ocsp'),
                paid AS (SELECT currency, sum(cover - remaining_cover) AS paid FROM cover_account GROUP BY currency),
                pending AS (SELECT currency, sum(amount) AS pending, count(*) AS n FROM claim WHERE status = 'pending' GROUP BY currency),
                currencies AS (SELECT currency FROM live UNION SELECT currency FROM paid UNION SELECT currency FROM pending)
                SELECT k.currency,
                       (SELECT count(*) FROM live l WHERE l.currency = k.currency) AS certificates,
                       (SELECT coalesce(sum(outstanding), 0) FROM live l WHERE l.currency = k.currency) AS outstanding,
                       coalesce((SELECT paid FROM paid p WHERE p.currency = k.currency), 0) AS paid,
                       coalesce((SELECT pending FROM pending p WHERE p.currency = k.currency), 0) AS pending,
                       coalesce((SELECT n FROM pending p WHERE p.currency = k.currency), 0) AS pending_claims
                FROM currencies k ORDER BY k.currency""";
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
            List<Exposure> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Exposure(rs.getString(1).trim(), rs.getLong(2), strip(rs.getBigDecimal(3)), strip(rs.getBigDecimal(4)),
                        strip(rs.getBigDecimal(5)), rs.getLong(6)));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compute the exposure: " + e.getMessage(), e);
        }
    }

    private static void ensureAccount(Connection c, String serial) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cover_account (serial, currency, cover, remaining_cover) "
                + "SELECT serial, cover_currency, cover_amount * power(10::numeric, cover_exponent), "
                + "cover_amount * power(10::numeric, cover_exponent) FROM certificate WHERE serial = ? ON CONFLICT DO NOTHING")) {
            insert.setString(1, serial);
            insert.executeUpdate();
        }
    }

    private static BigDecimal remaining(Connection c, String serial, boolean lock) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT remaining_cover FROM cover_account WHERE serial = ?"
                + (lock ? " FOR SHARE" : ""))) {
            q.setString(1, serial);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private static JsonNode payloadOf(String statementJson) {
        try {
            return org.semper.evidence.statement.SignedStatement.parse(statementJson).payload();
        } catch (org.semper.evidence.statement.MalformedStatementException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Not a signed statement: " + e.getMessage());
        }
    }

    private static BigDecimal strip(BigDecimal value) {
        return value == null ? null : new BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
