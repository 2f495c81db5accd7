package org.semper.tsa.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.testing.Throughput;
import org.semper.runtime.local.LocalEnvironment;
import org.semper.tsa.TsaConfig;
import org.semper.tsa.TsaMain;
import org.semper.tsa.token.GrantedResponse;
import org.semper.tsa.token.IssuedToken;
import org.semper.tsa.token.MonotonicGenTime;
import org.semper.tsa.token.TimeStampRequestRules;
import org.semper.tsa.token.TimeStampTokenSigner;

/**
 * In-process limit of the time-stamp authority, no HTTP and no database, used by {@code bench/tsa-benchmark.sh}.
 *
 * <ol>
 * <li><b>raw</b>: signatures/s of the TSA's own key with the provider the TSA signs with (ACCP if it loads, else
 * Bouncy Castle): one pre-initialised {@link Signature}, {@code update(256 bytes)} + {@code sign()} per operation.
 * This is the ceiling for any TSA using this key on one core.</li>
 * <li><b>tokens</b>: what {@code TimeStampIssuer.issue(byte[])} does per request minus the clock guard and the
 * durable record: parse the DER request and apply {@link TimeStampRequestRules}, sign with
 * {@link TimeStampTokenSigner} (same policy, accuracy, TSA name and certificate handling as the service's
 * defaults), build the {@link IssuedToken} and encode the granted DER {@code TimeStampResp}.</li>
 * <li><b>tokens-mt</b> (optional): the same with N threads, to compare with the HTTP figure on N cores.</li>
 * </ol>
 *
 * Each figure: warm-up, then {@code iterations} fixed-duration measurements; the median is reported. Output lines
 * starting with {@code RESULT} are for the script; everything else is for people.
 *
 * <pre>
 * java -cp CLASSPATH org.semper.tsa.bench.InProcessTsaBenchmark --data DIR [--request FILE.tsq]
 *      [--raw-warmup 3] [--warmup 10] [--iterations 3] [--seconds 5] [--threads 2] [--mt-warmup 2] [--breakdown]
 *      [--prepare-only]     (only create the local trust anchor and the TSA key under DIR, as the local profile does)
 * </pre>
 */
public final class InProcessTsaBenchmark {




    private InProcessTsaBenchmark() {
    }

