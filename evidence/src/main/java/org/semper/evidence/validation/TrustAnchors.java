package org.semper.evidence.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * The certificates a verifier trusts without further proof (RFC 5280 §6.1.1 {@code trust anchor information}).
 *
 * <p>Immutable and never empty. An anchor is usually a root CA, but may also be a pinned end-entity
 * certificate, such as a TSA's own. Validity dates of anchors themselves are not checked (as in RFC 5280 path
 * validation): choosing them is the configuration's job.
 */
public final class TrustAnchors {
    private final Set<X509Certificate> certificates;

    private TrustAnchors(Collection<? extends X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "certificates");
        LinkedHashSet<X509Certificate> copy = new LinkedHashSet<>();
        for (X509Certificate certificate : certificates) {
            copy.add(Objects.requireNonNull(certificate, "a trust anchor is null"));
        }
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed");
        }
        this.certificates = Collections.unmodifiableSet(copy);
    }

    /** Anchors from certificates already loaded; duplicates are dropped, order is kept. */
    public static TrustAnchors of(Collection<? extends X509Certificate> certificates) {
        return new TrustAnchors(certificates);
    }

    /** Anchors from certificates already loaded; duplicates are dropped, order is kept. */
    public static TrustAnchors of(X509Certificate... certificates) {
        return new TrustAnchors(Arrays.asList(certificates));
    }

    /**
     * Reads every {@code CERTIFICATE} block of a PEM file (RFC 7468 §5); text between blocks is ignored.
     *
     * @throws CertificateException if the file holds no certificate, a block that is not a certificate (a key,
     *                              say), or a certificate that does not parse
     */
    public static TrustAnchors fromPem(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            return fromPem(in);
        }
    }

    /**
     * Reads every {@code CERTIFICATE} block of a PEM stream (RFC 7468 §5); text between blocks is ignored.
     * The stream is read to its end and not closed.
     *
     * @throws CertificateException if the stream holds no certificate, a block that is not a certificate (a key,
     *                              say), or a certificate that does not parse
     */
    public static TrustAnchors fromPem(InputStream pem) throws IOException, CertificateException {
        Objects.requireNonNull(pem, "pem");
        Reader reader = new InputStreamReader(pem, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader);
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        while (true) {
            Object block;
            try {
                block = parser.readObject();
            } catch (IOException | RuntimeException e) {
                throw new CertificateException("unreadable PEM block: " + e.getMessage(), e);
            }
            if (block == null) {
                break;
            }
            if (!(block instanceof X509CertificateHolder holder)) {
                throw new CertificateException("PEM block is not a certificate but " + block.getClass().getSimpleName());
            }
            certificates.add(converter.getCertificate(holder));
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no CERTIFICATE block found");
        }
        return new TrustAnchors(certificates);
    }

    /** The anchors, unmodifiable, in the order given. */
    public Set<X509Certificate> certificates() {
        return certificates;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("TrustAnchors[");
        String separator = "";
        for (X509Certificate certificate : certificates) {
            text.append(separator).append(certificate.getSubjectX500Principal().getName());
            separator = "; ";
        }
        return text.append(']').toString();
    }
}
