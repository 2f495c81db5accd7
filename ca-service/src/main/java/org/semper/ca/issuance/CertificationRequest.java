package org.semper.ca.issuance;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Base64;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.semper.ca.profile.KeyPolicy;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.problem.ProblemException;

/**
 * A PKCS#10 request that has passed the checks every profile shares: it parses, its key is acceptable
 * ({@link KeyPolicy}), and its signature verifies with that key (proof of possession).
 */
public record CertificationRequest(X500Name subject, SubjectPublicKeyInfo publicKeyInfo, PublicKey publicKey) {

    private static final int MAX_CSR_BYTES = 16 * 1024;

    /** Parses PEM ({@code -----BEGIN CERTIFICATE REQUEST-----}) or bare base64 DER, and checks key and signature. */
    public static CertificationRequest parse(String text) {
        return parse(der(text));
    }

    /** Parses a DER PKCS#10 request (as {@link #der} returns it), and checks key and signature. */
    public static CertificationRequest parse(byte[] der) {
        PKCS10CertificationRequest csr = decode(der);
        SubjectPublicKeyInfo info = csr.getSubjectPublicKeyInfo();
        PublicKey key;
        try {
            key = new JcaPKCS10CertificationRequest(csr).setProvider(CryptoProviders.bouncyCastle()).getPublicKey();
        } catch (Exception e) {
            throw new ProblemException(IssuanceProblem.UNSUPPORTED_KEY, "The public key cannot be decoded: " + e.getMessage());
        }
        KeyPolicy.check(info, key).ifPresent(reason -> {
            throw new ProblemException(reason.contains("weak") ? IssuanceProblem.WEAK_KEY : IssuanceProblem.UNSUPPORTED_KEY, reason);
        });
        boolean valid;
        try {
            valid = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build(key));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw new ProblemException(IssuanceProblem.CSR_SIGNATURE_INVALID,
                    "The request's signature does not verify with the public key it contains");
        }
        return new CertificationRequest(csr.getSubject(), info, key);
    }

    /**
     * A key the CA generated itself (the local bootstrap, like the OCSP responder's): the key policy applies; there is
     * no proof of possession to check, and an escrow (key-agreement) key is never made to sign.
     */
    public static CertificationRequest forGeneratedKey(X500Name subject, PublicKey key) {
        SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        KeyPolicy.check(info, key).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return new CertificationRequest(subject, info, key);
    }

    /** The DER bytes of a PEM or base64 request (at most 16 KiB; {@link #parse(byte[])} checks the structure). */
    public static byte[] der(String text) {
        if (text == null || text.isBlank()) {
            throw new ProblemException(IssuanceProblem.MALFORMED_CSR, "The request carries no CSR");
        }
        String body = text.replaceAll("-----(BEGIN|END) (NEW )?CERTIFICATE REQUEST-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(IssuanceProblem.MALFORMED_CSR, "The CSR is neither PEM nor base64");
        }
        if (der.length == 0 || der.length > MAX_CSR_BYTES) {
            throw new ProblemException(IssuanceProblem.MALFORMED_CSR, "The CSR is empty or larger than " + MAX_CSR_BYTES + " bytes");
        }
        return der;
    }

    private static PKCS10CertificationRequest decode(byte[] der) {
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(der);
            csr.getSubjectPublicKeyInfo().getAlgorithm(); // forces the structure to be complete
            return csr;
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(IssuanceProblem.MALFORMED_CSR, "The CSR is not a DER-encoded PKCS#10 request");
        }
    }
}
