package org.semper.mail.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.tlog.MerkleHash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/** Assertions shared by the endpoint tests: problem documents, relay evidence, transparency-log entries. */
public final class Checks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Checks() {
    }

    /** Checks a piece of relay evidence (signature, chain, labels, exchange, parties) and returns its payload. */
    public static JsonNode relayEvidence(String json, String member, String event, String id, MailParty sender, MailParty recipient)
            throws Exception {
        SignedStatement statement = TtpEvidence.verify(statementAt(json, member));
        assertThat(statement.type()).isEqualTo("semper-cm/1/relay-evidence");
        JsonNode payload = statement.payload();
        assertThat(payload.get("protocol").asText()).isEqualTo("semper-cm/1");
        assertThat(payload.get("msg").asText()).isEqualTo("relay-evidence");
        assertThat(payload.get("event").asText()).isEqualTo(event);
        assertThat(payload.get("eoo").asText()).isEqualTo(id);
        assertThat(payload.get("sender").asText()).isEqualTo(sender.id());
        assertThat(payload.get("recipient").asText()).isEqualTo(recipient.id());
        return payload;
    }

    public static String statementAt(String json, String member) throws Exception {
        return SignedStatement.parse(JSON.readTree(json).get(member).toString()).toJson();
    }

    /** The statement is a transparency-log entry (exact bytes), shown by an inclusion proof once sequenced. */
    public static void assertInLog(String statement) throws Exception {
        String leaf = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MerkleHash.leaf(statement.getBytes(StandardCharsets.UTF_8)));
        long deadline = System.currentTimeMillis() + 10_000;
        int status;
        do {
            status = given().queryParam("hash", leaf).get("/log/proof/inclusion").statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("statement not in the log (last status " + status + ")");
    }

    public static void problem(Response response, int status, String code) {
        response.then().statusCode(status).contentType("application/problem+json");
        assertThat(response.jsonPath().getString("code")).isEqualTo(code);
    }

}
