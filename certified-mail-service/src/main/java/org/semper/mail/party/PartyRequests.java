package org.semper.mail.party;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeReason;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.statement.SignedStatement;
import org.semper.mail.MailConfig;
import org.semper.mail.keys.MailTtp;
import org.semper.mail.problem.MailProblem;
import org.semper.mail.problem.MailProblems;
import org.semper.mail.relay.Transactions;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Signed requests by which a party proves who it is to the relay (README "Party requests"): a statement of the
 * party, {@code typ semper-cm/1/<msg>}, payload {@code {protocol: "semper-cm/1", msg, ttp, nonce}} plus the members
 * of the request. The requester's identity is its certificate's fingerprint, as in EOOs. A request is accepted if
 * it names this TTP, was signed within {@code semper.mail.requests.max-age} of now, has not been used before (its
 * id is recorded until it could no longer be accepted anyway), and its signature and certificate are valid.
 */
@ApplicationScoped
public class PartyRequests {

    /** List the recipient's pending messages. */
    public static final String INBOX = "inbox-request";
    /** Fetch the ciphertext of a handed-over message ({@code eoo}). */
    public static final String CONTENT = "content-request";
    /** Fetch every piece of evidence of a message ({@code eoo}). */
    public static final String EVIDENCE = "evidence-request";
    /** Register (or, with {@code url: ""}, remove) the recipient's webhook ({@code url}). */
    public static final String WEBHOOK = "webhook-request";

    private static final Set<String> BASE = Set.of("protocol", "msg", "ttp", "nonce");

    private final DataSource dataSource;
    private final PartyStatements statements;
    private final MailTtp ttp;
    private final Duration maxAge;

    @Inject
    public PartyRequests(DataSource dataSource, PartyStatements statements, MailTtp ttp, MailConfig config) {
        this.dataSource = dataSource;
        this.statements = statements;
        this.ttp = ttp;
        this.maxAge = config.requests().maxAge();
    }

    /**
     * Verifies a request labelled {@code msg} carrying exactly the further {@code members}, and records it as used.
     *
     * @throws ProblemException {@code malformed}, {@code wrong-protocol}, {@code wrong-label}, {@code wrong-ttp},
     *                          {@code stale-request}, {@code bad-signature}, {@code certificate-*}, {@code replayed}
     */
    public PartyRequest verify(String json, String msg, String... members) {
        SignedStatement statement = PartyStatements.parse(json, "the request");
        Set<String> required = new HashSet<>(BASE);
        required.addAll(Set.of(members));
        try {
            ObjectNode payload = Payloads.expect(statement, ExchangeProtocol.CERTIFIED_MAIL, msg);
            Payloads.members(payload, msg, required, Set.of());
            Payloads.bytes32(payload, "nonce");
            for (String member : members) {
                if (!payload.get(member).isTextual()) {
                    throw new ExchangeRejection(ExchangeReason.MALFORMED, "\"" + member + "\" is not a string");
                }
            }
            JsonNode named = payload.get("ttp");
            if (!named.isObject() || !ttp.identity().url().equals(named.path("url").asText())
                    || !ttp.identity().certSha256().equals(named.path("certSha256").asText()) || named.size() != 2) {
                throw new ExchangeRejection(ExchangeReason.WRONG_TTP, "the request is addressed to another TTP than "
                        + ttp.identity().url());
            }
        } catch (ExchangeRejection e) {
            throw MailProblems.of(e);
        }
        Instant now = Instant.now();
        Instant signed = statement.claimedSigningTime();
        if (signed.isBefore(now.minus(maxAge)) || signed.isAfter(now.plus(maxAge))) {
            throw new ProblemException(MailProblem.STALE_REQUEST, "The request was signed at " + signed
                    + "; this service accepts requests signed within " + maxAge + " of its time " + now);
        }
        statements.requireValid(statement, "the request");
        boolean fresh = Transactions.run(dataSource, c -> remember(c, statement.id(), signed.plus(maxAge)));
        if (!fresh) {
            throw new ProblemException(MailProblem.REPLAYED, "The request " + statement.id() + " was used before");
        }
        return new PartyRequest(statement, Hashes.fingerprint(statement.signerCertificate()));
    }

    private static boolean remember(Connection c, String requestId, Instant expiresAt) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO mail_request_seen (request_id, expires_at) "
                + "VALUES (?, ?) ON CONFLICT (request_id) DO NOTHING")) {
            insert.setString(1, requestId);
            insert.setTimestamp(2, Timestamp.from(expiresAt));
            return insert.executeUpdate() == 1;
        }
    }

    /** Forgets requests that are too old to be accepted anyway. */
    public static int forgetExpired(Connection c, Instant now) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM mail_request_seen WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now));
            return delete.executeUpdate();
        }
    }
}
