package org.semper.mail.api;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.semper.mail.testing.Checks.problem;
import static org.semper.mail.testing.Checks.relayEvidence;
import static org.semper.mail.testing.MailClient.content;
import static org.semper.mail.testing.MailClient.eor;
import static org.semper.mail.testing.MailClient.evidence;
import static org.semper.mail.testing.MailClient.letter;
import static org.semper.mail.testing.MailClient.receipt;
import static org.semper.mail.testing.MailClient.submit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.semper.mail.testing.MailClient;
import org.semper.mail.testing.MailClient.Letter;
import org.semper.mail.testing.MailParty;
import org.semper.mail.testing.TtpEvidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Ciphertexts kept in a directory instead of large objects, with a retention of two seconds: deleted after
 * handover plus retention while the evidence stays; and stored content that no longer matches its hash is never
 * handed over (ContentHandoverFailure: the receipt is void). Also the production default for webhooks: no
 * addresses inside the service's network.
 */
@QuarkusTest
@TestProfile(DirectoryStorageTest.ShortRetentionInADirectory.class)
class DirectoryStorageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static class ShortRetentionInADirectory implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("semper.mail.relay.storage", "directory",
                    "semper.mail.relay.directory", "${semper.test.data-dir}/content",
                    "semper.mail.relay.retention", "PT2S",
                    "semper.mail.webhook.allow-private-addresses", "false");
        }
    }

    private static Path directory() {
        return ConfigProvider.getConfig().getValue("semper.mail.relay.directory", Path.class);
    }

    @Test
    void contentIsDeletedAfterHandoverPlusRetentionAndTheEvidenceStays() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "read me once");
        submit(letter).then().statusCode(201);
        Path stored = directory().resolve(letter.id() + ".bin");
        assertThat(stored).exists();
        assertThat(Files.readAllBytes(stored)).isEqualTo(letter.content().ciphertext());
        receipt(letter.id(), eor(recipient, letter.eoo())).then().statusCode(200);
        content(recipient, letter.id()).then().statusCode(200);

        long until = System.currentTimeMillis() + 30_000;
        while (Files.exists(stored) && System.currentTimeMillis() < until) {
            Thread.sleep(250);
        }
        assertThat(stored).as("deleted after retention").doesNotExist();
        problem(content(recipient, letter.id()), 410, "content-deleted");
        JsonNode all = JSON.readTree(evidence(sender, letter.id()).then().statusCode(200).extract().asString());
        assertThat(all.get("contentDeleted")).isNotNull();
        assertThat(all.get("evidence").findValuesAsText("event"))
                .containsExactly("SubmissionAcceptance", "ContentConsignment", "ContentHandover");
        all.get("evidence").forEach(item -> TtpEvidence.verify(item.get("statement").toString()));
        TtpEvidence.verify(all.get("token").toString());
    }

    @Test
    void webhooksIntoThePrivateNetworkAreRefused() {
        MailParty recipient = MailParty.create("Recipient");
        for (String url : new String[] { "http://127.0.0.1:8080/hook", "http://10.1.2.3/hook", "http://localhost/hook" }) {
            problem(given().contentType("application/json").body(MailClient.request(recipient, "webhook-request",
                    Map.of("url", url))).post("/api/v1/mail/webhooks"), 400, "bad-webhook");
        }
    }

    @Test
    void alteredStoredContentIsNotHandedOverAndVoidsTheReceipt() throws Exception {
        MailParty sender = MailParty.create("Sender");
        MailParty recipient = MailParty.create("Recipient");
        Letter letter = letter(sender, recipient, "fragile");
        submit(letter).then().statusCode(201);
        Files.write(directory().resolve(letter.id() + ".bin"), new byte[] { 1, 2, 3 });
        Response failed = receipt(letter.id(), eor(recipient, letter.eoo()));
        problem(failed, 409, "handover-failed");
        JsonNode payload = relayEvidence(failed.asString(), "token", "ContentHandoverFailure", letter.id(), sender, recipient);
        assertThat(payload.get("reason").asText()).isEqualTo("content-unavailable");
        problem(content(recipient, letter.id()), 409, "no-receipt");
        assertThat(evidence(sender, letter.id()).jsonPath().getString("state")).isEqualTo("handover-failed");
    }
}
