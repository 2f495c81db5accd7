package org.semper.ca.revocation.crl;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.jboss.logging.Logger;
import org.semper.ca.CaConfig;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.ca.revocation.Revocations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The issuing CA's CRL (RFC 5280 §5), served from memory. It is regenerated after every revocation in this
 * replica, when another replica's revocation shows in the database, and when half its validity has passed (so it
 * is always fresh before {@code nextUpdate}). CRL numbers come from one PostgreSQL sequence shared by all replicas.
 */
@ApplicationScoped
public class CrlPublisher {

    private static final Logger LOG = Logger.getLogger(CrlPublisher.class);

    /** A signed CRL and the database state it reflects. */
    record Current(byte[] der, Instant thisUpdate, Instant nextUpdate, String revocationState, BigInteger number) {
    }

    private final IssuingCa ca;
    private final CertificateStore store;
    private final Duration validity;
    private volatile Current current;
    private ScheduledExecutorService refresher;

    @Inject
    public CrlPublisher(IssuingCa ca, CertificateStore store, CaConfig config, MeterRegistry metrics) {
        this.ca = ca;
        this.store = store;
        this.validity = config.crl().validity();
        // Freshness for alerting: seconds until the nextUpdate of the CRL this replica serves (negative once past;
        // NaN before the first one). Re-signing after half the validity keeps it above validity/2 while all is well.
        Gauge.builder("semper.ca.crl.next.update.seconds", this, p -> {
            Current c = p.current;
            return c == null ? Double.NaN : Duration.between(Instant.now(), c.nextUpdate()).toMillis() / 1000.0;
        }).description("Seconds until nextUpdate of the CRL this replica serves").register(metrics);
    }

    void start(@Observes StartupEvent event) {
        regenerate();
        refresher = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "crl-refresher"));
        long period = Math.max(1, validity.toSeconds() / 4);
        refresher.scheduleWithFixedDelay(() -> {
            try {
                crl();
            } catch (RuntimeException e) {
                LOG.warnf("CRL refresh failed: %s", e.getMessage());
            }
        }, period, period, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    void onRevocation(@Observes Revocations.Revoked revoked) {
        regenerate();
    }

    /** The current CRL (DER), regenerated first if stale. */
    public byte[] crl() {
        Current c = current;
        Instant now = Clock.systemUTC().instant();
        if (c == null || now.isAfter(c.thisUpdate().plus(Duration.between(c.thisUpdate(), c.nextUpdate()).dividedBy(2)))
                || !c.revocationState().equals(revocationState())) {
            c = regenerate();
        }
        return c.der();
    }

    public synchronized Current regenerate() {
        try (Connection c = store.dataSource().getConnection()) {
            String state = revocationState(c);
            BigInteger number;
            try (PreparedStatement q = c.prepareStatement("SELECT nextval('crl_number')"); ResultSet rs = q.executeQuery()) {
                rs.next();
                number = BigInteger.valueOf(rs.getLong(1));
            }
            Instant now = Instant.now();
            Instant next = now.plus(validity);
            X509v2CRLBuilder builder = new X509v2CRLBuilder(ca.name(), Date.from(now));
            builder.setNextUpdate(Date.from(next));
            for (CertificateRecord r : store.revokedUnexpired()) {
                builder.addCRLEntry(r.serial(), Date.from(r.revokedAt()),
                        r.revocationReason() == null ? CRLReason.unspecified : r.revocationReason());
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            X509CRLHolder crl = builder.build(ca.key().contentSigner());
            Current fresh = new Current(crl.getEncoded(), now, next, state, number);
            current = fresh;
            return fresh;
        } catch (SQLException | java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the CRL: " + e.getMessage(), e);
        }
    }

    private String revocationState() {
        try (Connection c = store.dataSource().getConnection()) {
            return revocationState(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the revocation state: " + e.getMessage(), e);
        }
    }

    private static String revocationState(Connection c) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT count(*), coalesce(max(revoked_at)::text, '') FROM certificate WHERE status = 'revoked'");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "/" + rs.getString(2);
        }
    }
}
