package org.semper.tsa.token;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.semper.runtime.keys.SigningKey;

/**
 * Signs RFC 3161 tokens with one key: ESSCertIDv2 with SHA-256 (RFC 5816), millisecond genTime, the configured
 * accuracy and TSA name; the request's nonce is echoed and its {@code certReq} decides whether the chain is
 * included (RFC 3161 §2.4.2). Thread-safe: each thread gets its own generator (a Bouncy Castle generator holds a
 * {@code Signature} object, which is single-threaded).
 */
public final class TimeStampTokenSigner {

    private final SigningKey key;
    private final ASN1ObjectIdentifier defaultPolicy;
    private final Duration accuracy;
    private final Optional<X500Name> tsaName;
    private final ThreadLocal<TimeStampTokenGenerator> generators;

    public TimeStampTokenSigner(SigningKey key, ASN1ObjectIdentifier defaultPolicy, Duration accuracy,
            Optional<X500Name> tsaName) {
        this.key = key;
        this.defaultPolicy = defaultPolicy;
        this.accuracy = accuracy;
        this.tsaName = tsaName;
        this.generators = ThreadLocal.withInitial(this::newGenerator);
        newGenerator(); // fail at startup, not on the first request
    }

    /** Signs a token for an already checked request. */
    public TimeStampToken sign(TimeStampRequest request, BigInteger serial, Instant genTime) {
        try {
            return generators.get().generate(request, serial, Date.from(genTime));
        } catch (TSPException e) {
            throw new IllegalStateException("Cannot sign time-stamp token: " + e.getMessage(), e);
        }
    }

    public SigningKey key() {
        return key;
    }

    private TimeStampTokenGenerator newGenerator() {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests)
                    .build(key.contentSigner(), key.certificate());
            DigestCalculator essCertIdDigest = digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(signerInfo, essCertIdDigest, defaultPolicy, false);
            generator.addCertificates(new JcaCertStore(key.chain()));
            generator.setResolution(TimeStampTokenGenerator.R_MILLISECONDS);
            setAccuracy(generator);
            tsaName.ifPresent(name -> generator.setTSA(new GeneralName(name)));
            return generator;
        } catch (OperatorCreationException | CertificateEncodingException | TSPException e) {
            throw new IllegalStateException("Cannot set up the time-stamp token generator for " + key.description()
                    + ": " + e.getMessage(), e);
        }
    }

    private void setAccuracy(TimeStampTokenGenerator generator) {
        long micros = accuracy.toNanos() / 1_000;
        int seconds = (int) (micros / 1_000_000);
        int millis = (int) (micros / 1_000 % 1_000);
        int rest = (int) (micros % 1_000);
        if (seconds > 0) {
            generator.setAccuracySeconds(seconds);
        }
        if (millis > 0) {
            generator.setAccuracyMillis(millis);
        }
        if (rest > 0) {
            generator.setAccuracyMicros(rest);
        }
    }
}
