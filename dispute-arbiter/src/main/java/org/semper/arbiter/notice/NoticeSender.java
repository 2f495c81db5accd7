package org.semper.arbiter.notice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.keys.ArbiterKeys;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.CanonicalJson;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.scheduler.Scheduled;

/**
 * Due-process notice by certified mail: the arbiter, as sender of a {@code semper-cm/1} relay message, seals the notice
 * (dispute, claim, deadline, where to answer) to the respondent's certificate and submits it to the relay; the
 * relay's SubmissionAcceptance is the notice's evidence and starts the response window. If the relay cannot be
 * reached or refuses, the event says so and the notice is retried. Later rounds collect the relay's delivery evidence
 * (ContentHandover) for the record.
 */
@ApplicationScoped
public class NoticeSender {
    private static final Logger LOG = Logger.getLogger(NoticeSender.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArbiterConfig config;
    private final Disputes disputes;
    private final ArbiterKeys keys;
    private final Optional<MailRelayClient> relay;

    @Inject
    public NoticeSender(ArbiterConfig config, Disputes disputes, ArbiterKeys keys) {
        this.config = config;
        this.disputes = disputes;
        this.keys = keys;
        this.relay = config.notice().relayUrl().map(url -> new MailRelayClient(url, config.notice().timeout()));
    }

    @Scheduled(every = "${semper.arbiter.notice.interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void round() {
        if (relay.isEmpty()) {
            return;
        }
        for (Disputes.DueNotice due : disputes.dueNotices(20)) {
            send(due.dispute());
        }
        for (String[] submitted : disputes.undeliveredNotices()) {
            collectDelivery(UUID.fromString(submitted[0]), submitted[1]);
        }
    }

    /** Sends one notice; on failure records the event and schedules the retry. */
    public void send(UUID id) {
        DisputeRecord dispute = disputes.find(id).orElseThrow();
        Instant respondBy = Instant.now().plus(config.disputes().responseWindow()).truncatedTo(ChronoUnit.SECONDS);
        try {
            MailRelayClient.Relay mail = relay.get().relay();
            X509Certificate respondent = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new java.io.ByteArrayInputStream(dispute.respondentCertificate().orElseThrow()));
            SealedContent sealed = CertifiedMailMessages.seal(notice(dispute, respondBy), mail.escrowKey(),
                    keys.key().certificate(), respondent);
            SignedStatement eoo = CertifiedMailMessages.eoo(keys.signer(), respondent, mail.identity(),
                    "Notice of dispute " + id, sealed, Optional.empty());
            JsonNode answer = relay.get().submit(eoo.toJson(), sealed.ek(), sealed.ciphertext());
            JsonNode evidence = answer.get("evidence");
            disputes.noticeSubmitted(id, eoo.id(), respondBy, "the certified-mail relay " + relay.get().base()
                    + " accepted the notice (EOO " + eoo.id() + "); answer due by " + respondBy,
                    evidence == null ? null : evidence.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | CertificateException | RuntimeException e) {
            Instant retry = Instant.now().plus(config.notice().retryAfter());
            LOG.warnf("Notice of dispute %s not sent (retried at %s): %s", id, retry, e.getMessage());
            disputes.noticeFailed(id, retry, "the notice could not be given through " + relay.get().base() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void collectDelivery(UUID id, String eoo) {
        try {
            MailRelayClient.Relay mail = relay.get().relay();
            ObjectNode payload = Payloads.start(ExchangeProtocol.CERTIFIED_MAIL, "evidence-request");
            payload.set("ttp", JSON.valueToTree(mail.identity().toJson()));
            payload.put("nonce", Hashes.b64u(Hashes.random32()));
            payload.put("eoo", eoo);
            String request = keys.signer().sign(ExchangeProtocol.CERTIFIED_MAIL.type("evidence-request"), payload).toJson();
            for (JsonNode item : relay.get().evidence(eoo, request).path("evidence")) {
                if ("ContentHandover".equals(item.path("event").asText())) {
                    disputes.noticeDelivered(id, "the relay handed the notice over to the respondent (ContentHandover)",
                            item.path("statement").toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Delivery evidence of the notice of dispute %s not collected yet: %s", id, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The notice's content: what the respondent needs to know and do. */
    private byte[] notice(DisputeRecord dispute, Instant respondBy) {
        Map<String, Object> notice = new LinkedHashMap<>();
        notice.put("format", "semper-dispute-notice/1");
        notice.put("dispute", dispute.id().toString());
        notice.put("arbiter", config.url().toString());
        notice.put("claimType", dispute.claimType());
        notice.put("amount", dispute.amount().toPlainString());
        notice.put("currency", dispute.currency());
        notice.put("claim", new String(dispute.claim(), StandardCharsets.UTF_8));
        notice.put("respondBy", respondBy.toString());
        notice.put("respondAt", config.url().resolve("/api/v1/disputes/" + dispute.id() + "/responses").toString());
        return CanonicalJson.serialize(notice);
    }
}
