package org.semper.runtime.exchange.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationFetcher;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The parties a TTP accepts: certificates that chain to one of the configured trust anchors (several CAs may be
 * trusted), valid and not revoked at the time of the request. Revocation data is fetched from the CAs (OCSP, then
 * CRL) and cached for {@code revocation.max-age}; the validation policy accepts data up to that age
 * ({@link ValidationPolicy#revocationTolerance()}), so that the cache works for statements signed just now.
 *
 * <p>What the TTP checks with it (signatures, chains, validity, revocation, and the protocol rules) is decided by the
 * evidence library's verifiers; this class only supplies anchors, policy and validator. Thread-safe.
 */
public final class PartyTrust {

    private final TrustAnchors anchors;
    private final RevocationCache revocationCache;
    private final ValidationPolicy policy;
    private final StatementValidator validator;

    public PartyTrust(TrustAnchors anchors, RevocationFetcher fetcher, PartyTrustConfig.Revocation revocation, Clock clock,
            MeterRegistry metrics) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.revocationCache = new RevocationCache(fetcher, revocation.maxAge(), revocation.cacheSize(), clock, metrics);
        this.policy = ValidationPolicy.builder().revocationFetcher(revocationCache)
                .revocationTolerance(revocation.maxAge()).clock(clock).build();
        this.validator = new StatementValidator(anchors, policy);
    }

    /** Trust as configured: anchors from the PEM files, revocation fetched over HTTP(S) and cached, the system clock. */
    public static PartyTrust of(PartyTrustConfig config, MeterRegistry metrics) {
        return new PartyTrust(anchors(config.anchors()), new HttpRevocationFetcher(config.revocation().timeout()),
                config.revocation(), Clock.systemUTC(), metrics);
    }

    /** Every certificate of every PEM file, as one set of anchors. */
    public static TrustAnchors anchors(List<Path> pemFiles) {
        if (pemFiles.isEmpty()) {
            throw new IllegalStateException("No trust anchors configured");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path pem : pemFiles) {
            try {
                certificates.addAll(TrustAnchors.fromPem(pem).certificates());
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("Cannot read trust anchors from " + pem.toAbsolutePath() + ": " + e.getMessage(), e);
            }
        }
        return TrustAnchors.of(certificates);
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    /** Online policy: fetches (cached) revocation data, with the matching tolerance. */
    public ValidationPolicy policy() {
        return policy;
    }

    /** A statement validator with these anchors and this policy. */
    public StatementValidator validator() {
        return validator;
    }

    public RevocationCache revocationCache() {
        return revocationCache;
    }
}
