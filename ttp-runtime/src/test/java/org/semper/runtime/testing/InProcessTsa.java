package org.semper.runtime.testing;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.local.LocalKeySpec;
import org.semper.runtime.local.LocalTrustAnchor;


/**
 * A small but real RFC 3161 TSA for tests: Bouncy Castle's {@link TimeStampTokenGenerator} behind the JDK's HTTP
 * server on a loopback port ({@code POST /tsa}). It can be switched off (HTTP 503) or made to answer with a token
 * over the wrong imprint, to test clients that must not depend on it.
 */
public final class InProcessTsa implements AutoCloseable {

    /** How the TSA answers. */
    public enum Mode {
        /** Grants every request. */
        GRANT,
        /** Answers 503 (as a TSA that is down behind a proxy). */
        DOWN,
        /** Grants, but time-stamps other data (echoing the nonce): a client must refuse the token. */
        WRONG_IMPRINT
    }

    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("2.25.1234567890");

    private final LoopbackServer server;
    private final SigningKey key;
    private final AtomicLong serial = new AtomicLong(1);
    private final AtomicInteger granted = new AtomicInteger();
    private volatile Mode mode;

    private InProcessTsa(SigningKey key, Mode mode) {
        this.key = key;
        this.mode = mode;
        this.server = new LoopbackServer()
                .serve("/tsa", () -> this.mode != Mode.DOWN, "application/timestamp-reply", body -> respond(body, this.mode))
                .start();
    }

    /**
     * A TSA whose key is certified by the local trust anchor in {@code dataRoot/local-ca} (created if missing): the
     * same anchor a service under test trusts on the local/test profile.
     */
    public static InProcessTsa underLocalAnchor(Path dataRoot, Mode mode) {
        Path keystore = dataRoot.resolve("test-tsa").resolve("tsa.p12");
        String password = LocalTrustAnchor.loadOrCreate(dataRoot.resolve("local-ca")).ensureKeyStore(
                LocalKeySpec.timeStamping("test.tsa", "tsa", "CN=Semper Test TSA,O=Semper"), keystore);
        return new InProcessTsa(KeySources.openPkcs12(keystore, password, Optional.empty(), Optional.empty()), mode);
    }

    public URI url() {
        return URI.create(server.base() + "/tsa");
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** Tokens granted so far. */
    public int granted() {
        return granted.get();
    }

    private byte[] respond(byte[] body, Mode now) throws Exception {
        TimeStampRequest request = new TimeStampRequest(body);
        if (now == Mode.WRONG_IMPRINT) {
            byte[] other = MessageDigest.getInstance("SHA-256").digest("something else".getBytes());
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            request = generator.generate(TSPAlgorithms.SHA256, other, request.getNonce());
        }
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        SignerInfoGenerator signerInfo = new JcaSignerInfoGeneratorBuilder(digests).build(key.contentSigner(), key.certificate());
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(signerInfo,
                digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)), POLICY);
        tokens.addCertificates(new JcaCertStore(key.chain()));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens,
                Set.of(TSPAlgorithms.SHA256, TSPAlgorithms.SHA384, TSPAlgorithms.SHA512));
        TimeStampResponse response = responses.generate(request, BigInteger.valueOf(serial.getAndIncrement()), new Date());
        if (response.getTimeStampToken() != null) {
            granted.incrementAndGet();
        }
        return response.getEncoded();
    }

    @Override
    public void close() {
        server.stop();
    }
}
