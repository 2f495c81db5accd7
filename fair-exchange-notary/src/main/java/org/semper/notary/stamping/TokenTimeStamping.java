package org.semper.notary.stamping;

import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.notary.NotaryConfig;
import org.semper.runtime.exchange.stamping.SignatureTimeStamping;
import org.semper.runtime.exchange.stamping.TimeStampAuthorityClient;
import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.exchange.trust.PartyTrust;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs ttp-runtime's {@link SignatureTimeStamping} job for the notary's tokens ({@code semper.notary.time-stamping.*}):
 * started with the application, stopped before the database. Decisions never depend on it.
 */
@ApplicationScoped
public class TokenTimeStamping {

    private static final Logger LOG = Logger.getLogger(TokenTimeStamping.class);

    private final SignatureTimeStamping job;

    @Inject
    public TokenTimeStamping(NotaryConfig config, DataSource dataSource, MeterRegistry metrics) {
        TimeStampingConfig stamping = config.timeStamping();
        if (!stamping.enabled()) {
            LOG.warn("Time-stamping of tokens is disabled (semper.notary.time-stamping.enabled=false): tokens stay B-B");
            this.job = null;
            return;
        }
        this.job = new SignatureTimeStamping(dataSource,
                new TimeStampAuthorityClient(stamping.tsaUrl().orElseThrow(() -> new IllegalStateException(
                        "Set semper.notary.time-stamping.tsa-url (or semper.notary.time-stamping.enabled=false)")),
                        stamping.timeout()),
                new TimeStampTokenVerifier(PartyTrust.anchors(stamping.trustAnchors().orElseThrow(() -> new IllegalStateException(
                        "Set semper.notary.time-stamping.trust-anchors: the CA certificates the TSA's certificate chains to")))),
                stamping, metrics);
    }

    void start(@Observes StartupEvent event) {
        if (job != null) {
            job.start();
        }
    }

    void stop(@Observes @Priority(10) ShutdownEvent event) {
        if (job != null) {
            job.stop();
        }
    }

    /** The job, unless time-stamping is disabled. */
    public Optional<SignatureTimeStamping> job() {
        return Optional.ofNullable(job);
    }
}
