package org.semper.mail.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.mail.testing.Checks.assertInLog;
import static org.semper.mail.testing.Checks.statementAt;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.evidence;
import static org.semper.mail.testing.MailClient.letter;
import static org.semper.mail.testing.MailClient.receipt;
import static org.semper.mail.testing.MailClient.submit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.TimeSource;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailParty;
import org.semper.mail.testing.TtpEvidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Every piece of relay evidence gets its signature time-stamp (JAdES B-T) after it is issued, from ttp-runtime's
 * stamping job, and keeps its id: the evidence answer serves the B-T form afterwards, and that form is logged.
 */
@QuarkusTest
class RelayEvidenceStampingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void relayEvidenceIsTimeStampedAfterwardsWithTheSameId() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "stamp my evidence");
        Response submitted = submit(letter);
        submitted.then().statusCode(201);
        SignedStatement acceptance = SignedStatement.parse(statementAt(submitted.asString(), "evidence"));
        assertThat(acceptance.signatureTimeStamps()).as("issued B-B, not waiting for the TSA").isEmpty();
        Response handedOver = receipt(letter.id(), eor(recipient, letter.eoo()));
        handedOver.then().statusCode(200);
        SignedStatement handover = SignedStatement.parse(statementAt(handedOver.asString(), "evidence"));

        Map<String, SignedStatement> served = servedEvidence(sender, letter.id());
        long until = System.currentTimeMillis() + 30_000;
        while (served.values().stream().anyMatch(s -> s.signatureTimeStamps().isEmpty())
                && System.currentTimeMillis() < until) {
            Thread.sleep(250);
            served = servedEvidence(sender, letter.id());
        }
        assertThat(served).containsOnlyKeys("SubmissionAcceptance", "ContentConsignment", "ContentHandover");
        for (Map.Entry<String, SignedStatement> piece : served.entrySet()) {
            SignedStatement stamped = piece.getValue();
            assertThat(stamped.signatureTimeStamps()).as(piece.getKey() + " gets its signature time-stamp").hasSize(1);
            assertThat(TtpEvidence.validate(stamped.toJson()).timeSource()).hasValue(TimeSource.TIMESTAMPED);
            assertInLog(stamped.toJson());
        }
        assertThat(served.get("SubmissionAcceptance").id()).isEqualTo(acceptance.id());
        assertThat(served.get("SubmissionAcceptance").compact()).isEqualTo(acceptance.compact());
        assertThat(served.get("ContentHandover").id()).isEqualTo(handover.id());
        // a retried submission is answered with the stored evidence, now in its B-T form
        Response again = submit(letter);
        again.then().statusCode(200);
        SignedStatement retried = SignedStatement.parse(statementAt(again.asString(), "evidence"));
        assertThat(retried.id()).isEqualTo(acceptance.id());
        assertThat(retried.signatureTimeStamps()).hasSize(1);
    }

    private static Map<String, SignedStatement> servedEvidence(MailParty party, String id) throws Exception {
        JsonNode all = JSON.readTree(evidence(party, id).then().statusCode(200).extract().asString());
        Map<String, SignedStatement> pieces = new LinkedHashMap<>();
        for (JsonNode item : all.get("evidence")) {
            pieces.put(item.get("event").asText(), SignedStatement.parse(item.get("statement").toString()));
        }
        return pieces;
    }
}
