package org.semper.ca.hierarchy;

import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.x500.X500Name;
import org.semper.ca.CaConfig;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/**
 * The issuing CA: its key (PKCS#12 or PKCS#11, {@code semper.ca.issuing-key.*}) and its chain up to the root.
 * Opened at startup; fails fast if the certificate is not a CA certificate allowed to sign certificates and CRLs.
 */
@ApplicationScoped
public class IssuingCa {

    private final SigningKey key;
    private final X509Certificate root;

    @Inject
    public IssuingCa(CaConfig config) {
        this(KeySources.open(config.issuingKey(), CaConfig.ISSUING_KEY_PREFIX));
    }

    public IssuingCa(SigningKey key) {
        this.key = key;
        X509Certificate cert = key.certificate();
        boolean[] usage = cert.getKeyUsage();
        if (cert.getBasicConstraints() < 0 || usage == null || !usage[5] || !usage[6]) {
            throw new KeySourceException("The issuing CA certificate " + cert.getSubjectX500Principal().getName()
                    + " must be a CA certificate (basicConstraints cA=true) with key usage keyCertSign and cRLSign");
        }
        if (!key.selfTest()) {
            throw new KeySourceException("The issuing CA key " + key.description() + " does not match its certificate or cannot sign");
        }
        List<X509Certificate> chain = key.chain();
        X509Certificate last = chain.get(chain.size() - 1);
        if (chain.size() < 2 || !last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
            throw new KeySourceException("The issuing CA chain of " + key.description()
                    + " must end with the self-signed root (put it in the keystore or in chain-file)");
        }
        this.root = last;
    }

    public SigningKey key() {
        return key;
    }

    public X509Certificate certificate() {
        return key.certificate();
    }

    public X500Name name() {
        return X500Name.getInstance(key.certificate().getSubjectX500Principal().getEncoded());
    }

    public X509Certificate root() {
        return root;
    }

    /** Issuing CA first, root last. */
    public List<X509Certificate> chain() {
        return key.chain();
    }
}
