package org.semper.tsa.token;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tsp.TimeStampRequest;
import org.jboss.logging.Logger;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.runtime.keys.SigningKey;
import org.semper.tsa.TsaConfig;
import org.semper.tsa.clock.ClockGuard;
import org.semper.tsa.clock.UntrustedClockException;
import org.semper.tsa.serial.SerialNumbers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Issues RFC 3161 time-stamp tokens: request rules, clock guard, serial number, signature, durable record, in that
 * order. A token is released only after it is committed to the {@link TokenLedger}; every refusal is a well-formed
 * {@code TimeStampResp} with status {@code rejection} and the matching {@code PKIFailureInfo} (RFC 3161 §2.4.2).
 */
@ApplicationScoped
public class TimeStampIssuer {

    private static final Logger LOG = Logger.getLogger(TimeStampIssuer.class);

    private final TimeStampRequestRules rules;
    private final TimeStampTokenSigner signer;
    private final MonotonicGenTime genTimes;
    private final SerialNumbers serials;
    private final ClockGuard clockGuard;
    private final TokenLedger ledger;
    private final MeterRegistry metrics;
    private final Timer issuanceTimer;
    private final ASN1ObjectIdentifier defaultPolicy;
    private final java.util.Map<ImprintAlgorithm, io.micrometer.core.instrument.Counter> issuedCounters =
            new java.util.EnumMap<>(ImprintAlgorithm.class);

    @Inject
    public TimeStampIssuer(TsaConfig config, SigningKey signingKey, SerialNumbers serials, ClockGuard clockGuard,
            TokenLedger ledger, MeterRegistry metrics) {
        if (clockGuard.maxOffset().compareTo(config.accuracy()) > 0) {
            throw new IllegalStateException("semper.tsa.accuracy (" + config.accuracy() + ") must not be finer than "
                    + "semper.tsa.clock.max-offset (" + clockGuard.maxOffset() + "): a token must not claim more accuracy "
                    + "than the clock guard enforces");
        }
        ASN1ObjectIdentifier defaultPolicy = new ASN1ObjectIdentifier(config.policy().defaultOid());
        Set<ASN1ObjectIdentifier> accepted = new HashSet<>();
        accepted.add(defaultPolicy);
        config.policy().accepted().ifPresent(list -> list.forEach(oid -> accepted.add(new ASN1ObjectIdentifier(oid.trim()))));
        Optional<X500Name> name = !config.includeName() ? Optional.empty()
                : Optional.of(config.name().map(X500Name::new)
                        .orElseGet(() -> X500Name.getInstance(signingKey.certificate().getSubjectX500Principal().getEncoded())));
        this.defaultPolicy = defaultPolicy;
        for (ImprintAlgorithm algorithm : ImprintAlgorithm.values()) {
            issuedCounters.put(algorithm, io.micrometer.core.instrument.Counter.builder("semper.tsa.tokens.issued")
                    .tag("hash", algorithm.jcaName()).description("Tokens released (committed)").register(metrics));
        }
        this.rules = new TimeStampRequestRules(accepted);
        this.signer = new TimeStampTokenSigner(signingKey, defaultPolicy, config.accuracy(), name);
        this.genTimes = new MonotonicGenTime(Clock.systemUTC(), config.accuracy());
        this.serials = serials;
        this.clockGuard = clockGuard;
        this.ledger = ledger;
        this.metrics = metrics;
        this.issuanceTimer = Timer.builder("semper.tsa.issuance").description("Time from request to committed token")
                .publishPercentiles(0.5, 0.99).register(metrics);
        LOG.infof("TSA ready: key %s, default policy %s, accepted policies %s, accuracy %s", signingKey.description(),
                defaultPolicy, accepted, config.accuracy());
    }

    /** RFC 3161 over HTTP: DER request in, DER response out. */
    public CompletionStage<TimeStampOutcome> issue(byte[] requestDer) {
        try {
            return issue(rules.parse(requestDer));
        } catch (TimeStampRejection rejection) {
            return CompletableFuture.completedFuture(reject(rejection));
        }
    }

    /** Issues for a parsed request (the JSON API builds one). */
    public CompletionStage<TimeStampOutcome> issue(TimeStampRequest request) {
        long started = System.nanoTime();
        IssuedToken issued;
        byte[] reply;
        try {
            ImprintAlgorithm algorithm = rules.check(request);
            try {
                clockGuard.requireTrusted();
            } catch (UntrustedClockException untrusted) {
                throw new TimeStampRejection(TsaFailure.TIME_NOT_AVAILABLE, untrusted.getMessage());
            }
            BigInteger serial = serials.next();
            Instant genTime = genTimes.next();
            byte[] tokenDer = signer.sign(request, serial, genTime).getEncoded(ASN1Encoding.DER);
            // the fields we put into the token, not parsed back out of it
            String policy = request.getReqPolicy() != null ? request.getReqPolicy().getId() : defaultPolicy.getId();
            issued = new IssuedToken(serial, genTime, policy, algorithm, request.getMessageImprintDigest(),
                    request.getNonce(), tokenDer);
            reply = GrantedResponse.encode(tokenDer); // on the request thread, not the database writer's
        } catch (TimeStampRejection rejection) {
            return CompletableFuture.completedFuture(reject(rejection));
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot issue a time-stamp token", e);
            return CompletableFuture.completedFuture(reject(new TimeStampRejection(TsaFailure.SYSTEM_FAILURE,
                    "internal failure; no token was issued")));
        }
        byte[] granted = reply;
        return ledger.append(issued).handle((ignored, failure) -> {
            if (failure != null) {
                LOG.errorf("Token %s not recorded, not released: %s", issued.serialNumber(), failure.getMessage());
                return reject(new TimeStampRejection(TsaFailure.SYSTEM_FAILURE, "the token could not be recorded; none was issued"));
            }
            issuanceTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
            issuedCounters.get(issued.hashAlgorithm()).increment();
            return new TimeStampOutcome(granted, issued, null, null);
        });
    }

    public SigningKey signingKey() {
        return signer.key();
    }

    private TimeStampOutcome reject(TimeStampRejection rejection) {
        metrics.counter("semper.tsa.requests.rejected", "reason", rejection.failure().code()).increment();
        PKIStatusInfo status = new PKIStatusInfo(PKIStatus.rejection, new PKIFreeText(rejection.getMessage()),
                new PKIFailureInfo(rejection.failure().failureInfoBit()));
        return new TimeStampOutcome(encode(new TimeStampResp(status, null)), null, rejection.failure(), rejection.getMessage());
    }

    private static byte[] encode(TimeStampResp response) {
        try {
            return response.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
