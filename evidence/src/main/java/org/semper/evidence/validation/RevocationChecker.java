package org.semper.evidence.validation;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Finds the revocation status of a certificate at a time T in supplied CRLs (RFC 5280 §5) and OCSP responses
 * (RFC 6960), checking each item before it counts.
 *
 * <p>A <b>CRL</b> counts if its issuer name is the certificate's issuer name, its signature verifies with the
 * issuer certificate's key, the issuer's key usage (if stated) includes {@code cRLSign}, it is not a delta CRL,
 * and its issuing distribution point (if any) covers the certificate (not indirect, no {@code onlySomeReasons},
 * {@code onlyContainsUserCerts}/{@code onlyContainsCACerts} consistent with the certificate).
 *
 * <p>An <b>OCSP response</b> counts for a certificate if a single response's {@code CertID} names it (serial and
 * issuer hashes), and the response is signed either by the issuer itself or by a delegated responder certificate
 * (in the response or among the supplied certificates) that the issuer signed, whose extended key usage includes
 * {@code id-kp-OCSPSigning} and which is valid at {@code producedAt} (RFC 6960 §4.2.2.2). A delegated responder
 * certificate with {@code id-pkix-ocsp-nocheck} is trusted for its lifetime (RFC 6960 §4.2.2.2.1); one without it
 * must itself be shown not revoked at {@code producedAt}, by the supplied CRLs or OCSP responses the issuer signed
 * itself (then by what the policy's {@link RevocationFetcher} fetches, if any): revoked at or before
 * {@code producedAt}, revoked later for a reason that does not rule out key compromise (a compromised key can
 * back-date {@code producedAt}), or of unknown status, and its responses do not count.
 *
 * <p>Then:
 * <ul>
 * <li>Any counting item that lists the certificate as revoked (or on hold) makes it {@code REVOKED}, with the
 * earliest revocation time found, whenever the item was produced: revocation is final.</li>
 * <li>Otherwise an item proves {@code GOOD} at T only if it is <em>fresh</em>: {@code T + grace - tolerance <= thisUpdate <= now}
 * (produced after T, so that any revocation before T would be in it; not dated in the future, i.e. after
 * {@code now + tolerance}; the tolerance is zero unless an online relying party that caches revocation data sets
 * it, see {@link ValidationPolicy}). Its
 * {@code nextUpdate} does not matter: old evidence is judged with data produced after it. For a <em>CA</em>
 * certificate, an item that was current at T ({@code thisUpdate <= T < nextUpdate}) and at most
 * {@link ValidationPolicy#caRevocationMaxAge()} old at T is fresh too: an offline root publishes its CRL of CA
 * certificates (ARL) rarely, with a long {@code nextUpdate}, and a new one whenever it revokes a CA. An item must
 * also still cover the certificate: {@code thisUpdate <= notAfter}, unless the CRL has {@code expiredCertsOnCRL} (RFC 5280
 * §5.2.7) or the OCSP response an {@code archiveCutoff} (RFC 6960 §4.4.4) at or before {@code notAfter}, since
 * CAs may drop expired certificates from their status information.</li>
 * <li>Otherwise the status is {@code UNKNOWN}: the caller reports {@code TRY_LATER}.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class RevocationChecker {
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    /** RFC 5280 §5.2.7 expiredCertsOnCRL (no constant in Bouncy Castle's {@link Extension}). */
    private static final String EXPIRED_CERTS_ON_CRL = "2.5.29.60";

    private final Duration grace;
    private final Duration tolerance;
    private final Duration caMaxAge;
    private final RevocationFetcher fetcher;
    private final Clock clock;

    public RevocationChecker(Duration grace, Clock clock) {
        this(grace, Duration.ZERO, clock);
    }

    /**
     * @param tolerance how long before T (plus grace) an item may have been produced and still prove {@code GOOD}
     *                  (see {@link ValidationPolicy}); zero keeps the strict rule
     */
    public RevocationChecker(Duration grace, Duration tolerance, Clock clock) {
        this(grace, tolerance, ValidationPolicy.DEFAULT_CA_REVOCATION_MAX_AGE, null, clock);
    }

    private RevocationChecker(Duration grace, Duration tolerance, Duration caMaxAge, RevocationFetcher fetcher,
            Clock clock) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.caMaxAge = Objects.requireNonNull(caMaxAge, "caMaxAge");
        this.fetcher = fetcher;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A checker with the grace period, tolerance, CA rule, clock and (for {@link #checkOrFetch} and delegated OCSP
     * responders) revocation fetcher of a policy.
     */
    public static RevocationChecker of(ValidationPolicy policy) {
        return new RevocationChecker(policy.revocationGracePeriod(), policy.revocationTolerance(),
                policy.caRevocationMaxAge(), policy.revocationFetcher().orElse(null), policy.clock());
    }

    /** The status of {@code certificate}, issued by {@code issuer}, at {@code time}, from {@code data}. */
    public RevocationCheck check(X509Certificate certificate, X509Certificate issuer, Instant time, RevocationData data) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        return new Search(certificate, issuer, time, data, true).run();
    }

    /**
     * As {@link #check}, and if that finds no usable item and the policy has a {@link RevocationFetcher}, again with
     * what it fetches added.
     */
    public RevocationCheck checkOrFetch(X509Certificate certificate, X509Certificate issuer, Instant time,
            RevocationData data) {
        RevocationCheck check = check(certificate, issuer, time, data);
        if (check.status() == RevocationCheck.Status.UNKNOWN && fetcher != null) {
            RevocationData fetched = fetcher.fetch(certificate, issuer);
            if (fetched != null && !fetched.isEmpty()) {
                check = check(certificate, issuer, time, data.with(fetched));
            }
        }
        return check;
    }

    /**
     * {@link #checkOrFetch} for every certificate of a validated chain (end entity first, trust anchor last) but the
     * anchor, each with the next one as its issuer; empty for a pinned certificate (a chain of one).
     */
    public List<RevocationCheck> checkPath(List<X509Certificate> chain, Instant time, RevocationData data) {
        List<RevocationCheck> checks = new ArrayList<>();
        for (int i = 0; i < chain.size() - 1; i++) {
            checks.add(checkOrFetch(chain.get(i), chain.get(i + 1), time, data));
        }
        return List.copyOf(checks);
    }

    /**
     * Why a delegated responder's responses must not count (RFC 6960 §4.2.2.2.1), or null: it has
     * {@code id-pkix-ocsp-nocheck}, or it was not revoked when it produced the response.
     */
    private String responderRevocationProblem(X509Certificate responder, X509Certificate issuer, Instant producedAt,
            RevocationData data, boolean nested) {
        if (responder.getExtensionValue(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck.getId()) != null) {
            return null;
        }
        String who = "responder " + subject(responder);
        if (nested) {
            return who + " has no id-pkix-ocsp-nocheck, and a responder does not vouch for another one's status";
        }
        RevocationCheck status = new Search(responder, issuer, producedAt, data, false).run();
        if (status.status() == RevocationCheck.Status.UNKNOWN && fetcher != null) {
            RevocationData fetched = fetcher.fetch(responder, issuer);
            if (fetched != null && !fetched.isEmpty()) {
                status = new Search(responder, issuer, producedAt, data.with(fetched), false).run();
            }
        }
        switch (status.status()) {
            case GOOD:
                return null;
            case REVOKED:
                Instant at = status.revocationTime().orElseThrow();
                if (!at.isAfter(producedAt)) {
                    return who + " was revoked at " + at + ", before it produced the response";
                }
                return status.mayBeKeyCompromise() ? who + " was revoked at " + at + " for a reason that does not "
                        + "rule out key compromise (" + status.revocationReason().orElse("none stated")
                        + "), so the response's producedAt proves nothing" : null;
            default:
                return who + " has no id-pkix-ocsp-nocheck and its own revocation status is unknown: "
                        + status.message();
        }
    }

    /** One certificate's search; not thread-safe. */
    private final class Search {
        private final X509Certificate certificate;
        private final X509Certificate issuer;
        private final Instant time;
        private final RevocationData data;
        private final boolean topLevel;
        private final Instant freshFrom;
        private final Instant now;
        private final List<String> notes = new ArrayList<>();
        private RevocationCheck revoked;
        private RevocationCheck good;

        /**
         * @param topLevel false for the status of a delegated OCSP responder itself: then no other delegated
         *                 responder counts (no chains of responders vouching for each other)
         */
        Search(X509Certificate certificate, X509Certificate issuer, Instant time, RevocationData data, boolean topLevel) {
            this.certificate = certificate;
            this.issuer = issuer;
            this.time = time;
            this.data = data;
            this.topLevel = topLevel;
            this.freshFrom = time.plus(grace).minus(tolerance);
            // An online relying party's tolerance also covers data dated slightly after its "now": clock skew with
            // the CA, and data fetched after a validation clock was fixed at the start of a request.
            this.now = clock.instant().plus(tolerance);
        }

        RevocationCheck run() {
            for (X509CRL crl : data.crls()) {
                crl(crl);
            }
            for (BasicOCSPResp response : data.ocspResponses()) {
                ocsp(response, data.certificates());
            }
            return result();
        }

        void crl(X509CRL crl) {
            if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
                return;
            }
            String what = "CRL of " + crl.getThisUpdate().toInstant();
            try {
                crl.verify(issuer.getPublicKey(), BOUNCY_CASTLE);
            } catch (GeneralSecurityException | RuntimeException e) {
                notes.add(what + ": signature does not verify with the issuer's key");
                return;
            }
            boolean[] keyUsage = issuer.getKeyUsage();
            if (keyUsage != null && (keyUsage.length < 7 || !keyUsage[6])) {
                notes.add(what + ": the issuer's key usage lacks cRLSign");
                return;
            }
            if (crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null) {
                notes.add(what + ": delta CRLs are not used");
                return;
            }
            String scope = scopeProblem(crl);
            if (scope != null) {
                notes.add(what + ": " + scope);
                return;
            }
            Instant thisUpdate = crl.getThisUpdate().toInstant();
            if (thisUpdate.isAfter(now)) {
                notes.add(what + ": dated in the future");
                return;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(certificate);
            if (entry != null && entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL) {
                CRLReason reason = entry.getRevocationReason();
                revoked(RevocationCheck.revoked(certificate, RevocationCheck.Source.CRL, thisUpdate,
                        entry.getRevocationDate().toInstant(), reason == null ? null : reason.name(), issuer,
                        "revoked at " + entry.getRevocationDate().toInstant()
                                + (reason == null ? "" : " (" + reason.name() + ")") + " according to the " + what));
                return;
            }
            Instant cutoff = generalizedTime(crl.getExtensionValue(EXPIRED_CERTS_ON_CRL));
            Instant nextUpdate = crl.getNextUpdate() == null ? null : crl.getNextUpdate().toInstant();
            freshGood(RevocationCheck.Source.CRL, thisUpdate, nextUpdate, cutoff, issuer, what);
        }

        void ocsp(BasicOCSPResp response, List<X509Certificate> extraCertificates) {
            List<SingleResp> mine = new ArrayList<>();
            try {
                DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().setProvider(BOUNCY_CASTLE)
                        .build();
                X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
                for (SingleResp single : response.getResponses()) {
                    CertificateID id = single.getCertID();
                    if (id.getSerialNumber().equals(certificate.getSerialNumber())
                            && id.matchesIssuer(issuerHolder, digests)) {
                        mine.add(single);
                    }
                }
            } catch (OperatorCreationException | OCSPException | CertificateException | RuntimeException e) {
                notes.add("unreadable OCSP response: " + e.getMessage());
                return;
            }
            if (mine.isEmpty()) {
                return;
            }
            String what = "OCSP response produced at " + response.getProducedAt().toInstant();
            X509Certificate responder = responder(response, extraCertificates, what);
            if (responder == null) {
                return;
            }
            Instant cutoff = generalizedTime(response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_archive_cutoff));
            for (SingleResp single : mine) {
                Instant thisUpdate = single.getThisUpdate().toInstant();
                if (thisUpdate.isAfter(now)) {
                    notes.add(what + ": thisUpdate in the future");
                    continue;
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    Instant nextUpdate = single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant();
                    freshGood(RevocationCheck.Source.OCSP, thisUpdate, nextUpdate, cutoff, responder, what);
                } else if (status instanceof RevokedStatus revokedStatus) {
                    String reason = null;
                    if (revokedStatus.hasRevocationReason()) {
                        int code = revokedStatus.getRevocationReason();
                        reason = code >= 0 && code < CRLReason.values().length ? CRLReason.values()[code].name()
                                : "reason " + code;
                    }
                    Instant at = revokedStatus.getRevocationTime().toInstant();
                    revoked(RevocationCheck.revoked(certificate, RevocationCheck.Source.OCSP, thisUpdate, at, reason,
                            responder, "revoked at " + at + (reason == null ? "" : " (" + reason + ")")
                                    + " according to the " + what));
                } else if (status instanceof UnknownStatus) {
                    notes.add(what + ": status unknown to the responder");
                }
            }
        }

        /** The issuer, or a delegated responder it authorised; null (with a note) if the response is not trusted. */
        private X509Certificate responder(BasicOCSPResp response, List<X509Certificate> extraCertificates, String what) {
            List<X509Certificate> candidates = new ArrayList<>();
            candidates.add(issuer);
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            try {
                for (X509CertificateHolder holder : response.getCerts()) {
                    candidates.add(converter.getCertificate(holder));
                }
            } catch (CertificateException e) {
                notes.add(what + ": unreadable responder certificate");
                return null;
            }
            candidates.addAll(extraCertificates);
            RespID responderId = response.getResponderId();
            for (X509Certificate candidate : candidates) {
                if (!matches(responderId, candidate)) {
                    continue;
                }
                boolean delegated = !candidate.equals(issuer);
                if (delegated) {
                    String problem = delegationProblem(candidate, response);
                    if (problem != null) {
                        notes.add(what + ": " + problem);
                        continue;
                    }
                }
                try {
                    if (!response.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BOUNCY_CASTLE)
                            .build(candidate))) {
                        notes.add(what + ": signature does not verify with " + subject(candidate));
                        continue;
                    }
                } catch (OperatorCreationException | OCSPException | RuntimeException e) {
                    notes.add(what + ": signature cannot be checked: " + e.getMessage());
                    continue;
                }
                String revocationProblem = delegated ? responderRevocationProblem(candidate, issuer,
                        response.getProducedAt().toInstant(), data, !topLevel) : null;
                if (revocationProblem != null) {
                    notes.add(what + ": " + revocationProblem);
                    continue;
                }
                return candidate;
            }
            notes.add(what + ": not signed by the issuer or a responder the issuer authorised");
            return null;
        }

        private String delegationProblem(X509Certificate responder, BasicOCSPResp response) {
            if (!responder.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                return "responder " + subject(responder) + " is not issued by the certificate's issuer";
            }
            try {
                responder.verify(issuer.getPublicKey(), BOUNCY_CASTLE);
            } catch (GeneralSecurityException | RuntimeException e) {
                return "responder " + subject(responder) + " is not signed by the certificate's issuer";
            }
            try {
                List<String> purposes = responder.getExtendedKeyUsage();
                if (purposes == null || !purposes.contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                    return "responder " + subject(responder) + " lacks id-kp-OCSPSigning (RFC 6960 §4.2.2.2)";
                }
            } catch (CertificateParsingException e) {
                return "responder " + subject(responder) + " has an unreadable extended key usage";
            }
            try {
                responder.checkValidity(response.getProducedAt());
            } catch (GeneralSecurityException e) {
                return "responder " + subject(responder) + " was not valid when the response was produced";
            }
            return null;
        }

        private void freshGood(RevocationCheck.Source source, Instant thisUpdate, Instant nextUpdate, Instant cutoff,
                X509Certificate signer, String what) {
            String currentAtT = "";
            if (thisUpdate.isBefore(freshFrom)) {
                if (!currentForCaCertificate(thisUpdate, nextUpdate)) {
                    notes.add(what + ": not revoked then, but produced before " + freshFrom
                            + (certificate.getBasicConstraints() >= 0 ? " and not current at " + time + " (nextUpdate "
                                    + nextUpdate + ", at most " + caMaxAge + " old)" : "")
                            + ", so it says nothing about the time that matters");
                    return;
                }
                currentAtT = ", current at " + time + " (until " + nextUpdate + ")";
            }
            Instant notAfter = certificate.getNotAfter().toInstant();
            if (thisUpdate.isAfter(notAfter) && (cutoff == null || cutoff.isAfter(notAfter))) {
                notes.add(what + ": produced after the certificate expired (" + notAfter
                        + ") without expiredCertsOnCRL/archiveCutoff, so its silence proves nothing");
                return;
            }
            if (good == null) {
                good = RevocationCheck.good(certificate, source, thisUpdate, signer,
                        "not revoked according to the " + what + currentAtT + " (signed by " + subject(signer) + ")");
            }
        }

        /** The rule for CA certificates: an item current at T, at most {@code caMaxAge} old then. */
        private boolean currentForCaCertificate(Instant thisUpdate, Instant nextUpdate) {
            return certificate.getBasicConstraints() >= 0 && !caMaxAge.isZero() && nextUpdate != null
                    && !thisUpdate.isAfter(time) && time.isBefore(nextUpdate) && !thisUpdate.isBefore(time.minus(caMaxAge));
        }

        private void revoked(RevocationCheck check) {
            if (revoked == null || check.revocationTime().get().isBefore(revoked.revocationTime().get())) {
                revoked = check;
            }
        }

        private String scopeProblem(X509CRL crl) {
            byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
            if (value == null) {
                return null;
            }
            IssuingDistributionPoint idp;
            try {
                idp = IssuingDistributionPoint.getInstance(
                        ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(value).getOctets()));
            } catch (IOException | RuntimeException e) {
                return "unreadable issuing distribution point";
            }
            boolean ca = certificate.getBasicConstraints() >= 0;
            if (idp.isIndirectCRL()) {
                return "indirect CRLs are not used";
            }
            if (idp.getOnlySomeReasons() != null) {
                return "a CRL for some reasons only is not complete";
            }
            if (idp.onlyContainsAttributeCerts()) {
                return "covers attribute certificates only";
            }
            if (idp.onlyContainsUserCerts() && ca) {
                return "covers end-entity certificates only";
            }
            if (idp.onlyContainsCACerts() && !ca) {
                return "covers CA certificates only";
            }
            return null;
        }

        RevocationCheck result() {
            if (revoked != null) {
                return revoked;
            }
            if (good != null) {
                return good;
            }
            return RevocationCheck.unknown(certificate, notes.isEmpty()
                    ? "no CRL or OCSP response for this certificate was supplied"
                    : "no usable revocation information: " + String.join("; ", notes));
        }
    }

    private static boolean matches(RespID responderId, X509Certificate candidate) {
        try {
            if (responderId.equals(new RespID(X500Name.getInstance(candidate.getSubjectX500Principal().getEncoded())))) {
                return true;
            }
            return responderId.equals(new RespID(SubjectPublicKeyInfo.getInstance(candidate.getPublicKey().getEncoded()),
                    new JcaDigestCalculatorProviderBuilder().setProvider(BOUNCY_CASTLE).build()
                            .get(CertificateID.HASH_SHA1)));
        } catch (OperatorCreationException | OCSPException | RuntimeException e) {
            return false;
        }
    }

    /** A GeneralizedTime extension value (expiredCertsOnCRL, archiveCutoff), DER of the OCTET STRING or not. */
    private static Instant generalizedTime(Object extension) {
        try {
            if (extension == null) {
                return null;
            }
            ASN1Primitive value;
            if (extension instanceof byte[] wrapped) {
                value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(wrapped).getOctets());
            } else {
                value = ((Extension) extension).getParsedValue().toASN1Primitive();
            }
            return ASN1GeneralizedTime.getInstance(value).getDate().toInstant();
        } catch (Exception e) {
            return null;
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
