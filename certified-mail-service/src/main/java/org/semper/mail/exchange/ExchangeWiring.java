package org.semper.mail.exchange;

import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.mail.MailConfig;
import org.semper.runtime.exchange.ExchangeDecisions;
import org.semper.runtime.exchange.stamping.SignatureTimeStamping;
import org.semper.runtime.exchange.stamping.TimeStampAuthorityClient;
import org.semper.runtime.exchange.stamping.TimeStampingConfig;
import org.semper.runtime.exchange.trust.PartyTrust;
import org.semper.runtime.keys.KeySourceException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wires the exchange machinery shared with the notary (ttp-runtime {@code exchange}, evidence {@code exchange}) into
 * this service: the decision store, party trust, the request verifier, and the background time-stamping of
 * tokens. No protocol rule lives here.
 */
@ApplicationScoped
public class ExchangeWiring {

    private static final Logger LOG = Logger.getLogger(ExchangeWiring.class);

    private SignatureTimeStamping stamping;

    @Produces
    @Singleton
    ExchangeDecisions decisions(DataSource dataSource) {
        return new ExchangeDecisions(dataSource);
    }

    @Produces
    @Singleton
    PartyTrust partyTrust(MailConfig config, MeterRegistry metrics) {
        return PartyTrust.of(config.trust(), metrics);
    }

    @Produces
    @Singleton
    TtpRequestVerifier requestVerifier(PartyTrust trust) {
        return new TtpRequestVerifier(trust.anchors(), trust.policy());
    }

    @Produces
    @Singleton
    SignatureTimeStamping stamping(MailConfig config, DataSource dataSource, MeterRegistry metrics) {
        TimeStampingConfig stampingConfig = config.timeStamping();
        TimeStampAuthorityClient tsa = new TimeStampAuthorityClient(stampingConfig.tsaUrl().orElseThrow(
                () -> new KeySourceException("Set semper.mail.time-stamping.tsa-url, or semper.mail.time-stamping.enabled=false")),
                stampingConfig.timeout());
        List<java.nio.file.Path> anchors = stampingConfig.trustAnchors().orElseThrow(() -> new KeySourceException(
                "Set semper.mail.time-stamping.trust-anchors (PEM files the TSA certificate chains to)"));
        return new SignatureTimeStamping(dataSource, tsa, new TimeStampTokenVerifier(PartyTrust.anchors(anchors)),
                stampingConfig, metrics);
    }

    void start(@Observes StartupEvent event, MailConfig config, jakarta.enterprise.inject.Instance<SignatureTimeStamping> job) {
        if (config.timeStamping().enabled()) {
            stamping = job.get();
            stamping.start();
        } else {
            LOG.info("Time-stamping of exchange tokens is off (semper.mail.time-stamping.enabled=false)");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (stamping != null) {
            stamping.stop();
        }
    }
}
