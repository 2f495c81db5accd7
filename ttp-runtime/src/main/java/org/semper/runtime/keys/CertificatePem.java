package org.semper.runtime.keys;

import java.io.IOException;
import java.io.StringWriter;
import java.security.cert.Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of certificates (RFC 7468), in the given order. */
public final class CertificatePem {

    private CertificatePem() {
    }

    public static String encode(List<? extends Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Certificate c : certificates) {
                writer.writeObject(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode certificates as PEM", e);
        }
        return out.toString();
    }
}
