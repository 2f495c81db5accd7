package org.semper.mail.relay;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.mail.MailConfig;
import org.semper.mail.party.PartyRequests;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The relay's background work, every {@code semper.mail.relay.job-interval}, safe on any number of replicas: expires
 * messages not collected by their deadline (AcceptanceRejectionExpiry), closes messages whose exchange was decided
 * but not yet closed (a crash in between), deletes ciphertexts whose retention has ended (the evidence stays), and
 * forgets party requests too old to be replayed.
 */
@ApplicationScoped
public class RelayJobs {

    private static final Logger LOG = Logger.getLogger(RelayJobs.class);

    /** What one run did. */
    public record Run(int expired, int closed, int deleted) {
    }

    private final DataSource dataSource;
    private final RelayDecisions relay;
    private final ContentStore store;
    private final MailConfig config;
    private ScheduledExecutorService executor;

    @Inject
    public RelayJobs(DataSource dataSource, RelayDecisions relay, ContentStore store, MailConfig config) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.store = store;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "semper-mail-relay-jobs");
            thread.setDaemon(true);
            return thread;
        });
        long interval = config.relay().jobInterval().toMillis();
        executor.scheduleWithFixedDelay(this::runQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void runQuietly() {
        try {
            Run run = runOnce(Instant.now());
            if (run.expired() + run.closed() + run.deleted() > 0) {
                LOG.infof("Relay: %d expired, %d closed after a decision, %d contents deleted", run.expired(),
                        run.closed(), run.deleted());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "Relay job failed; will retry");
        }
    }

    /** One run of every job, as of {@code now}. */
    public Run runOnce(Instant now) {
        int batch = config.relay().jobBatch();
        int expired = 0;
        for (MailMessage m : Transactions.run(dataSource, c -> MailMessages.overdue(c, now, batch))) {
            if (relay.expire(m).state() == MailState.EXPIRED) {
                expired++;
            }
        }
        int closed = 0;
        for (MailMessage m : Transactions.run(dataSource, c -> MailMessages.decidedButOpen(c, batch))) {
            relay.decision(m.exchangeId()).ifPresent(d -> relay.close(m, d));
            closed++;
        }
        int deleted = Transactions.run(dataSource, c -> {
            List<MailMessage> due = MailMessages.pastRetention(c, now.minus(config.relay().retention()), batch);
            for (MailMessage m : due) {
                store.delete(c, m);
                MailMessages.contentDeleted(c, m.exchangeId(), now);
            }
            PartyRequests.forgetExpired(c, now);
            return due.size();
        });
        return new Run(expired, closed, deleted);
    }
}
