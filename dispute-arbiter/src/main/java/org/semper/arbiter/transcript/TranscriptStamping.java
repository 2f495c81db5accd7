package org.semper.arbiter.transcript;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.dispute.Disputes;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignatureTimeStamps;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.timestamp.TimeStampQuery;
import org.semper.evidence.timestamp.TimeStampReply;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.runtime.exchange.stamping.TimeStampAuthorityClient;
import org.semper.runtime.exchange.stamping.TimeStampingException;
import org.semper.runtime.exchange.trust.PartyTrust;

/**
 * Adds the JAdES signature time-stamp (B-T) to a transcript after its decision, with ttp-runtime's TSA client and
 * the notary's {@code time-stamping} settings. A decision never waits for the TSA: the first try follows the
 * commit, and the decision job retries transcripts still without a time-stamp. The transcript's id does not change.
 */
@ApplicationScoped
public class TranscriptStamping {
    private static final Logger LOG = Logger.getLogger(TranscriptStamping.class);

    private final Disputes disputes;
    private final Optional<TimeStampAuthorityClient> tsa;
    private final Optional<TimeStampTokenVerifier> verifier;
    private final Optional<String> policy;

    @Inject
    public TranscriptStamping(ArbiterConfig config, Disputes disputes) {
        this.disputes = disputes;
        boolean on = config.timeStamping().enabled() && config.timeStamping().tsaUrl().isPresent()
                && config.timeStamping().trustAnchors().isPresent();
        this.tsa = on ? Optional.of(new TimeStampAuthorityClient(config.timeStamping().tsaUrl().get(),
                config.timeStamping().timeout())) : Optional.empty();
        this.verifier = on ? Optional.of(new TimeStampTokenVerifier(PartyTrust.anchors(
                config.timeStamping().trustAnchors().get()))) : Optional.empty();
        this.policy = config.timeStamping().policy();
    }

    /** Tries once; true if the transcript now carries a verified time-stamp. */
    public boolean stamp(UUID dispute, byte[] transcript) {
        if (tsa.isEmpty()) {
            return false;
        }
        try {
            SignedStatement statement = SignedStatement.parse(new String(transcript, StandardCharsets.UTF_8),
                    Integer.MAX_VALUE);
            TimeStampQuery.Builder builder = SignatureTimeStamps.query(statement).certificateRequested(true);
            policy.ifPresent(builder::policy);
            TimeStampQuery query = builder.build();
            TimeStampReply reply = tsa.get().request(query);
            if (!reply.granted() || reply.token().isEmpty()) {
                throw new TimeStampingException("TSA refused: " + reply.status());
            }
            TimeStampVerification verification = verifier.get().verifyReplyTo(query, reply.token().get());
            if (!verification.passed()) {
                throw new TimeStampingException("the time-stamp does not verify: " + verification.subIndication());
            }
            SignedStatement stamped = statement.withSignatureTimeStamp(reply.token().get());
            disputes.stamped(dispute, stamped.toJson().getBytes(StandardCharsets.UTF_8), "signature time-stamp of "
                    + verification.genTime().orElseThrow() + " from " + tsa.get().url());
            return true;
        } catch (TimeStampingException | MalformedStatementException | RuntimeException e) {
            LOG.warnf("Transcript of dispute %s not time-stamped yet (will retry): %s", dispute, e.getMessage());
            return false;
        }
    }
}
