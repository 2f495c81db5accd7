package org.semper.runtime.keys;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.List;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private key held by a key source, its certificate chain, and the provider that signs with it.
 *
 * <p>The private key object is a handle: for PKCS#11 it refers to a key inside the token and the key material
 * never leaves it; for PKCS#12 it is in this process's memory only. Nothing here exports or logs it.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final Provider provider;
    private final String description;
    private final String signatureAlgorithm;

    public SigningKey(PrivateKey privateKey, List<X509Certificate> chain, Provider provider, String description) {
        if (chain.isEmpty()) {
            throw new KeySourceException("No certificate for the key " + description
                    + ": put the chain in the keystore or set chain-file");
        }
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.description = description;
        this.signatureAlgorithm = signatureAlgorithmFor(chain.get(0));
        // A token key always signs in its token. A software provider without this algorithm (e.g. Ed25519 in some
        // ACCP builds) falls back to the JDK's.
        boolean tokenKey = privateKey.getEncoded() == null;
        this.provider = tokenKey || provider.getService("Signature", signatureAlgorithm) != null
                ? provider : defaultProviderFor(signatureAlgorithm, provider);
    }

    private static Provider defaultProviderFor(String algorithm, Provider preferred) {
        try {
            return Signature.getInstance(algorithm).getProvider();
        } catch (GeneralSecurityException e) {
            return preferred;
        }
    }

    /** The certificate of this key. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Leaf first, root (if present) last. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** JCA signature algorithm matched to the key: ES256/ES384/ES512 by curve size, SHA-256 with RSA, or Ed25519. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The provider that performs the signature (ACCP or Bouncy Castle for software keys, SunPKCS11 for tokens). */
    public Provider provider() {
        return provider;
    }

    /** Where the key is, for logs and health output: never contains a secret. */
    public String description() {
        return description;
    }

    /** A fresh, single-threaded Bouncy Castle {@link ContentSigner} for CMS structures. */
    public ContentSigner contentSigner() {
        try {
            return new JcaContentSignerBuilder(signatureAlgorithm).setProvider(provider).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new KeySourceException("Cannot sign with " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * A {@link Signature} initialised to sign with this key and provider, for callers that sign many messages on one
     * thread (a {@code Signature} is single-threaded). The key stays inside: only the signing operation is handed out.
     */
    public Signature newSignature() {
        try {
            Signature signature = Signature.getInstance(signatureAlgorithm, provider);
            signature.initSign(privateKey);
            return signature;
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot sign with " + description + ": " + e.getMessage(), e);
        }
    }

    /**
     * A JAdES statement signer ({@code org.semper.evidence.statement.StatementSigner}) for this key, its chain and
     * provider. The key stays inside; the signer is thread-safe and may be kept.
     *
     * @throws KeySourceException if the key cannot sign statements (Ed25519: statements use ES256/ES384/PS256)
     */
    public org.semper.evidence.statement.StatementSigner statementSigner() {
        try {
            return org.semper.evidence.statement.StatementSigner.builder(privateKey, chain).provider(provider).build();
        } catch (RuntimeException e) {
            throw new KeySourceException("Cannot sign statements with " + description + ": " + e.getMessage(), e);
        }
    }

    /** Signs {@code data} with the key's default algorithm. */
    public byte[] sign(byte[] data) {
        try {
            Signature signature = newSignature();
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new KeySourceException("Cannot sign with " + description + ": " + e.getMessage(), e);
        }
    }

    /** Signs a probe and verifies it with the certificate's public key; true if the key works and matches. */
    public boolean selfTest() {
        try {
            byte[] probe = "semper-key-self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] sig = sign(probe);
            Signature verifier = Signature.getInstance(signatureAlgorithm);
            verifier.initVerify(certificate().getPublicKey());
            verifier.update(probe);
            return verifier.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    static String signatureAlgorithmFor(X509Certificate certificate) {
        var publicKey = certificate.getPublicKey();
        if (publicKey instanceof ECKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
        }
        if (publicKey instanceof RSAKey) {
            return "SHA256withRSA";
        }
        if (publicKey instanceof java.security.interfaces.EdECKey ed) {
            return ed.getParams().getName(); // Ed25519 (transparency-log checkpoints)
        }
        throw new KeySourceException("Unsupported key type " + publicKey.getAlgorithm()
                + " (Semper signs with EC P-256/P-384/P-521, RSA, or Ed25519 for log checkpoints)");
    }

    @Override
    public String toString() {
        return "SigningKey[" + description + ", " + signatureAlgorithm + ", "
                + certificate().getSubjectX500Principal().getName() + "]";
    }
}
