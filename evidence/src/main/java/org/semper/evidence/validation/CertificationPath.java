package org.semper.evidence.validation;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A candidate path from an end-entity certificate to one of the trust anchors (RFC 5280 §6), found by issuer
 * name and signature only, then validated with the JDK's PKIX {@link CertPathValidator} at a given time.
 *
 * <p>Finding and validating are separate so that a failure can be told apart: no path at all, or a path that
 * exists but is invalid at that time (expired, not yet valid, a CA constraint broken). The JDK's
 * {@code CertPathBuilder} reports both as one "unable to find valid certification path".
 *
 * <p>The one path-building implementation of the evidence library: the time-stamp verifier and the statement
 * validator both use it. Immutable. Revocation is not looked at here; a caller that needs it checks each
 * non-anchor certificate of {@link #chain()} itself.
 */
public final class CertificationPath {
    /** Longest chain of untrusted CA certificates followed between the end entity and an anchor. */
    private static final int MAX_INTERMEDIATES = 8;

    private final List<X509Certificate> certificates;
    private final X509Certificate anchor;

    private CertificationPath(List<X509Certificate> certificates, X509Certificate anchor) {
        this.certificates = List.copyOf(certificates);
        this.anchor = anchor;
    }

    /**
     * Looks for a path from {@code leaf} to an anchor through {@code candidates}. A leaf that is itself an anchor
     * (a pinned certificate) is a path of its own. Validity dates are not looked at here.
     */
    public static Optional<CertificationPath> find(X509Certificate leaf, Collection<? extends X509Certificate> candidates,
            TrustAnchors anchors) {
        if (anchors.certificates().contains(leaf)) {
            return Optional.of(new CertificationPath(List.of(leaf), leaf));
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        return extend(path, candidates, anchors);
    }

    private static Optional<CertificationPath> extend(List<X509Certificate> path, Collection<? extends X509Certificate> candidates,
            TrustAnchors anchors) {
        X509Certificate last = path.get(path.size() - 1);
        for (X509Certificate anchor : anchors.certificates()) {
            if (issued(anchor, last)) {
                return Optional.of(new CertificationPath(path, anchor));
            }
        }
        if (path.size() > MAX_INTERMEDIATES) {
            return Optional.empty();
        }
        for (X509Certificate candidate : candidates) {
            boolean selfIssued = candidate.getSubjectX500Principal().equals(candidate.getIssuerX500Principal());
            if (!selfIssued && !path.contains(candidate) && issued(candidate, last)) {
                path.add(candidate);
                Optional<CertificationPath> found = extend(path, candidates, anchors);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
        }
        return Optional.empty();
    }

    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) {
            return false;
        }
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Validates the path with the JDK's PKIX validator as of {@code time}, revocation checking off (RFC 5280
     * §6.1). A pinned leaf is only checked to be within its validity period.
     *
     * @throws CertPathValidatorException with the JDK's {@link CertPathValidatorException#getReason() reason}
     */
    public void validateAt(Instant time) throws CertPathValidatorException {
        Date date = Date.from(time);
        if (certificates.size() == 1 && certificates.get(0).equals(anchor)) {
            try {
                anchor.checkValidity(date);
            } catch (CertificateExpiredException e) {
                throw new CertPathValidatorException(e.getMessage(), e, null, -1,
                        CertPathValidatorException.BasicReason.EXPIRED);
            } catch (CertificateNotYetValidException e) {
                throw new CertPathValidatorException(e.getMessage(), e, null, -1,
                        CertPathValidatorException.BasicReason.NOT_YET_VALID);
            }
            return;
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(certificates);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(date);
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (CertificateException | InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw new CertPathValidatorException("cannot run PKIX validation: " + e.getMessage(), e);
        }
    }

    /** The certificate at {@code index} of the path (as reported by a {@link CertPathValidatorException}). */
    public Optional<X509Certificate> certificateAt(int index) {
        return index >= 0 && index < certificates.size() ? Optional.of(certificates.get(index)) : Optional.empty();
    }

    /** The whole chain, end entity first and anchor last (a pinned leaf appears once). */
    public List<X509Certificate> chain() {
        if (certificates.size() == 1 && certificates.get(0).equals(anchor)) {
            return certificates;
        }
        List<X509Certificate> chain = new ArrayList<>(certificates);
        chain.add(anchor);
        return List.copyOf(chain);
    }

    /** The trust anchor the path ends at (the leaf itself for a pinned certificate). */
    public X509Certificate anchor() {
        return anchor;
    }

    /**
     * The sub-indication of ETSI EN 319 102-1 for a JDK PKIX failure reason: {@code EXPIRED}, {@code NOT_YET_VALID},
     * {@code REVOKED}, {@code TRY_LATER} (undetermined revocation status), {@code CRYPTO_CONSTRAINTS_FAILURE} (an
     * algorithm the JDK disables), {@code NO_CERTIFICATE_CHAIN_FOUND} (no anchor, broken name chaining),
     * {@code CHAIN_CONSTRAINTS_FAILURE} (broken CA constraints), {@code CERTIFICATE_CHAIN_GENERAL_FAILURE} otherwise.
     */
    public static SubIndication subIndication(CertPathValidatorException.Reason reason) {
        if (reason == BasicReason.EXPIRED) {
            return SubIndication.EXPIRED;
        } else if (reason == BasicReason.NOT_YET_VALID) {
            return SubIndication.NOT_YET_VALID;
        } else if (reason == BasicReason.REVOKED) {
            return SubIndication.REVOKED;
        } else if (reason == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return SubIndication.TRY_LATER;
        } else if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
            return SubIndication.CRYPTO_CONSTRAINTS_FAILURE;
        } else if (reason == PKIXReason.NO_TRUST_ANCHOR || reason == PKIXReason.NAME_CHAINING) {
            return SubIndication.NO_CERTIFICATE_CHAIN_FOUND;
        } else if (reason == PKIXReason.NOT_CA_CERT || reason == PKIXReason.PATH_TOO_LONG
                || reason == PKIXReason.INVALID_KEY_USAGE || reason == PKIXReason.INVALID_NAME
                || reason == PKIXReason.INVALID_POLICY || reason == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
            return SubIndication.CHAIN_CONSTRAINTS_FAILURE;
        }
        return SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE;
    }
}
