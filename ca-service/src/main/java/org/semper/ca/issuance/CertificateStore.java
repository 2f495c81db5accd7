package org.semper.ca.issuance;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.ca.cover.Cover;
import org.semper.runtime.log.LogEntryWriter;
import org.semper.runtime.log.NewLogEntry;

/** The certificate table. Issuance and its transparency-log entry commit together. */
@ApplicationScoped
public class CertificateStore {

    /** Log entry kind of an issued certificate; the entry is the certificate's DER. */
    public static final String LOG_KIND_ISSUED = "ca-certificate";

    private static final String COLUMNS = "serial, subject, profile, cover_currency, cover_amount, cover_exponent, "
            + "not_before, not_after, der, revoked_at, revocation_reason";

    private final DataSource dataSource;

    @Inject
    public CertificateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an issued certificate and appends it to the transparency log, in one transaction on {@code c}. */
    public void insert(Connection c, CertificateRecord r) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO certificate (serial, subject, profile, cover_currency, "
                + "cover_amount, cover_exponent, not_before, not_after, der) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, r.serialHex());
            insert.setString(2, r.subject());
            insert.setString(3, r.profile());
            insert.setString(4, r.cover().currency());
            insert.setInt(5, r.cover().amount());
            insert.setInt(6, r.cover().exponent());
            insert.setTimestamp(7, Timestamp.from(r.notBefore()));
            insert.setTimestamp(8, Timestamp.from(r.notAfter()));
            insert.setBytes(9, r.der());
            insert.executeUpdate();
        }
        LogEntryWriter.append(c, List.of(new NewLogEntry(LOG_KIND_ISSUED, r.serialHex(), r.der())));
    }

    /** Inserts in a transaction of its own. */
    public void insert(CertificateRecord r) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                insert(c, r);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot record certificate " + r.serialHex() + ": " + e.getMessage(), e);
        }
    }

    public Optional<CertificateRecord> find(BigInteger serial) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM certificate WHERE serial = ?")) {
            q.setString(1, serial.toString(16));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read certificate " + serial.toString(16) + ": " + e.getMessage(), e);
        }
    }

    /** Every revoked certificate that has not expired, oldest revocation first (the CRL's entries). */
    public List<CertificateRecord> revokedUnexpired() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM certificate WHERE status = 'revoked' AND not_after > now() ORDER BY revoked_at, serial")) {
            List<CertificateRecord> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list revoked certificates: " + e.getMessage(), e);
        }
    }

    static CertificateRecord read(ResultSet rs) throws SQLException {
        Timestamp revokedAt = rs.getTimestamp("revoked_at");
        int reason = rs.getInt("revocation_reason");
        Integer revocationReason = rs.wasNull() ? null : reason;
        return new CertificateRecord(new BigInteger(rs.getString("serial"), 16), rs.getString("subject"),
                rs.getString("profile"), new Cover(rs.getString("cover_currency").trim(), rs.getInt("cover_amount"),
                        rs.getInt("cover_exponent")),
                rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(), rs.getBytes("der"),
                revokedAt == null ? null : revokedAt.toInstant(), revocationReason);
    }

    public DataSource dataSource() {
        return dataSource;
    }
}
