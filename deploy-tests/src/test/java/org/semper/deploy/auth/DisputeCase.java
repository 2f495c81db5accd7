package org.semper.deploy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.verdict.Claim;
import org.semper.evidence.verdict.ClaimType;
import org.semper.runtime.keys.CertificatePem;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A dispute at the running arbiter, as a claimant files it and the decision job decides it: two parties of a CA the
 * arbiter trusts ({@link #ANCHOR_ENV}) sign a semper-cs/1 exchange, the originator files a contract-binding claim
 * with its bundle, and the arbiter, with no relay (no notice: the response window runs from filing), a short window
 * and no TTP to ask, decides it and signs its transcript. What the court endpoints serve.
 */
final class DisputeCase {

    /** The arbiter's settings for such cases (besides its trust anchors). */
    static final Map<String, String> ARBITER_SETTINGS = Map.of(
            // No certified-mail relay, TTP, claims ledger or TSA here: the decision rests on the bundle alone.
            "SEMPER_ARBITER_NOTICE_RELAY_URL", "",
            "SEMPER_ARBITER_TTPS_TRUSTED", "",
            "SEMPER_ARBITER_LEDGER_URL", "",
            "SEMPER_ARBITER_TIME_STAMPING_ENABLED", "false",
            "SEMPER_ARBITER_DISPUTES_RESPONSE_WINDOW", "PT2S",
            "SEMPER_ARBITER_DISPUTES_DECISION_INTERVAL", "1s");

    /** The case of this test run (its parties' CA is the one the arbiter is started to trust). */
    static final DisputeCase CASE = new DisputeCase();

    private final CasePki parties = new CasePki("Semper E2E Dispute Parties");

    /** The arbiter's settings: its trust anchors are its local anchor (its own key) and the parties' CA (in {@code dir}). */
    Map<String, String> arbiterSettings(Path dir) {
        try {
            Path anchor = dir.resolve("dispute-parties-root.pem");
            Files.writeString(anchor, CertificatePem.encode(List.of(parties.root().certificate())), StandardCharsets.US_ASCII);
            Map<String, String> settings = new java.util.HashMap<>(ARBITER_SETTINGS);
            settings.put("SEMPER_ARBITER_TRUST_ANCHORS", "${semper.local.trust-anchor}," + anchor);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files the case at the arbiter and waits (asking as a court) until it is decided; returns the dispute's id. */
    String fileAndAwaitDecision(KeycloakAuthIT test, String courtToken) {
        CasePki.Party originator = parties.party("E2E Originator", null);
        CasePki.Party responder = parties.party("E2E Responder", null);
        TtpIdentity ttp = TtpIdentity.of("https://notary.e2e.example", parties.party("E2E Notary", null).certificate());
        Instant at = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        SignedStatement me1 = ContractMessages.me1(originator.signer(at), responder.certificate(), ttp,
                ContractTerms.text("text/plain", "E2E: R buys O's bicycle for 100 EUR."), Hashes.random32(), Optional.empty());
        SignedStatement me2 = ContractMessages.me2(responder.signer(at.plusSeconds(1)), me1, Hashes.random32());
        EvidenceBundle bundle = EvidenceBundle.builder().add(ItemRole.ME1, me1, "").add(ItemRole.ME2, me2, "")
                .add(ItemRole.CRL, "application/pkix-crl", CasePki.der(parties.crl(Instant.now().minus(1, ChronoUnit.MINUTES))),
                        "the parties' CA's CRL")
                .sign(originator.signer(Instant.now().minusSeconds(30)));
        SignedStatement claim = originator.sign(Claim.TYPE, Claim.payload(ClaimType.CONTRACT_BINDING, responder.fingerprint(),
                "100.00", "EUR", me1.id(), bundle.id(), null, "end-to-end test claim"), Instant.now().minus(5, ChronoUnit.MINUTES));

        PackagedService arbiter = test.service("dispute-arbiter");
        HttpResponse<String> filed = test.call("POST", arbiter.url("/api/v1/disputes"), null,
                "{\"claim\":" + claim.toJson() + ",\"bundle\":" + new String(bundle.toJson(), StandardCharsets.UTF_8) + "}");
        assertThat(filed.statusCode()).as("filing: " + filed.body()).isEqualTo(201);
        String id = KeycloakAuthIT.read(filed).get("id").asText();

        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        JsonNode dispute;
        do {
            LocalProcess.sleep(1000);
            HttpResponse<String> r = test.call("GET", arbiter.url("/api/v1/disputes/" + id), courtToken, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            dispute = KeycloakAuthIT.read(r);
        } while (!"decided".equals(dispute.path("state").asText()) && Instant.now().isBefore(deadline));
        assertThat(dispute.path("state").asText()).as("dispute " + id + " decided: " + dispute).isEqualTo("decided");
        return id;
    }
}
