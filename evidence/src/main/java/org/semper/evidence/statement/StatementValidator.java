package org.semper.evidence.statement;

import java.security.PublicKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.validation.CertificationPath;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationChecker;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TimeSource;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;

/**
 * Validates signed statements at the time that matters, offline, and says why one fails in the terms of ETSI EN
 * 319 102-1 (as EU DSS does). Every check runs that can; the result's indication is decided by the first
 * {@code TOTAL_FAILED} finding, else the first {@code INDETERMINATE} one.
 *
 * <ol>
 * <li><b>Format</b>: the text parses as a statement ({@link SignedStatement#parse}, at most the policy's
 * {@code maxStatementLength}) — else {@code TOTAL_FAILED/FORMAT_FAILURE}. Nothing else is checked then.</li>
 * <li><b>Signature</b>: {@code alg} must fit the key of {@code x5c[0]} (ES256 needs P-256, ES384 P-384, PS256 and
 * RS* an RSA key; an HMAC algorithm never fits a certificate) and the JWS signature must verify (nimbus-jose-jwt,
 * {@code sigT} processed as understood critical parameter) — else {@code TOTAL_FAILED/SIG_CRYPTO_FAILURE}: such a
 * signature cannot be anybody's with that certificate. Nothing else is checked then.</li>
 * <li><b>Crypto constraints</b>: {@code alg} is in the policy's allowed set and an RSA key has the minimum size —
 * else {@code INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE} (a valid signature with an algorithm the policy does not
 * accept, as in DSS).</li>
 * <li><b>Signature time-stamps</b> ({@code sigTst}, B-T): each must verify with {@link TimeStampTokenVerifier}
 * against the TSA anchors, over the base64url signature value ({@link SignatureTimeStamps}), with the supplied
 * revocation data (and the policy's fetcher) for the TSA certificate's revocation at {@code genTime} as the policy's
 * {@link ValidationPolicy#timeStampRevocation()} says. A token whose imprint
 * does not match is {@code TOTAL_FAILED/HASH_FAILURE} (it time-stamps something else: the statement was altered
 * or the token moved); a token failing otherwise (untrusted TSA, bad token signature, ...) is
 * {@code INDETERMINATE/NO_POE} with the token's own result in {@link StatementValidation#timeStamps()}. A bad
 * token is never silently dropped.</li>
 * <li><b>The time that matters</b>: T = the earliest {@code genTime} of the verified tokens
 * ({@link TimeSource#TIMESTAMPED}), else the claimed signing time ({@link TimeSource#CLAIMED}).</li>
 * <li><b>Path</b>: from {@code x5c[0]} to a trust anchor through {@code x5c} and the supplied certificates
 * ({@link CertificationPath}) — else {@code INDETERMINATE/NO_CERTIFICATE_CHAIN_FOUND}.</li>
 * <li><b>Validity</b>, for each certificate of the path but the anchor: a claimed signing time after its notAfter
 * is {@code TOTAL_FAILED/EXPIRED}, before its notBefore {@code TOTAL_FAILED/NOT_YET_VALID} (the signer's own
 * signed claim puts the signature outside the certificate's life). With a time-stamp: a {@code genTime} before
 * notBefore is {@code TOTAL_FAILED/NOT_YET_VALID} (the signature provably existed before the certificate); a
 * {@code genTime} after notAfter is {@code INDETERMINATE/OUT_OF_BOUNDS_NO_POE} (no proof the signature existed
 * while the certificate was valid). With a claimed time only, a certificate that has expired by now is
 * {@code INDETERMINATE/OUT_OF_BOUNDS_NO_POE}: as in DSS, a claim made with an expired key proves nothing. The
 * rest of RFC 5280 path validation at T (JDK PKIX: CA constraints, key usage of CAs, algorithms) maps as in
 * {@link CertificationPath#subIndication}; the signer certificate's key usage, if stated, must include
 * digitalSignature or nonRepudiation — else {@code INDETERMINATE/CHAIN_CONSTRAINTS_FAILURE}.</li>
 * <li><b>Revocation</b>, for each certificate of the path but the anchor, from the supplied data
 * ({@link RevocationChecker}, including its rule for CA certificates and for delegated OCSP responders; fetched only
 * if the policy allows): revoked at or before T is
 * {@code TOTAL_FAILED/REVOKED}; revoked after T passes if T is TIMESTAMPED (evidence signed before a revocation
 * stays valid) and is {@code INDETERMINATE/REVOKED_NO_POE} if T is only CLAIMED; no usable data is
 * {@code INDETERMINATE/TRY_LATER}.</li>
 * </ol>
 *
 * <p>Thread-safe: holds only immutable configuration. Never throws for a bad statement.
 */
