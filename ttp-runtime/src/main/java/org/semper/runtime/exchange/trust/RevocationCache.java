package org.semper.runtime.exchange.trust;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationFetcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Caches what a {@link RevocationFetcher} fetched, per certificate (issuer and serial), while it is younger than
 * {@code maxAge}: its oldest {@code thisUpdate} must be within {@code maxAge} of now, and no item may be past its
 * {@code nextUpdate}. Used with a validation policy whose revocation tolerance is the same {@code maxAge}, so
 * that cached data still proves a statement signed just now was not revoked (see {@code ValidationPolicy}).
 * For a CA certificate the age counts from the fetch instead: its status usually comes from the root's CRL of CA
 * certificates, signed months ago with a long {@code nextUpdate} (the validator accepts it while it is current), so
 * a revocation the root publishes still reaches the cache within {@code maxAge}.
 *
 * <p>Failures (empty data) are not cached: the next request asks the CA again. Thread-safe; two threads missing at
 * once may both fetch (harmless). Metrics: {@code semper.trust.revocation.cache} with {@code result=hit|miss} and
 * {@code semper.trust.revocation.fetch.failures}.
 */
public final class RevocationCache implements RevocationFetcher {

    private record Key(String issuer, BigInteger serial) {
    }

    private record Entry(RevocationData data, Instant producedAt, Instant expiresAt) {
    }

    private final RevocationFetcher fetcher;
    private final Duration maxAge;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter misses;
    private final Counter failures;

    public RevocationCache(RevocationFetcher fetcher, Duration maxAge, int maxEntries, Clock clock, MeterRegistry metrics) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hits = Counter.builder("semper.trust.revocation.cache").tag("result", "hit").register(metrics);
        this.misses = Counter.builder("semper.trust.revocation.cache").tag("result", "miss").register(metrics);
        this.failures = Counter.builder("semper.trust.revocation.fetch.failures")
                .description("OCSP/CRL fetches that gave no data").register(metrics);
    }

    @Override
    public RevocationData fetch(X509Certificate certificate, X509Certificate issuer) {
        Key key = new Key(issuer.getSubjectX500Principal().getName() + "/" + Arrays.hashCode(issuer.getPublicKey().getEncoded()),
                certificate.getSerialNumber());
        Instant now = clock.instant();
        Entry cached = entries.get(key);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            hits.increment();
            return cached.data();
        }
        misses.increment();
        RevocationData fetched = fetcher.fetch(certificate, issuer);
        if (fetched == null || fetched.isEmpty()) {
            failures.increment();
            entries.remove(key);
            return RevocationData.empty();
        }
        Optional<Entry> entry = entry(fetched, certificate, now);
        if (entry.isPresent()) {
            if (entries.size() >= maxEntries) {
                evict(now);
            }
            entries.put(key, entry.get());
        }
        return fetched;
    }

    /** Cached certificates (tests, metrics). */
    public int size() {
        return entries.size();
    }

    /** Forgets everything (operations: after a CA announced a mass revocation). */
    public void clear() {
        entries.clear();
    }

    private Optional<Entry> entry(RevocationData data, X509Certificate certificate, Instant now) {
        Instant produced = null;
        Instant expires = null;
        for (X509CRL crl : data.crls()) {
            produced = earliest(produced, crl.getThisUpdate().toInstant());
            if (crl.getNextUpdate() != null) {
                expires = earliest(expires, crl.getNextUpdate().toInstant());
            }
        }
        for (BasicOCSPResp response : data.ocspResponses()) {
            for (SingleResp single : response.getResponses()) {
                if (single.getCertID().getSerialNumber().equals(certificate.getSerialNumber())) {
                    produced = earliest(produced, single.getThisUpdate().toInstant());
                    if (single.getNextUpdate() != null) {
                        expires = earliest(expires, single.getNextUpdate().toInstant());
                    }
                }
            }
        }
        if (produced == null) {
            return Optional.empty();
        }
        Instant byAge = (certificate.getBasicConstraints() >= 0 ? now : produced).plus(maxAge);
        expires = expires == null || byAge.isBefore(expires) ? byAge : expires;
        return expires.isAfter(now) ? Optional.of(new Entry(data, produced, expires)) : Optional.empty();
    }

    private void evict(Instant now) {
        entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
        if (entries.size() >= maxEntries) {
            entries.clear(); // crude but bounded: everything is refetched on demand
        }
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
