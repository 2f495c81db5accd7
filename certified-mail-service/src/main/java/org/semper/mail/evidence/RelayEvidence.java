package org.semper.mail.evidence;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.semper.mail.relay.MailMessage;

/**
 * Payloads of relay evidence, one per {@link RelayEvent} (README "Evidence"): every one names the event, the
 * exchange ({@code eoo: H(EOO)}), both parties, this TTP and the time; then
 * <ul>
 * <li>SubmissionAcceptance, ContentConsignment: {@code hashCipher}, {@code size}, {@code deadline};</li>
 * <li>SubmissionRejection: {@code reason} (the problem code);</li>
 * <li>ContentHandover: {@code eor: H(EOR)};</li>
 * <li>ContentHandoverFailure: {@code eor}, {@code reason};</li>
 * <li>AcceptanceRejectionExpiry: {@code deadline}.</li>
 * </ul>
 */
public final class RelayEvidence {

    /** The {@code typ} of relay evidence statements. */
    public static final String TYPE = "semper-cm/1/relay-evidence";
    /** The {@code msg} label. */
    public static final String LABEL = "relay-evidence";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private RelayEvidence() {
    }

    public static Map<String, Object> submissionAcceptance(MailMessage m, Map<String, String> ttp, Instant time) {
        return withContent(start(RelayEvent.SUBMISSION_ACCEPTANCE, m, ttp, time), m);
    }

    public static Map<String, Object> submissionRejection(MailMessage m, Map<String, String> ttp, Instant time) {
        Map<String, Object> payload = start(RelayEvent.SUBMISSION_REJECTION, m, ttp, time);
        payload.put("reason", m.reason());
        return payload;
    }

    public static Map<String, Object> contentConsignment(MailMessage m, Map<String, String> ttp, Instant time) {
        return withContent(start(RelayEvent.CONTENT_CONSIGNMENT, m, ttp, time), m);
    }

    public static Map<String, Object> contentHandover(MailMessage m, String eorId, Map<String, String> ttp, Instant time) {
        Map<String, Object> payload = start(RelayEvent.CONTENT_HANDOVER, m, ttp, time);
        payload.put("eor", eorId);
        return payload;
    }

    public static Map<String, Object> contentHandoverFailure(MailMessage m, String eorId, String reason,
            Map<String, String> ttp, Instant time) {
        Map<String, Object> payload = start(RelayEvent.CONTENT_HANDOVER_FAILURE, m, ttp, time);
        payload.put("eor", eorId);
        payload.put("reason", reason);
        return payload;
    }

    public static Map<String, Object> acceptanceRejectionExpiry(MailMessage m, Map<String, String> ttp, Instant time) {
        Map<String, Object> payload = start(RelayEvent.ACCEPTANCE_REJECTION_EXPIRY, m, ttp, time);
        payload.put("deadline", format(m.deadline()));
        return payload;
    }

    /** The payload time format: UTC, whole seconds, {@code YYYY-MM-DDThh:mm:ssZ}. */
    public static String format(Instant time) {
        return TIME.format(time.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Map<String, Object> start(RelayEvent event, MailMessage m, Map<String, String> ttp, Instant time) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("protocol", "semper-cm/1");
        payload.put("msg", LABEL);
        payload.put("event", event.etsiName());
        payload.put("eoo", m.exchangeId());
        payload.put("sender", m.sender());
        payload.put("recipient", m.recipient());
        payload.put("ttp", ttp);
        payload.put("time", format(time));
        return payload;
    }

    private static Map<String, Object> withContent(Map<String, Object> payload, MailMessage m) {
        payload.put("hashCipher", m.hashCipher());
        payload.put("size", m.contentSize());
        payload.put("deadline", format(m.deadline()));
        return payload;
    }
}
