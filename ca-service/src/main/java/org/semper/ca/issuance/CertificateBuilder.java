package org.semper.ca.issuance;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.semper.ca.cover.QcStatements;
import org.semper.ca.hierarchy.CaUrls;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.profile.ResolvedProfile;

/** Builds and signs end-entity certificates for a profile. Stateless; the caller records what it returns. */
@ApplicationScoped
public class CertificateBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuingCa ca;
    private final CaUrls urls;

    @Inject
    public CertificateBuilder(IssuingCa ca, CaUrls urls) {
        this.ca = ca;
        this.urls = urls;
    }

    /** A fresh positive serial number with 127 bits of entropy (at most 17 DER octets, RFC 5280 §4.1.2.2). */
    public static BigInteger newSerial() {
        return new BigInteger(127, RANDOM).setBit(127);
    }

    public X509Certificate build(BigInteger serial, X500Name subject, SubjectPublicKeyInfo publicKey, ResolvedProfile profile,
            org.semper.ca.cover.Cover cover, Instant now) {
        try {
            Instant notAfter = now.plus(profile.validity());
            Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
            if (notAfter.isAfter(caNotAfter)) {
                notAfter = caNotAfter;
            }
            X509v3CertificateBuilder builder = new X509v3CertificateBuilder(ca.name(), serial,
                    Date.from(now.minusSeconds(60)), Date.from(notAfter), subject, publicKey);
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.profile().keyUsage()));
            if (!profile.profile().extendedKeyUsages().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, profile.profile().criticalEku(),
                        new ExtendedKeyUsage(profile.profile().extendedKeyUsages().toArray(KeyPurposeId[]::new)));
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca.certificate()));
            builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, urls.crl()))), null, null) }));
            builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription[] {
                    new AccessDescription(AccessDescription.id_ad_ocsp,
                            new GeneralName(GeneralName.uniformResourceIdentifier, urls.ocsp())),
                    new AccessDescription(AccessDescription.id_ad_caIssuers,
                            new GeneralName(GeneralName.uniformResourceIdentifier, urls.caIssuers())) }));
            builder.addExtension(Extension.qCStatements, false, QcStatements.of(cover, urls.pds()));
            if (profile.profile().extendedKeyUsages().contains(KeyPurposeId.id_kp_OCSPSigning)) {
                // RFC 6960 §4.2.2.2.1: relying parties need not check the responder certificate's revocation
                builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(ca.key().contentSigner()));
        } catch (GeneralSecurityException | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("Cannot build the certificate: " + e.getMessage(), e);
        }
    }
}