    public static void main(String... args) throws Exception {
        Path data = null;
        Path requestFile = null;
        double rawWarmup = 3;
        double warmup = 10;
        int iterations = 3;
        double seconds = 5;
        int threads = 0;
        double mtWarmup = 2;
        boolean breakdown = false;
        boolean prepareOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--request" -> requestFile = Path.of(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--raw-warmup" -> rawWarmup = Double.parseDouble(args[++i]);
                case "--mt-warmup" -> mtWarmup = Double.parseDouble(args[++i]);
                case "--breakdown" -> breakdown = true;
                case "--prepare-only" -> prepareOnly = true;
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (data == null) {
            throw new IllegalArgumentException("--data DIR (the SEMPER_DATA_DIR whose TSA key to use) is required");
        }

        // The TSA's key exactly as the local profile makes and opens it (created on first use, no database).
        LocalEnvironment.prepare(TsaMain.LOCAL_SETUP, data.toAbsolutePath(), false).close();
        if (prepareOnly) {
            System.exit(0);
        }
        Path keystore = data.toAbsolutePath().resolve("tsa-service/keys/tsa.p12");
        String password = Files.readString(keystore.resolveSibling("tsa.p12.pass")).trim();
        SigningKey key = KeySources.openPkcs12(keystore, password, Optional.empty(), Optional.empty());
        if (!key.selfTest()) {
            throw new IllegalStateException("key self-test failed for " + key.description());
        }
        System.out.printf("key:       %s%n", key);
        System.out.printf("provider:  %s %s (ACCP loaded: %s)%n", key.provider().getName(), key.provider().getVersionStr(),
                CryptoProviders.accpAvailable());
        System.out.printf("java:      %s %s, %d available processors%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        byte[] requestDer = requestFile != null ? Files.readAllBytes(requestFile) : defaultRequest();
        System.out.printf("request:   %d bytes DER%s%n", requestDer.length, requestFile != null ? " from " + requestFile : " (generated)");
        System.out.printf(Locale.ROOT, "method:    warm-up %.0f s (raw) / %.0f s (tokens: the JIT needs ~10 s for BC's ASN.1 code), "
                + "then %d x %.0f s, median%n%n", rawWarmup, warmup, iterations, seconds);

        // (a) raw signatures
        byte[] toBeSigned = new byte[256];
        Arrays.fill(toBeSigned, (byte) 0x5a);
        Throughput.Op rawSign = newRawSigner(key, toBeSigned);
        double raw = Throughput.measure("raw " + key.signatureAlgorithm() + " sign", rawSign, rawWarmup, iterations, seconds);

        // (b) full tokens, as TimeStampIssuer builds them with the default configuration
        TokenPipeline pipeline = new TokenPipeline(key);
        long granted = pipeline.issueOnce(requestDer).length;
        System.out.printf("  (one reply: %d bytes DER TimeStampResp, status granted)%n", granted);
        double tokens = Throughput.measure("tokens (parse+rules+sign+DER)", () -> pipeline.issueOnce(requestDer).length, warmup,
                iterations, seconds);

        System.out.printf(Locale.ROOT, "RESULT provider=%s%n", key.provider().getName());
        System.out.printf(Locale.ROOT, "RESULT raw_sign_per_s=%.0f%n", raw);
        System.out.printf(Locale.ROOT, "RESULT tokens_per_s=%.0f%n", tokens);
        System.out.printf(Locale.ROOT, "RESULT tokens_to_raw=%.3f%n", tokens / raw);

        if (threads > 1) {
            double mtRaw = Throughput.measureThreads("raw sign, " + threads + " threads",
                    () -> newRawSigner(key, toBeSigned), threads, mtWarmup, seconds);
            double mt = Throughput.measureThreads("tokens, " + threads + " threads", () -> () -> pipeline.issueOnce(requestDer).length,
                    threads, mtWarmup, seconds);
            System.out.printf(Locale.ROOT, "RESULT threads=%d%n", threads);
            System.out.printf(Locale.ROOT, "RESULT raw_sign_mt_per_s=%.0f%n", mtRaw);
            System.out.printf(Locale.ROOT, "RESULT tokens_mt_per_s=%.0f%n", mt);
        }
        if (breakdown) {
            breakdown(pipeline, requestDer, seconds);
        }
        System.exit(0);
    }

    /**
     * Where the time of one token goes, stage by stage (each stage in a loop of its own, after the warm-up above),
     * and two variants of the pipeline: a request without certReq (no certificates in the token) and the granted
     * response built by splicing the token's DER into a fixed header instead of parsing and re-encoding it.
     */
    private static void breakdown(TokenPipeline pipeline, byte[] requestDer, double seconds) throws Exception {
        System.out.printf("%nbreakdown (1 thread, %.0f s each; us/op = 1e6 / ops/s):%n", seconds);
        TimeStampRequest request = pipeline.rules.parse(requestDer);
        TimeStampToken token = pipeline.signer.sign(request, BigInteger.TEN, pipeline.genTimes.next());
        byte[] tokenDer = token.getEncoded(ASN1Encoding.DER);
        double parse = Throughput.measure("  parse + rules", () -> {
            TimeStampRequest r = pipeline.rules.parse(requestDer);
            return pipeline.rules.check(r).digestLength();
        }, 1, 1, seconds);
        double sign = Throughput.measure("  TimeStampTokenGenerator.generate", () -> pipeline.signer
                .sign(request, BigInteger.valueOf(65_536), pipeline.genTimes.next()).getTimeStampInfo().getNonce().bitLength(),
                1, 1, seconds);
        double encode = Throughput.measure("  token.getEncoded(DER)", () -> token.getEncoded(ASN1Encoding.DER).length, 1, 1, seconds);
        double wrap = Throughput.measure("  reply: parse token + encode resp", () -> new TimeStampResp(new PKIStatusInfo(PKIStatus.granted),
                ContentInfo.getInstance(tokenDer)).getEncoded(ASN1Encoding.DER).length, 1, 1, seconds);
        double splice = Throughput.measure("  reply: splice token DER", () -> GrantedResponse.encode(tokenDer).length, 1, 1, seconds);
        byte[] spliced = GrantedResponse.encode(tokenDer);
        byte[] reencoded = new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), ContentInfo.getInstance(tokenDer))
                .getEncoded(ASN1Encoding.DER);
        System.out.printf("  (spliced reply identical to the re-encoded one: %s)%n", Arrays.equals(spliced, reencoded));
        TimeStampRequestGenerator noCerts = new TimeStampRequestGenerator();
        noCerts.setCertReq(false);
        byte[] noCertsDer = noCerts.generate(request.getMessageImprintAlgOID(), request.getMessageImprintDigest(),
                request.getNonce()).getEncoded();
        double withoutCerts = Throughput.measure("  full token, certReq=false", () -> pipeline.issueOnce(noCertsDer).length, 1, 1,
                seconds);
        System.out.printf(Locale.ROOT, "RESULT breakdown_us parse=%.1f generate=%.1f encode=%.1f wrap=%.1f splice=%.1f "
                + "full_no_certs=%.1f%n", 1e6 / parse, 1e6 / sign, 1e6 / encode, 1e6 / wrap, 1e6 / splice, 1e6 / withoutCerts);
    }

    /** The issuer's pipeline without clock guard and ledger (see TimeStampIssuer.issue). */
    private static final class TokenPipeline {
        private final TimeStampRequestRules rules;
        private final TimeStampTokenSigner signer;
        private final MonotonicGenTime genTimes;
        private final AtomicLong serials = new AtomicLong(65_536);

        TokenPipeline(SigningKey key) {
            ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier(TsaConfig.SEMPER_DEFAULT_POLICY);
            Duration accuracy = Duration.ofSeconds(1); // semper.tsa.accuracy default
            this.rules = new TimeStampRequestRules(Set.of(policy));
            this.signer = new TimeStampTokenSigner(key, policy, accuracy, // include-name default: the certificate subject
                    Optional.of(X500Name.getInstance(key.certificate().getSubjectX500Principal().getEncoded())));
            this.genTimes = new MonotonicGenTime(Clock.systemUTC(), accuracy);
        }

        byte[] issueOnce(byte[] requestDer) throws Exception {
            TimeStampRequest request = rules.parse(requestDer);
            ImprintAlgorithm algorithm = rules.check(request);
            BigInteger serial = BigInteger.valueOf(serials.getAndIncrement());
            java.time.Instant genTime = genTimes.next();
            byte[] tokenDer = signer.sign(request, serial, genTime).getEncoded(ASN1Encoding.DER);
            IssuedToken issued = new IssuedToken(serial, genTime, TsaConfig.SEMPER_DEFAULT_POLICY, algorithm,
                    request.getMessageImprintDigest(), request.getNonce(), tokenDer);
            return GrantedResponse.encode(issued.tokenDer());
        }
    }

    private static Throughput.Op newRawSigner(SigningKey key, byte[] toBeSigned) {
        Signature signature = key.newSignature();
        return () -> {
            signature.update(toBeSigned);
            return signature.sign().length;
        };
    }

    private static byte[] defaultRequest() throws IOException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        byte[] imprint = new byte[32];
        Arrays.fill(imprint, (byte) 7);
        return generator.generate(NISTObjectIdentifiers.id_sha256, imprint, BigInteger.valueOf(0x1234_5678_9abcL))
                .getEncoded();
    }


}