public final class StatementValidator {
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("sigT");

    private final TrustAnchors anchors;
    private final ValidationPolicy policy;
    private final TimeStampTokenVerifier timeStampVerifier;
    private final RevocationChecker revocationChecker;

    /** A validator that trusts the same anchors for signers and TSAs. */
    public StatementValidator(TrustAnchors anchors, ValidationPolicy policy) {
        this(anchors, anchors, policy);
    }

    public StatementValidator(TrustAnchors anchors, TrustAnchors tsaAnchors, ValidationPolicy policy) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timeStampVerifier = new TimeStampTokenVerifier(Objects.requireNonNull(tsaAnchors, "tsaAnchors"), policy);
        this.revocationChecker = RevocationChecker.of(policy);
    }

    /** Parses and validates a statement as received. */
    public StatementValidation validate(String json, RevocationData revocationData) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(revocationData, "revocationData");
        SignedStatement statement;
        try {
            statement = SignedStatement.parse(json, policy.maxStatementLength());
        } catch (MalformedStatementException e) {
            StatementValidation.Draft draft = new StatementValidation.Draft();
            draft.validatedAt = policy.clock().instant();
            draft.add(SubIndication.FORMAT_FAILURE, "not a valid statement: " + e.getMessage());
            return StatementValidation.of(draft, "");
        }
        return validate(statement, revocationData);
    }

    public StatementValidation validate(SignedStatement statement, RevocationData revocationData) {
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(revocationData, "revocationData");
        StatementValidation.Draft draft = new StatementValidation.Draft();
        draft.validatedAt = policy.clock().instant();
        draft.statementId = statement.id();
        draft.type = statement.type();
        draft.signerCertificate = statement.signerCertificate();
        draft.claimedSigningTime = statement.claimedSigningTime();

        if (!checkSignature(statement, draft)) {
            return StatementValidation.of(draft, "");
        }
        checkCryptoConstraints(statement, draft);
        Instant poe = checkTimeStamps(statement, revocationData, draft);
        Instant time = poe != null ? poe : statement.claimedSigningTime();
        TimeSource source = poe != null ? TimeSource.TIMESTAMPED : TimeSource.CLAIMED;
        draft.validationTime = time;
        draft.timeSource = source;

        List<X509Certificate> candidates = new ArrayList<>(statement.certificateChain());
        candidates.addAll(revocationData.certificates());
        Optional<CertificationPath> found = CertificationPath.find(statement.signerCertificate(), candidates, anchors);
        if (found.isEmpty()) {
            draft.add(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "no path from " + subject(statement.signerCertificate())
                    + " to a trust anchor");
            return StatementValidation.of(draft, "");
        }
        CertificationPath path = found.get();
        List<X509Certificate> chain = path.chain();
        draft.certificateChain = chain;
        List<X509Certificate> checked = chain.size() == 1 ? chain : chain.subList(0, chain.size() - 1);
        checkValidity(statement, checked, time, source, draft);
        checkPath(path, time, draft);
        checkSignerKeyUsage(statement.signerCertificate(), draft);
        if (chain.size() > 1) {
            checkRevocation(chain, time, source, revocationData, draft);
        }
        return StatementValidation.of(draft, "signature of " + subject(statement.signerCertificate()) + " valid, chain to "
                + subject(path.anchor()) + " valid and not revoked at " + time + " ("
                + (source == TimeSource.TIMESTAMPED ? "proved by a signature time-stamp" : "claimed signing time") + ")");
    }

    // 2. The JWS signature, with nimbus.
    private boolean checkSignature(SignedStatement statement, StatementValidation.Draft draft) {
        PublicKey key = statement.signerCertificate().getPublicKey();
        Optional<String> mismatch = JwsAlgorithms.mismatch(statement.jwsAlgorithm(), key);
        if (mismatch.isPresent()) {
            draft.add(SubIndication.SIG_CRYPTO_FAILURE, mismatch.get());
            return false;
        }
        try {
            JWSVerifier verifier = key instanceof ECPublicKey ec ? new ECDSAVerifier(ec, UNDERSTOOD_CRITICAL)
                    : new RSASSAVerifier((RSAPublicKey) key, UNDERSTOOD_CRITICAL);
            if (JWSObject.parse(statement.compact()).verify(verifier)) {
                return true;
            }
            draft.add(SubIndication.SIG_CRYPTO_FAILURE, "the " + statement.algorithm()
                    + " signature does not verify with the key of " + subject(statement.signerCertificate()));
        } catch (JOSEException | ParseException | RuntimeException e) {
            draft.add(SubIndication.SIG_CRYPTO_FAILURE, "the signature cannot be verified: " + e.getMessage());
        }
        return false;
    }

    // 3. Policy on algorithms and key sizes.
    private void checkCryptoConstraints(SignedStatement statement, StatementValidation.Draft draft) {
        if (!policy.allowedAlgorithms().contains(statement.algorithm())) {
            draft.add(SubIndication.CRYPTO_CONSTRAINTS_FAILURE, "algorithm " + statement.algorithm()
                    + " is not allowed by the policy " + policy.allowedAlgorithms());
        }
        if (statement.signerCertificate().getPublicKey() instanceof RSAPublicKey rsa
                && rsa.getModulus().bitLength() < policy.minimumRsaKeySize()) {
            draft.add(SubIndication.CRYPTO_CONSTRAINTS_FAILURE, "RSA key of " + rsa.getModulus().bitLength()
                    + " bits is below the policy's " + policy.minimumRsaKeySize());
        }
    }

    // 4. Signature time-stamps; returns the earliest verified genTime, or null.
    private Instant checkTimeStamps(SignedStatement statement, RevocationData data, StatementValidation.Draft draft) {
        Instant earliest = null;
        List<byte[]> tokens = statement.signatureTimeStamps();
        for (int i = 0; i < tokens.size(); i++) {
            TimeStampVerification verification = SignatureTimeStamps.verify(timeStampVerifier, statement, tokens.get(i),
                    data);
            draft.timeStamps.add(verification);
            if (verification.passed()) {
                Instant genTime = verification.genTime().orElseThrow();
                if (earliest == null || genTime.isBefore(earliest)) {
                    earliest = genTime;
                }
            } else if (verification.subIndication() == SubIndication.HASH_FAILURE) {
                draft.add(SubIndication.HASH_FAILURE, "signature time-stamp #" + i + " is not over this signature value: "
                        + verification.message());
            } else {
                draft.add(SubIndication.NO_POE, "signature time-stamp #" + i + " is not a proof of existence ("
                        + verification.indication() + "/" + verification.subIndication() + "): " + verification.message());
            }
        }
        return earliest;
    }

    // 7. Validity periods at the time that matters.
    private void checkValidity(SignedStatement statement, List<X509Certificate> certificates, Instant time,
            TimeSource source, StatementValidation.Draft draft) {
        Instant claimed = statement.claimedSigningTime();
        Instant now = draft.validatedAt;
        for (X509Certificate certificate : certificates) {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            String who = subject(certificate);
            if (claimed.isAfter(notAfter)) {
                draft.add(SubIndication.EXPIRED, "claimed signing time " + claimed + " is after " + who
                        + " expired (" + notAfter + ")");
            } else if (claimed.isBefore(notBefore)) {
                draft.add(SubIndication.NOT_YET_VALID, "claimed signing time " + claimed + " is before " + who
                        + " became valid (" + notBefore + ")");
            }
            if (source == TimeSource.TIMESTAMPED) {
                if (time.isBefore(notBefore)) {
                    draft.add(SubIndication.NOT_YET_VALID, "the signature time-stamp (" + time
                            + ") proves the signature existed before " + who + " became valid (" + notBefore + ")");
                } else if (time.isAfter(notAfter)) {
                    draft.add(SubIndication.OUT_OF_BOUNDS_NO_POE, "the signature time-stamp (" + time + ") is after "
                            + who + " expired (" + notAfter + "); no proof the signature existed before");
                }
            } else if (now.isAfter(notAfter) && !claimed.isAfter(notAfter)) {
                draft.add(SubIndication.OUT_OF_BOUNDS_NO_POE, who + " expired at " + notAfter
                        + "; the signing time is only claimed and no time-stamp proves the signature existed before");
            }
        }
    }

    // 7. RFC 5280 path validation at T, validity periods already judged above.
    private void checkPath(CertificationPath path, Instant time, StatementValidation.Draft draft) {
        try {
            path.validateAt(time);
        } catch (CertPathValidatorException e) {
            if (e.getReason() == BasicReason.EXPIRED || e.getReason() == BasicReason.NOT_YET_VALID) {
                return;
            }
            String which = path.certificateAt(e.getIndex()).map(StatementValidator::subject).orElse("the path");
            draft.add(CertificationPath.subIndication(e.getReason()), "certificate path invalid at " + time + " ("
                    + which + "): " + e.getMessage());
        }
    }

    private static void checkSignerKeyUsage(X509Certificate signer, StatementValidation.Draft draft) {
        boolean[] keyUsage = signer.getKeyUsage();
        if (keyUsage != null && !(keyUsage.length > 0 && keyUsage[0]) && !(keyUsage.length > 1 && keyUsage[1])) {
            draft.add(SubIndication.CHAIN_CONSTRAINTS_FAILURE, subject(signer)
                    + " has a key usage with neither digitalSignature nor nonRepudiation");
        }
    }

    // 8. Revocation of every non-anchor certificate.
    private void checkRevocation(List<X509Certificate> chain, Instant time, TimeSource source, RevocationData data,
            StatementValidation.Draft draft) {
        for (RevocationCheck check : revocationChecker.checkPath(chain, time, data)) {
            draft.revocation.add(check);
            String who = subject(check.certificate());
            switch (check.status()) {
                case REVOKED -> {
                    Instant revokedAt = check.revocationTime().orElseThrow();
                    if (!revokedAt.isAfter(time)) {
                        draft.add(SubIndication.REVOKED, who + " was revoked at " + revokedAt + ", not after the "
                                + (source == TimeSource.TIMESTAMPED ? "time-stamped" : "claimed") + " signing time "
                                + time + ": " + check.message());
                    } else if (source == TimeSource.CLAIMED) {
                        draft.add(SubIndication.REVOKED_NO_POE, who + " was revoked at " + revokedAt
                                + "; the signing time " + time + " is only claimed and no time-stamp proves the "
                                + "signature existed before the revocation");
                    }
                }
                case UNKNOWN -> draft.add(SubIndication.TRY_LATER, "revocation status of " + who + " at " + time
                        + " unknown: " + check.message());
                case GOOD -> {
                }
            }
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
