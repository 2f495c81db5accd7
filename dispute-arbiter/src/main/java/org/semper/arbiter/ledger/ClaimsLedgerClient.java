package org.semper.arbiter.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.dispute.EventKind;
import org.semper.arbiter.keys.ArbiterKeys;
import org.semper.evidence.verdict.Decision;
import org.semper.evidence.verdict.Liability;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Files a claim with the CA's claims ledger ({@code POST <ca>/api/v1/claims}, ca-service README) when the liable
 * party's certificate states a cover: a statement of type {@code semper-ca-claim} signed by the arbiter, for the
 * covered amount, with the transcript as evidence. The ledger's claim id is recorded with the dispute; a refusal or
 * an unreachable ledger is recorded as an event (the officer can still be given the transcript).
 */
@ApplicationScoped
public class ClaimsLedgerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<URI> ledger;
    private final ArbiterKeys keys;
    private final Disputes disputes;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Inject
    public ClaimsLedgerClient(ArbiterConfig config, ArbiterKeys keys, Disputes disputes) {
        this.ledger = config.ledger().url();
        this.keys = keys;
        this.disputes = disputes;
    }

    public void fileIfCovered(UUID dispute, String transcriptId, Decision decision) {
        Optional<Liability> liability = decision.liability();
        if (liability.isEmpty() || liability.get().cover().isEmpty() || liability.get().coveredAmount().signum() <= 0) {
            return;
        }
        if (ledger.isEmpty()) {
            disputes.event(dispute, EventKind.LEDGER_CLAIM_FAILED, "the liable party's certificate states a cover, but "
                    + "no claims ledger is configured (semper.arbiter.ledger.url)", null);
            return;
        }
        Liability.Cover cover = liability.get().cover().get();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("certificateSerial", cover.serial());
        payload.put("amount", liability.get().coveredAmount().toPlainString());
        payload.put("currency", liability.get().currency());
        payload.put("grounds", "arbitration " + dispute + ": " + decision.claim().type().code() + " upheld against "
                + liability.get().role() + " " + liability.get().party());
        payload.put("evidence", List.of("arbitration:transcript:" + transcriptId, "arbitration:dispute:" + dispute));
        String statement = keys.signer().sign("semper-ca-claim", payload).toJson();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ledger.get().resolve("/api/v1/claims"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(statement)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 201) {
                String id = JSON.readTree(response.body()).path("id").asText();
                disputes.ledgerClaim(dispute, id, "claim " + id + " filed with " + ledger.get() + " against certificate "
                        + cover.serial() + " for " + liability.get().coveredAmount().toPlainString() + " "
                        + liability.get().currency());
            } else {
                disputes.event(dispute, EventKind.LEDGER_CLAIM_FAILED, "the claims ledger answered HTTP "
                        + response.statusCode() + ": " + abbreviate(response.body()), null);
            }
        } catch (java.io.IOException | RuntimeException e) {
            disputes.event(dispute, EventKind.LEDGER_CLAIM_FAILED, "the claims ledger " + ledger.get()
                    + " could not be reached: " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
