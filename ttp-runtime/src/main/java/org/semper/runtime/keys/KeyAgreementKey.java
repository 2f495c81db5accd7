package org.semper.runtime.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key used for key agreement (decryption), e.g. the recipient key of an HPKE escrow (RFC 9180), with its
 * certificate chain. Opened by {@link KeySources#openKeyAgreement}.
 *
 * <p>{@link #privateKey()} hands the key object to the one routine that decapsulates with it; nothing here exports,
 * serializes or logs it. For PKCS#11 the object is a handle: a decryption routine that needs the raw scalar (Bouncy
 * Castle's lightweight HPKE) cannot use a token key.
 */
public final class KeyAgreementKey {

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final String description;

    KeyAgreementKey(PrivateKey privateKey, List<X509Certificate> chain, String description) {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.description = description;
    }

    /** For the decapsulation routine only. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return certificate().getPublicKey();
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Where the key is, for logs and health output: never contains a secret. */
    public String description() {
        return description;
    }

    /** True if the key exists in software (PKCS#12), so that a pure-Java HPKE implementation can use it. */
    public boolean extractable() {
        return privateKey.getEncoded() != null;
    }

    @Override
    public String toString() {
        return "KeyAgreementKey[" + description + ", " + certificate().getSubjectX500Principal().getName() + "]";
    }
}
