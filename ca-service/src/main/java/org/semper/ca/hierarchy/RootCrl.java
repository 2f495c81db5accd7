package org.semper.ca.hierarchy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.semper.ca.revocation.RevocationReason;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/**
 * The root's CRL of CA certificates (an ARL, RFC 5280 §5: {@code issuingDistributionPoint} with
 * {@code onlyContainsCACerts}), the revocation source the issuing CA certificate names in its CRL distribution point
 * ({@code <base>/crl/root.crl}). The root key is offline, so the ARL is signed at the key ceremony and again by the
 * ceremony command ({@code ceremony arl}) when a CA certificate is revoked or before {@code nextUpdate}; its
 * {@code nextUpdate} is long (365 days by default). On the {@code local} profile, where the development root's key is
 * on disk, the service signs it itself.
 *
 * <p>A root folder holds {@code root.p12} (the root key and certificate), its password (given, or in
 * {@code root.p12.pass}) and {@code root.crl} (DER): the ceremony's output folder, or {@code data/local-ca}.
 * Re-signing keeps every entry of the previous ARL (revocation is final) and increments its CRL number.
 */
public final class RootCrl {

    public static final String FILE = "root.crl";
    public static final String KEYSTORE = "root.p12";
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

    /** One revoked CA certificate. */
    public record Entry(BigInteger serial, Instant revokedAt, int reasonCode) {
    }

    private RootCrl() {
    }

    /** The root key of a root folder: {@code root.p12}, with {@code password} or else {@code root.p12.pass}. */
    public static SigningKey rootKey(Path folder, String password) throws IOException {
        Path keystore = folder.resolve(KEYSTORE);
        String secret = password != null && !password.isBlank() ? password
                : Files.readString(keystore.resolveSibling(KEYSTORE + ".pass"), StandardCharsets.US_ASCII).trim();
        return KeySources.openPkcs12(keystore, secret, Optional.empty(), Optional.empty());
    }

    /** An ARL of {@code root} revoking {@code entries}, valid from {@code now} for {@code validity}. */
    public static X509CRL sign(SigningKey root, Instant now, Duration validity, BigInteger number, List<Entry> entries)
            throws GeneralSecurityException, IOException {
        X509Certificate certificate = root.certificate();
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()), Date.from(now));
        builder.setNextUpdate(Date.from(now.plus(validity)));
        for (Entry entry : entries) {
            builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), entry.reasonCode());
        }
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
        // RFC 5280 §5.2.5: critical, and this CRL covers CA certificates only (it is an ARL).
        builder.addExtension(Extension.issuingDistributionPoint, true,
                new IssuingDistributionPoint(null, false, true, null, false, false));
        return new JcaX509CRLConverter().getCRL(builder.build(root.contentSigner()));
    }

    /**
     * Signs the folder's next ARL: the previous one's entries (checked to be the root's), plus {@code revoke} (a CA
     * certificate the root issued) if given, CRL number + 1, and writes it to {@code root.crl} (replacing it
     * atomically).
     *
     * @throws IllegalArgumentException if {@code revoke} is not a CA certificate of this root, or already revoked
     */
    public static X509CRL reissue(Path folder, SigningKey root, Duration validity, Optional<X509Certificate> revoke,
            RevocationReason reason, Instant now) throws IOException, GeneralSecurityException {
        Optional<X509CRL> previous = read(folder.resolve(FILE));
        List<Entry> entries = new ArrayList<>();
        BigInteger number = BigInteger.ONE;
        if (previous.isPresent()) {
            X509CRL crl = previous.get();
            crl.verify(root.certificate().getPublicKey());
            for (X509CRLEntry entry : crl.getRevokedCertificates() == null ? List.<X509CRLEntry>of()
                    : crl.getRevokedCertificates()) {
                entries.add(new Entry(entry.getSerialNumber(), entry.getRevocationDate().toInstant(),
                        entry.getRevocationReason() == null ? 0 : entry.getRevocationReason().ordinal()));
            }
            number = number(crl).add(BigInteger.ONE);
        }
        if (revoke.isPresent()) {
            X509Certificate ca = revoke.get();
            try {
                ca.verify(root.certificate().getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(ca.getSubjectX500Principal().getName() + " is not issued by the root "
                        + root.certificate().getSubjectX500Principal().getName());
            }
            if (ca.getBasicConstraints() < 0) {
                throw new IllegalArgumentException(ca.getSubjectX500Principal().getName()
                        + " is not a CA certificate; the root's CRL lists CA certificates only");
            }
            if (entries.stream().anyMatch(e -> e.serial().equals(ca.getSerialNumber()))) {
                throw new IllegalArgumentException(ca.getSubjectX500Principal().getName() + " is already revoked");
            }
            entries.add(new Entry(ca.getSerialNumber(), now, reason.code()));
        }
        X509CRL next = sign(root, now, validity, number, entries);
        write(folder.resolve(FILE), next.getEncoded());
        return next;
    }

    /** The ARL in {@code file} (DER or PEM), or empty if there is no such file. */
    public static Optional<X509CRL> read(Path file) throws IOException, CRLException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readAllBytes(file)));
    }

    /** A CRL from DER or PEM bytes. */
    public static X509CRL parse(byte[] bytes) throws CRLException {
        byte[] der = bytes;
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.startsWith("-----BEGIN X509 CRL-----")) {
            der = Base64.getMimeDecoder().decode(text.replace("-----BEGIN X509 CRL-----", "")
                    .replace("-----END X509 CRL-----", "").trim());
        }
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CRLException("not a CRL: " + e.getMessage(), e);
        }
    }

    /** The CRL number (RFC 5280 §5.2.3), 0 if absent. */
    public static BigInteger number(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return BigInteger.ZERO;
        }
        return CRLNumber.getInstance(org.bouncycastle.asn1.ASN1OctetString.getInstance(value).getOctets()).getCRLNumber();
    }

    /** Whether half of the ARL's validity has passed (time to sign the next one), or it has no nextUpdate. */
    public static boolean due(X509CRL crl, Instant now) {
        if (crl.getNextUpdate() == null) {
            return true;
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        Duration validity = Duration.between(thisUpdate, crl.getNextUpdate().toInstant());
        return !now.isBefore(thisUpdate.plus(validity.dividedBy(2)));
    }

    private static void write(Path file, byte[] der) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, der);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
