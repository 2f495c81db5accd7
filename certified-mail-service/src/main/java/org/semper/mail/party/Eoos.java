package org.semper.mail.party;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.mail.keys.MailTtp;
import org.semper.mail.problem.MailProblem;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads and verifies EOOs ({@code protocols.md} §3) for this TTP. */
@ApplicationScoped
public class Eoos {

    private static final Pattern DIGEST = Pattern.compile("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    private final PartyStatements statements;
    private final MailTtp ttp;

    @Inject
    public Eoos(PartyStatements statements, MailTtp ttp) {
        this.statements = statements;
        this.ttp = ttp;
    }

    /**
     * Verifies an EOO and that {@code ek} is the escrow it commits to.
     *
     * @throws ProblemException {@code malformed}, {@code bad-signature}, {@code certificate-*},
     *                          {@code signer-not-party}, {@code wrong-ttp}, {@code escrow-mismatch}
     */
    public Eoo verify(String json, byte[] ek) {
        VerifiedStatement statement = statements.verify(json, "eoo");
        ObjectNode p = statement.payload();
        String sender = digest(p, "sender");
        String recipient = digest(p, "recipient");
        if (sender.equals(recipient)) {
            throw malformed("the EOO names the same certificate as sender and recipient");
        }
        if (!sender.equals(statement.signerId())) {
            throw new ProblemException(MailProblem.SIGNER_NOT_PARTY, "The EOO is not signed with the certificate of the sender it names");
        }
        JsonNode named = p.get("ttp");
        if (named == null || !named.isObject() || !ttp.url().equals(named.path("url").asText())
                || !ttp.certSha256().equals(named.path("certSha256").asText())) {
            throw new ProblemException(MailProblem.WRONG_TTP, "The EOO names another TTP than " + ttp.url());
        }
        Eoo eoo = new Eoo(statement, statement.id(), sender, recipient, text(p, "subject"), digest(p, "hashCipher"),
                digest(p, "escrow"), digest(p, "keyCommit"), deadline(p));
        if (!Fingerprints.h(ek).equals(eoo.escrowHash())) {
            throw new ProblemException(MailProblem.ESCROW_MISMATCH, "h(ek) is not the EOO's escrow");
        }
        return eoo;
    }

    private static Optional<Instant> deadline(ObjectNode p) {
        if (!p.has("deadline")) {
            return Optional.empty();
        }
        String value = text(p, "deadline");
        try {
            if (TIME.matcher(value).matches()) {
                return Optional.of(Instant.parse(value));
            }
        } catch (DateTimeException e) {
            // falls through
        }
        throw malformed("\"deadline\" is not a UTC time YYYY-MM-DDThh:mm:ssZ");
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw malformed("\"" + name + "\" is missing or not a non-empty string");
        }
        return value.textValue();
    }

    private static String digest(JsonNode node, String name) {
        String value = text(node, name);
        if (!DIGEST.matcher(value).matches()) {
            throw malformed("\"" + name + "\" is not a base64url SHA-256 value");
        }
        return value;
    }

    private static ProblemException malformed(String detail) {
        return new ProblemException(MailProblem.MALFORMED, detail);
    }
}
