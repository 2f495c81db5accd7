package org.semper.agent.consent;

import java.io.ByteArrayOutputStream;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

import org.semper.evidence.statement.StatementSigner;

/**
 * Statement signers whose key signs nothing without consent. The gate sits at the lowest level: the signer runs its
 * JWS signatures through a private JCA provider whose {@code Signature} decodes the exact signing input it is given
 * ({@code b64u(header).b64u(payload)}), asks the {@link SigningConsent}, and only then lets the real signature
 * (the JDK's, with the party's key) run. So what the person sees is, by construction, the bytes that get signed,
 * whichever library code builds the payload. The provider is never registered with the JVM.
 */
public final class ConsentingSigners {
    /** The JCA names nimbus-jose-jwt asks for ES256, ES384, ES512 (party keys are EC). */
    private static final List<String> ALGORITHMS = List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA");

    private ConsentingSigners() {
    }

    /**
     * A signer for {@code key} and {@code chain} (leaf first) that asks {@code consent} before each signature.
     *
     * @throws IllegalArgumentException if the key is not an EC key matching the leaf certificate
     */
    public static StatementSigner signer(PrivateKey key, List<X509Certificate> chain, SigningConsent consent) {
        Objects.requireNonNull(consent, "consent");
        if (!"EC".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("party keys are EC keys (P-256), not " + key.getAlgorithm());
        }
        Gate gate = new Gate(consent, chain.get(0));
        StatementSigner signer = StatementSigner.builder(key, chain).provider(gate.provider).build();
        gate.armed = true;   // the probe signature of build() is over a fixed test string, not a statement
        return signer;
    }

    /** The consent gate shared by the provider's signature objects. */
    private static final class Gate {
        final SigningConsent consent;
        final X509Certificate signer;
        final Provider provider;
        volatile boolean armed;

        Gate(SigningConsent consent, X509Certificate signer) {
            this.consent = consent;
            this.signer = signer;
            this.provider = new GateProvider(this);
        }
    }

    private static final class GateProvider extends Provider {
        private static final long serialVersionUID = 1L;

        GateProvider(Gate gate) {
            super("SemperConsent", "1.0", "asks before every signature (what you see is what you sign)");
            for (String algorithm : ALGORITHMS) {
                putService(new Service(this, "Signature", algorithm, GatedSignature.class.getName(), null, null) {
                    @Override
                    public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                        return new GatedSignature(gate, Signature.getInstance(algorithm));
                    }
                });
            }
        }
    }

    /** Buffers the signing input, asks for consent at {@code sign()}, then signs with the JDK's signature. */
    private static final class GatedSignature extends SignatureSpi {
        private final Gate gate;
        private final Signature delegate;
        private final ByteArrayOutputStream input = new ByteArrayOutputStream();

        GatedSignature(Gate gate, Signature delegate) {
            this.gate = gate;
            this.delegate = delegate;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("this provider only signs");
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            input.reset();
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey, SecureRandom random) throws InvalidKeyException {
            input.reset();
            delegate.initSign(privateKey, random);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            input.write(b);
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            input.write(b, off, len);
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            byte[] signingInput = input.toByteArray();
            input.reset();
            if (gate.armed) {
                SigningRequest request;
                try {
                    request = SigningRequest.decode(signingInput, gate.signer, SigningPurpose.current());
                } catch (IllegalArgumentException e) {
                    throw new SignatureException("refused: the party key signs only statements it can show", e);
                }
                if (!gate.consent.approve(request)) {
                    throw new SignatureException("declined", new SignatureDeclinedException(
                            "signature of " + request.type() + " declined"));
                }
            }
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            throw new SignatureException("this provider only signs");
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
