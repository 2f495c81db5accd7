package org.semper.evidence.verdict;

import org.semper.evidence.exchange.Hashes;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Extension;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.TimeSource;

/**
 * The arbiter's rule on certificate liability: the CA that issued certificate C answers (up to the cover stated in
 * C) for a statement signed with C that a relying party could rely on, if the CA itself now says C was invalid
 * when that statement was made. Established when
 * <ol>
 * <li>a statement signed with C passed validation at a <em>time-stamped</em> time T (so the relying party could
 * rely on it: C was not revoked at T), and</li>
 * <li>a CRL of C's issuer, signed by it, lists C as revoked after T for {@code keyCompromise}, {@code cACompromise}
 * or {@code privilegeWithdrawn} with an {@code invalidityDate} (RFC 5280 §5.3.2: "the date on which it is known or
 * suspected that the private key was compromised or that the certificate otherwise became invalid") at or before
 * T.</li>
 * </ol>
 * The respondent is the CA: the certificate that issued C.
 */
final class Miscertification {
    private static final Set<CRLReason> REASONS = Set.of(CRLReason.KEY_COMPROMISE, CRLReason.CA_COMPROMISE,
            CRLReason.PRIVILEGE_WITHDRAWN);

    private Miscertification() {
    }

    /** The certificate that issued {@code certificate}, among the anchors and the certificates of the case. */
    static Optional<X509Certificate> issuer(CaseEvidence evidence, X509Certificate certificate) {
        List<X509Certificate> candidates = new ArrayList<>(evidence.trust().signers().certificates());
        candidates.addAll(evidence.revocationData().certificates());
        for (CaseItem item : evidence.items()) {
            item.statement().ifPresent(s -> candidates.addAll(s.certificateChain()));
        }
        for (X509Certificate candidate : candidates) {
            if (candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                try {
                    certificate.verify(candidate.getPublicKey());
                    return Optional.of(candidate);
                } catch (GeneralSecurityException | RuntimeException e) {
                    // not this one
                }
            }
        }
        return Optional.empty();
    }

    static JudgeFinding judge(CaseEvidence evidence, X509Certificate certificate, X509Certificate issuer,
            String respondent) {
        String fingerprint = Hashes.fingerprint(certificate);
        List<CaseItem> signed = evidence.items().stream().filter(item -> item.statement().isPresent()
                && Hashes.fingerprint(item.statement().get().signerCertificate()).equals(fingerprint)).toList();
        if (signed.isEmpty()) {
            return note("no-relied-statement", "the case file holds no statement signed with the certificate", List.of());
        }
        List<CaseItem> relied = signed.stream().filter(item -> item.valid()
                && item.check().timeSource().orElse(null) == TimeSource.TIMESTAMPED).toList();
        if (relied.isEmpty()) {
            List<MissingFact> missing = new ArrayList<>();
            for (CaseItem item : signed) {
                if (item.check().indication().orElse(null) == Indication.INDETERMINATE) {
                    missing.add(VerdictEngine.missingFor(item));
                } else if (item.valid()) {
                    missing.add(new MissingFact("time-stamp", "statement " + item.id() + " has only a claimed signing "
                            + "time; reliance needs a signature time-stamp proving when it existed", List.of(item.id())));
                }
            }
            if (!missing.isEmpty()) {
                return new JudgeFinding(List.of(), missing);
            }
            return note("no-reliance", "every statement signed with the certificate failed validation (e.g. revoked "
                    + "before it was made): nobody could rely on it", signed.stream().map(CaseItem::id).toList());
        }
        for (CaseItem item : evidence.items()) {
            if (!"application/pkix-crl".equals(item.item().mediaType()) || !item.check().passed()) {
                continue;
            }
            X509CRL crl;
            try {
                crl = (X509CRL) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCRL(new java.io.ByteArrayInputStream(item.content()));
                if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    continue;
                }
                crl.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException | RuntimeException e) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry == null || entry.getRevocationReason() == null || !REASONS.contains(entry.getRevocationReason())) {
                continue;
            }
            Instant invalid = invalidityDate(entry);
            Instant revoked = entry.getRevocationDate().toInstant();
            if (invalid == null) {
                continue;
            }
            for (CaseItem statement : relied) {
                Instant time = statement.check().validationTime().orElseThrow();
                if (!invalid.isAfter(time) && revoked.isAfter(time)) {
                    return new JudgeFinding(List.of(Fact.of(FactKind.CERTIFICATE_MISCERTIFIED, "statement "
                            + statement.id() + " was signed with the certificate at " + time + " (time-stamped) while "
                            + "the CA still said it was good; the CA's CRL now revokes it (" + entry.getRevocationReason()
                            + ", " + revoked + ") as invalid since " + invalid,
                            List.of(statement.id(), item.id())).about(respondent)), List.of());
                }
            }
        }
        return note("status-was-right", "no CRL of the issuer states the certificate invalid (invalidityDate) at the "
                + "time a relied-on statement was made", relied.stream().map(CaseItem::id).toList());
    }

    private static JudgeFinding note(String code, String text, List<String> items) {
        return new JudgeFinding(List.of(), List.of(), List.of(new Reason(code, text, items)));
    }

    private static Instant invalidityDate(X509CRLEntry entry) {
        byte[] value = entry.getExtensionValue(Extension.invalidityDate.getId());
        if (value == null) {
            return null;
        }
        try {
            return ASN1GeneralizedTime.getInstance(ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value)
                    .getOctets())).getDate().toInstant();
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            return null;
        }
    }

}
