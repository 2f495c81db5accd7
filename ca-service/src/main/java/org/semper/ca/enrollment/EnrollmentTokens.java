package org.semper.ca.enrollment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.semper.ca.cover.Cover;
import org.semper.ca.issuance.IssuanceProblem;
import org.semper.ca.issuance.Issuance;
import org.semper.ca.profile.ResolvedProfile;
import org.semper.runtime.problem.ProblemException;

/**
 * One-time enrollment tokens: a registration officer vets an identity and hands out a token bound to a subject and
 * a profile (optionally with a raised cover). Only the token's SHA-256 is stored; using it is atomic with the
 * issuance it authorises.
 */
@ApplicationScoped
public class EnrollmentTokens {

    /** What an officer authorised. */
    public record Grant(String subject, String profile, Optional<Cover> raisedCover, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    @Inject
    public EnrollmentTokens(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates a token; returns it in clear (shown once, never stored). */
    public String create(X500Name subject, ResolvedProfile profile, Optional<Cover> raisedCover, Duration validity, String officer) {
        raisedCover.ifPresent(c -> RaisedCover.check(profile, c));
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO enrollment_token (token_hash, subject, profile, cover_amount, cover_exponent, created_by, expires_at, cover_currency) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setBytes(1, hash(token));
            insert.setString(2, Issuance.subjectText(subject));
            insert.setString(3, profile.id());
            if (raisedCover.isPresent()) {
                insert.setInt(4, raisedCover.get().amount());
                insert.setInt(5, raisedCover.get().exponent());
            } else {
                insert.setNull(4, java.sql.Types.INTEGER);
                insert.setNull(5, java.sql.Types.INTEGER);
            }
            insert.setString(6, officer);
            insert.setTimestamp(7, Timestamp.from(Instant.now().plus(validity)));
            insert.setString(8, raisedCover.map(Cover::currency).orElse(null));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the enrollment token: " + e.getMessage(), e);
        }
        return token;
    }

    /** Checks a token without using it (so that a caller without a valid token learns nothing about its CSR). */
    public Grant check(String token, String profile) {
        try (Connection c = dataSource.getConnection()) {
            return check(c, token, profile, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read enrollment tokens: " + e.getMessage(), e);
        }
    }

    /**
     * Marks the token used for {@code certificateSerial}, in the issuance transaction {@code c}, after checking it
     * again under a row lock (two concurrent uses: one wins, the other gets 409).
     */
    public Grant use(Connection c, String token, String subject, String profile, String certificateSerial) throws SQLException {
        Grant grant = check(c, token, profile, true);
        if (!grant.subject().equals(subject)) {
            throw new ProblemException(EnrollmentProblem.SUBJECT_NOT_ALLOWED, "The token was issued for the subject \""
                    + grant.subject() + "\", the request names \"" + subject + "\"");
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE enrollment_token SET used_at = now(), certificate_serial = ? WHERE token_hash = ?")) {
            update.setString(1, certificateSerial);
            update.setBytes(2, hash(token));
            update.executeUpdate();
        }
        return grant;
    }

    private Grant check(Connection c, String token, String profile, boolean lock) throws SQLException {
        if (token == null || token.isBlank()) {
            throw new ProblemException(EnrollmentProblem.TOKEN_REQUIRED, "Give the enrollment token you received from a registration officer");
        }
        try (PreparedStatement q = c.prepareStatement("SELECT subject, profile, cover_currency, cover_amount, cover_exponent, expires_at, used_at "
                + "FROM enrollment_token WHERE token_hash = ?" + (lock ? " FOR UPDATE" : ""))) {
            q.setBytes(1, hash(token));
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next() || rs.getTimestamp("expires_at").toInstant().isBefore(Instant.now())) {
                    throw new ProblemException(EnrollmentProblem.TOKEN_INVALID, "The enrollment token is unknown or has expired");
                }
                if (rs.getTimestamp("used_at") != null) {
                    throw new ProblemException(EnrollmentProblem.TOKEN_USED, "The enrollment token was used at "
                            + rs.getTimestamp("used_at").toInstant() + "; ask the registration officer for a new one");
                }
                if (!rs.getString("profile").equals(profile)) {
                    throw new ProblemException(IssuanceProblem.PROFILE_NOT_ALLOWED, "The enrollment token is for profile "
                            + rs.getString("profile") + ", not " + profile);
                }
                int amount = rs.getInt("cover_amount");
                Optional<Cover> cover = rs.wasNull() ? Optional.empty() : Optional.of(new Cover(rs.getString("cover_currency").trim(), amount, rs.getInt("cover_exponent")));
                return new Grant(rs.getString("subject"), rs.getString("profile"), cover, rs.getTimestamp("expires_at").toInstant());
            }
        }
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
