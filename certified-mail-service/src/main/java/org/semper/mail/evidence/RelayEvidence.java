package org.semper.mail.evidence;

import java.time.Instant;

import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.mail.relay.MailMessage;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Payloads of relay evidence, one per {@link RelayEvent} (README "Evidence"). Every one is
 * {@code {protocol: "semper-cm/1", msg: "relay-evidence", event, eoo: H(EOO), sender, recipient, ttp, time}} plus
 * <ul>
 * <li>SubmissionAcceptance, ContentConsignment: {@code hashCipher}, {@code size} (bytes), {@code deadline};</li>
 * <li>SubmissionRejection: {@code reason} (the problem code);</li>
 * <li>ContentHandover: {@code eor: H(EOR)}, {@code token: H(CON)} (the key-released token of the exchange);</li>
 * <li>ContentHandoverFailure: {@code eor: H(EOR)}, {@code reason};</li>
 * <li>AcceptanceRejectionExpiry: {@code deadline}.</li>
 * </ul>
 * Its {@code typ} is {@code semper-cm/1/relay-evidence}; times are {@code YYYY-MM-DDThh:mm:ssZ}.
 */
public final class RelayEvidence {

    /** The {@code msg} label. */
    public static final String LABEL = "relay-evidence";
    /** The {@code typ} of relay evidence statements. */
    public static final String TYPE = ExchangeProtocol.CERTIFIED_MAIL.type(LABEL);

    private RelayEvidence() {
    }

    public static ObjectNode submissionAcceptance(MailMessage m, TtpIdentity ttp, Instant time) {
        return withContent(start(RelayEvent.SUBMISSION_ACCEPTANCE, m, ttp, time), m);
    }

    public static ObjectNode submissionRejection(MailMessage m, TtpIdentity ttp, Instant time) {
        return start(RelayEvent.SUBMISSION_REJECTION, m, ttp, time).put("reason", m.reason());
    }

    public static ObjectNode contentConsignment(MailMessage m, TtpIdentity ttp, Instant time) {
        return withContent(start(RelayEvent.CONTENT_CONSIGNMENT, m, ttp, time), m);
    }

    public static ObjectNode contentHandover(MailMessage m, String eorId, String tokenId, TtpIdentity ttp, Instant time) {
        return start(RelayEvent.CONTENT_HANDOVER, m, ttp, time).put("eor", eorId).put("token", tokenId);
    }

    public static ObjectNode contentHandoverFailure(MailMessage m, String eorId, String reason, TtpIdentity ttp,
            Instant time) {
        return start(RelayEvent.CONTENT_HANDOVER_FAILURE, m, ttp, time).put("eor", eorId).put("reason", reason);
    }

    public static ObjectNode acceptanceRejectionExpiry(MailMessage m, TtpIdentity ttp, Instant time) {
        return start(RelayEvent.ACCEPTANCE_REJECTION_EXPIRY, m, ttp, time).put("deadline", Payloads.format(m.deadline()));
    }

    private static ObjectNode start(RelayEvent event, MailMessage m, TtpIdentity ttp, Instant time) {
        ObjectNode payload = Payloads.start(ExchangeProtocol.CERTIFIED_MAIL, LABEL).put("event", event.etsiName())
                .put("eoo", m.exchangeId()).put("sender", m.sender()).put("recipient", m.recipient());
        payload.set("ttp", Payloads.object().put("url", ttp.url()).put("certSha256", ttp.certSha256()));
        return payload.put("time", Payloads.format(time));
    }

    private static ObjectNode withContent(ObjectNode payload, MailMessage m) {
        return payload.put("hashCipher", m.hashCipher()).put("size", m.contentSize())
                .put("deadline", Payloads.format(m.deadline()));
    }
}
