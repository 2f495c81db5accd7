package org.semper.runtime.exchange;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.runtime.exchange.stamping.SignatureTimeStamping;
import org.semper.runtime.exchange.stamping.StampedStatements;
import org.semper.runtime.exchange.stamping.TimeStampAuthorityClient;
import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.exchange.trust.PartyTrust;
import org.semper.runtime.keys.KeySourceException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The exchange machinery of a service that settles exchanges, as CDI beans: the decision store, party trust, the
 * evidence library's request verifier, the {@link ExchangeTtp} (abort, resolve, status) and the background
 * time-stamping job (started with the application, stopped before the database). A service opts in by producing its
 * {@link ExchangeTtpSettings}; in a service that does not (tsa, ca), nothing here is used or started.
 */
@ApplicationScoped
public class ExchangeWiring {

    private static final Logger LOG = Logger.getLogger(ExchangeWiring.class);

    private SignatureTimeStamping started;

    @Produces
    @Singleton
    ExchangeDecisions decisions(DataSource dataSource) {
        return new ExchangeDecisions(dataSource);
    }

    @Produces
    @Singleton
    PartyTrust partyTrust(Instance<ExchangeTtpSettings> settings, MeterRegistry metrics) {
        return PartyTrust.of(settings(settings).trust(), metrics);
    }

    @Produces
    @Singleton
    TtpRequestVerifier requestVerifier(PartyTrust trust) {
        return new TtpRequestVerifier(trust.anchors(), trust.policy());
    }

    @Produces
    @Singleton
    ExchangeTtp exchangeTtp(Instance<ExchangeTtpSettings> settings, TtpRequestVerifier verifier,
            ExchangeDecisions decisions, MeterRegistry metrics) {
        return new ExchangeTtp(settings(settings), verifier, decisions, metrics);
    }

    /**
     * The time-stamping job of the service's stored statements: the exchange tokens, and every table the service
     * registers as a {@link StampedStatements} bean. Started only if time-stamping is on.
     */
    @Produces
    @Singleton
    SignatureTimeStamping stamping(Instance<ExchangeTtpSettings> settings, Instance<StampedStatements> extra,
            DataSource dataSource, MeterRegistry metrics) {
        String prefix = settings(settings).configPrefix() + ".time-stamping";
        TimeStampingConfig config = settings(settings).timeStamping();
        TimeStampAuthorityClient tsa = new TimeStampAuthorityClient(config.tsaUrl().orElseThrow(() -> new KeySourceException(
                "Set " + prefix + ".tsa-url (or " + prefix + ".enabled=false)")), config.timeout());
        List<Path> anchors = config.trustAnchors().orElseThrow(() -> new KeySourceException(
                "Set " + prefix + ".trust-anchors: the CA certificates the TSA's certificate chains to"));
        List<StampedStatements> sources = new ArrayList<>(List.of(StampedStatements.EXCHANGE_TOKENS));
        extra.forEach(sources::add);
        return new SignatureTimeStamping(dataSource, tsa, new TimeStampTokenVerifier(PartyTrust.anchors(anchors)), config,
                metrics, sources);
    }

    void start(@Observes StartupEvent event, Instance<ExchangeTtpSettings> settings, Instance<SignatureTimeStamping> job) {
        if (!settings.isResolvable()) {
            return;
        }
        ExchangeTtpSettings ttp = settings.get();
        if (ttp.timeStamping().enabled()) {
            started = job.get();
            started.start();
        } else {
            LOG.warnf("Time-stamping is disabled (%s.time-stamping.enabled=false): tokens and evidence stay B-B",
                    ttp.configPrefix());
        }
    }

    void stop(@Observes @Priority(10) ShutdownEvent event) {
        if (started != null) {
            started.stop();
        }
    }

    private static ExchangeTtpSettings settings(Instance<ExchangeTtpSettings> settings) {
        if (!settings.isResolvable()) {
            throw new IllegalStateException("This service settles no exchanges: it produces no ExchangeTtpSettings");
        }
        return settings.get();
    }
}
