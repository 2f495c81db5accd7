package org.semper.arbiter.decision;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.transcript.TranscriptStamping;

import io.quarkus.scheduler.Scheduled;

/**
 * The scheduled decision round: every dispute that is answered or past its deadline is decided; transcripts still
 * without a time-stamp get another try. Replicas may run it together: a dispute is decided once (the database row
 * decides, see {@link Disputes#decide}).
 */
@ApplicationScoped
public class DecisionJob {
    private static final Logger LOG = Logger.getLogger(DecisionJob.class);

    @Inject
    Disputes disputes;

    @Inject
    Adjudication adjudication;

    @Inject
    TranscriptStamping stamping;

    @Scheduled(every = "${semper.arbiter.disputes.decision-interval:30s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void round() {
        for (UUID id : disputes.ready(Instant.now())) {
            try {
                adjudication.decide(id);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Dispute %s could not be decided in this round", id);
            }
        }
        for (UUID id : disputes.unstamped(20)) {
            disputes.find(id).flatMap(d -> d.transcript()).ifPresent(t -> stamping.stamp(id, t));
        }
    }
}
