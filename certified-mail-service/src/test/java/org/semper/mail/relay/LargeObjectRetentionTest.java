package org.semper.mail.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.mail.testing.Checks.problem;
import static org.semper.mail.testing.MailClient.content;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.letter;
import static org.semper.mail.testing.MailClient.receipt;
import static org.semper.mail.testing.MailClient.submit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailParty;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.junit.QuarkusTest;

/** The default storage: a ciphertext is a large object, unlinked by the retention job (run here for a later "now"). */
@QuarkusTest
class LargeObjectRetentionTest {

    @Inject
    RelayJobs jobs;

    @Test
    void largeObjectIsUnlinkedAfterRetentionAndOnlyThen() throws Exception {
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(MailParty.create("Sender"), recipient, "kept for a week");
        submit(letter).then().statusCode(201);
        receipt(letter.id(), eor(recipient, letter.eoo())).then().statusCode(200);
        long oid = contentOid(letter.id());
        assertThat(largeObjectExists(oid)).isTrue();

        jobs.runOnce(Instant.now().plus(Duration.ofDays(6)));
        content(recipient, letter.id()).then().statusCode(200);
        assertThat(largeObjectExists(oid)).isTrue();

        jobs.runOnce(Instant.now().plus(Duration.ofDays(7)).plusSeconds(60));
        assertThat(largeObjectExists(oid)).as("unlinked after handover + P7D").isFalse();
        problem(content(recipient, letter.id()), 410, "content-deleted");
    }

    private static long contentOid(String exchangeId) throws Exception {
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement("SELECT content_oid FROM mail_message WHERE exchange_id = ?")) {
            q.setString(1, exchangeId);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static boolean largeObjectExists(long oid) throws Exception {
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_largeobject_metadata WHERE oid = ?::oid")) {
            q.setLong(1, oid);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
