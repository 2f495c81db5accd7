package org.semper.evidence.timestamp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.Accuracy;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;
import org.semper.evidence.validation.CertificationPath;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationChecker;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationRequirement;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * Checks an RFC 3161 time-stamp token against the data it is said to time-stamp and a set of trust anchors, and
 * says why it fails in the terms of ETSI EN 319 102-1 (as the EU DSS validator does).
 *
 * <p>Checks, in this order; the first that fails decides the result:
 * <ol>
 * <li>the bytes are a CMS {@code SignedData} with a {@code TSTInfo}, one signer and a signing-certificate
 * attribute (RFC 3161 §2.4.2), and a {@code signingTime} attribute, if any, within 60 s (plus the accuracy) of
 * {@code genTime} (Bouncy Castle's parser enforces this) — else {@code FORMAT_FAILURE};</li>
 * <li>the imprint's algorithm is {@linkplain ImprintAlgorithm#accepted() accepted} — else
 * {@code CRYPTO_CONSTRAINTS_FAILURE} — its length is that algorithm's — else {@code FORMAT_FAILURE} — and it
 * equals the digest of the data — else {@code HASH_FAILURE};</li>
 * <li>for {@link #verifyReplyTo}: the nonce and the policy are the query's (RFC 3161 §2.4.2) — else
 * {@code SIG_CONSTRAINTS_FAILURE};</li>
 * <li>the certificate named by the signer identifier is in the token or among the certificates supplied — else
 * {@code NO_CERTIFICATE_CHAIN_FOUND};</li>
 * <li>the signer's digest algorithm is accepted — else {@code CRYPTO_CONSTRAINTS_FAILURE} — and the CMS signature
 * verifies with that certificate's key (RFC 5652 §5.6) — else {@code SIG_CRYPTO_FAILURE};</li>
 * <li>every {@code ESSCertID}/{@code ESSCertIDv2} in the signing-certificate attributes (RFC 2634 §5.4, RFC 5035,
 * RFC 5816) names that certificate: its hash, and its issuer and serial if given. A hash that differs is
 * {@code SIG_CRYPTO_FAILURE}: the signed attribute says another certificate signed, so the signature is not
 * bound to this one. An unreadable attribute is {@code FORMAT_FAILURE}; a certificate hash other than SHA-1 (fixed
 * by ESSCertID) or an accepted {@link ImprintAlgorithm} is {@code CRYPTO_CONSTRAINTS_FAILURE};</li>
 * <li>the TSA certificate has an extended key usage extension, marked critical, whose only purpose is
 * {@code id-kp-timeStamping} (RFC 3161 §2.3) — else {@code CHAIN_CONSTRAINTS_FAILURE};</li>
 * <li>a path runs from the TSA certificate to a trust anchor (through the token's and the supplied certificates)
 * — else {@code NO_CERTIFICATE_CHAIN_FOUND} — and the JDK's PKIX validator accepts it at {@code genTime}:
 * {@code EXPIRED} if {@code genTime} is after a certificate's notAfter, {@code NOT_YET_VALID} if before its
 * notBefore, {@code CHAIN_CONSTRAINTS_FAILURE} for broken CA constraints, {@code CRYPTO_CONSTRAINTS_FAILURE} for
 * an algorithm the JDK disables, {@code CERTIFICATE_CHAIN_GENERAL_FAILURE} otherwise;</li>
 * <li>every certificate of that path but the anchor (the TSA certificate and its CA certificates) was not revoked at
 * {@code genTime}, by the CRLs and OCSP responses supplied ({@link RevocationData}) or fetched (the policy's
 * {@link org.semper.evidence.validation.RevocationFetcher}), checked by {@link RevocationChecker} (freshness: produced
 * after {@code genTime}, or for a CA certificate current at {@code genTime}; delegated OCSP responders with
 * {@code id-pkix-ocsp-nocheck} or themselves not revoked): revoked at or before {@code genTime} is {@code REVOKED};
 * revoked after it for a reason that does not rule out key compromise is {@code REVOKED_NO_POE} (the key may have
 * signed the token after its revocation with a back-dated {@code genTime}, and nothing proves the token is older);
 * revoked later for another reason ({@code superseded}, {@code cessationOfOperation}, ...) passes. Without usable
 * data, the policy's {@link ValidationPolicy#timeStampRevocation()} decides: {@code REQUIRED} gives
 * {@code TRY_LATER}; {@code IF_AVAILABLE}, the default, passes and the message says the status is unknown. A pinned
 * TSA certificate (itself an anchor) is not looked up.</li>
 * </ol>
 *
 * <p><b>Default:</b> {@code new TimeStampTokenVerifier(anchors)} uses {@link ValidationPolicy#defaults()}: offline,
 * {@code IF_AVAILABLE}. The methods without {@link RevocationData} supply none, so they give the results they gave
 * before revocation was checked, unless the policy fetches. Not checked: the {@code tsa} name against the
 * certificate, and key sizes beyond what the JDK's {@code jdk.certpath.disabledAlgorithms} refuses.
 *
 * <p>Bouncy Castle's {@code TimeStampToken.validate} is not used: it checks the certificate binding, the extended
 * key usage, validity and signature in another order and reports them all as one exception type, told apart
 * only by its message; and it needs a verifier tied to a certificate, which also checks the CMS
 * {@code signingTime} against the certificate instead of {@code genTime}. The pieces are checked here one by one
 * instead, with Bouncy Castle's {@code TimeStampToken.isSignatureValid} for the signature.
 *
 * <p>Thread-safe: an instance holds only its trust anchors and policy and can be shared. It never throws for a bad token;
 * it throws only for a bad call (null arguments, a digest of the wrong length).
 */
public final class TimeStampTokenVerifier {
    /** Used for CMS signature verification only; never registered with {@code Security.addProvider}. */
    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private final TrustAnchors anchors;
    private final ValidationPolicy policy;
    private final RevocationChecker revocationChecker;

    /** A verifier with the default policy: offline, TSA revocation checked {@code IF_AVAILABLE}. */
    public TimeStampTokenVerifier(TrustAnchors anchors) {
        this(anchors, ValidationPolicy.defaults());
    }

    /**
     * A verifier with a policy: its {@link ValidationPolicy#timeStampRevocation()}, revocation fetcher, freshness
     * rules and clock apply to the TSA certificate's revocation.
     */
    public TimeStampTokenVerifier(TrustAnchors anchors, ValidationPolicy policy) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.revocationChecker = RevocationChecker.of(policy);
    }

    /** Verifies a token over {@code data}, with only the certificates in the token to build the path. */
    public TimeStampVerification verify(byte[] tokenDer, byte[] data) {
        return verify(tokenDer, data, List.of());
    }

    /**
     * Verifies a token over {@code data}; {@code untrustedCertificates} may supply the TSA certificate (when the
     * request did not set {@code certReq}) and intermediate CA certificates. They are not trusted: they help build
     * a path to an anchor and nothing more.
     */
    public TimeStampVerification verify(byte[] tokenDer, byte[] data,
            Collection<? extends X509Certificate> untrustedCertificates) {
        return verify(tokenDer, data, untrusted(untrustedCertificates));
    }

    /**
     * Verifies a token over {@code data} with revocation data for the TSA certificate and its CA certificates; the
     * certificates in it help build the path, as in {@link #verify(byte[], byte[], Collection)}.
     */
    public TimeStampVerification verify(byte[] tokenDer, byte[] data, RevocationData revocationData) {
        Objects.requireNonNull(data, "data");
        return run(tokenDer, new Expected(data, null, null, null, null), revocationData);
    }

    /**
     * Verifies a token over data known only by its digest. The token's imprint must use {@code algorithm} and
     * equal {@code digest}.
     *
     * @throws ImprintLengthException if {@code digest} is not as long as {@code algorithm}'s output
     */
    public TimeStampVerification verifyImprint(byte[] tokenDer, ImprintAlgorithm algorithm, byte[] digest) {
        return verifyImprint(tokenDer, algorithm, digest, List.of());
    }

    /**
     * As {@link #verifyImprint(byte[], ImprintAlgorithm, byte[])}, with untrusted certificates to find the TSA
     * certificate and build the path, as in {@link #verify(byte[], byte[], Collection)}.
     *
     * @throws ImprintLengthException if {@code digest} is not as long as {@code algorithm}'s output
     */
    public TimeStampVerification verifyImprint(byte[] tokenDer, ImprintAlgorithm algorithm, byte[] digest,
            Collection<? extends X509Certificate> untrustedCertificates) {
        return verifyImprint(tokenDer, algorithm, digest, untrusted(untrustedCertificates));
    }

    /**
     * As {@link #verifyImprint(byte[], ImprintAlgorithm, byte[])}, with revocation data, as in
     * {@link #verify(byte[], byte[], RevocationData)}.
     *
     * @throws ImprintLengthException if {@code digest} is not as long as {@code algorithm}'s output
     */
    public TimeStampVerification verifyImprint(byte[] tokenDer, ImprintAlgorithm algorithm, byte[] digest,
            RevocationData revocationData) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(digest, "digest");
        if (digest.length != algorithm.digestLength()) {
            throw new ImprintLengthException(algorithm, digest.length);
        }
        return run(tokenDer, new Expected(null, algorithm, digest.clone(), null, null), revocationData);
    }

    /**
     * Verifies the token a TSA returned for {@code query}: besides the imprint, the token must carry the query's
     * nonce if it had one, and its policy if it asked for one (RFC 3161 §2.4.2); a mismatch is
     * {@code SIG_CONSTRAINTS_FAILURE}. This is how a client detects a replayed or misdirected token.
     */
    public TimeStampVerification verifyReplyTo(TimeStampQuery query, byte[] tokenDer) {
        return verifyReplyTo(query, tokenDer, List.of());
    }

    /**
     * As {@link #verifyReplyTo(TimeStampQuery, byte[])}, with untrusted certificates to find the TSA certificate
     * and build the path, as in {@link #verify(byte[], byte[], Collection)}.
     */
    public TimeStampVerification verifyReplyTo(TimeStampQuery query, byte[] tokenDer,
            Collection<? extends X509Certificate> untrustedCertificates) {
        return verifyReplyTo(query, tokenDer, untrusted(untrustedCertificates));
    }

    /**
     * As {@link #verifyReplyTo(TimeStampQuery, byte[])}, with revocation data, as in
     * {@link #verify(byte[], byte[], RevocationData)}.
     */
    public TimeStampVerification verifyReplyTo(TimeStampQuery query, byte[] tokenDer, RevocationData revocationData) {
        Objects.requireNonNull(query, "query");
        return run(tokenDer, new Expected(null, query.imprintAlgorithm(), query.digest(), query.nonce().orElse(null),
                query.policy().orElse(null)), revocationData);
    }

    private static RevocationData untrusted(Collection<? extends X509Certificate> certificates) {
        Objects.requireNonNull(certificates, "untrustedCertificates");
        RevocationData.Builder builder = RevocationData.builder();
        for (X509Certificate certificate : certificates) {
            builder.certificate(Objects.requireNonNull(certificate, "a certificate is null"));
        }
        return builder.build();
    }

    /** What the caller expects of the token: either {@code data} or an imprint, and optionally nonce and policy. */
    private record Expected(byte[] data, ImprintAlgorithm algorithm, byte[] digest, BigInteger nonce, String policy) {
    }

    /** A check failed; carries the result's sub-indication. Used for control flow only, hence no stack trace. */
    private static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient SubIndication subIndication;

        Rejection(SubIndication subIndication, String message) {
            super(message, null, false, false);
            this.subIndication = subIndication;
        }
    }

    private TimeStampVerification run(byte[] tokenDer, Expected expected, RevocationData revocationData) {
        Objects.requireNonNull(tokenDer, "tokenDer");
        Objects.requireNonNull(revocationData, "revocationData");
        TimeStampVerification.Draft draft = new TimeStampVerification.Draft();
        try {
            TimeStampToken token = parse(tokenDer, draft);
            checkImprint(token.getTimeStampInfo(), expected);
            checkReplyFields(token.getTimeStampInfo(), expected);
            List<X509Certificate> candidates = candidates(token, revocationData.certificates());
            X509Certificate tsa = signerCertificate(token, candidates);
            draft.tsaCertificate = tsa;
            checkSignature(token, tsa);
            checkCertificateBinding(token, tsa);
            checkTimeStampingUsage(tsa);
            CertificationPath path = validatePath(tsa, candidates, draft);
            draft.certificateChain = path.chain();
            String revocation = checkRevocation(path, revocationData, draft);
            return TimeStampVerification.passed(draft, "time-stamp token valid: " + draft.imprintAlgorithm.jcaName()
                    + " imprint time-stamped at " + draft.genTime + " by " + subject(tsa) + ", chain to "
                    + subject(path.anchor()) + " valid then (" + revocation + ")");
        } catch (Rejection rejection) {
            return TimeStampVerification.failed(draft, rejection.subIndication, rejection.getMessage());
        }
    }

    // 1. RFC 3161 §2.4.2 structure, with Bouncy Castle's parser (one signer, eContentType id-ct-TSTInfo,
    //    a signing-certificate attribute, signingTime consistent with genTime if present).
    private static TimeStampToken parse(byte[] tokenDer, TimeStampVerification.Draft draft) throws Rejection {
        TimeStampToken token;
        try {
            token = new TimeStampToken(ContentInfo.getInstance(ASN1Primitive.fromByteArray(tokenDer)));
        } catch (IOException | TSPException | RuntimeException e) {
            throw new Rejection(SubIndication.FORMAT_FAILURE, "not an RFC 3161 time-stamp token: " + e.getMessage());
        }
        TimeStampTokenInfo info = token.getTimeStampInfo();
        draft.serialNumber = info.getSerialNumber();
        draft.genTime = info.getGenTime().toInstant();
        draft.policy = info.getPolicy().getId();
        draft.imprintAlgorithm = ImprintAlgorithm.byOid(info.getMessageImprintAlgOID()).orElse(null);
        draft.imprint = info.getMessageImprintDigest();
        draft.nonce = info.getNonce();
        draft.tsaName = info.getTsa() == null ? null : describe(info.getTsa());
        draft.accuracy = info.getAccuracy() == null ? null : duration(info.getAccuracy());
        return token;
    }

    // 2. RFC 3161 §2.4.2 messageImprint, under Semper's algorithm rule.
    private static void checkImprint(TimeStampTokenInfo info, Expected expected) throws Rejection {
        ASN1ObjectIdentifier oid = info.getMessageImprintAlgOID();
        ImprintAlgorithm algorithm = ImprintAlgorithm.byOid(oid).orElseThrow(() -> new Rejection(
                SubIndication.CRYPTO_CONSTRAINTS_FAILURE, "imprint hash algorithm " + oid.getId() + " is not accepted"));
        if (!algorithm.accepted()) {
            throw new Rejection(SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    "imprint hash algorithm " + algorithm.jcaName() + " is refused");
        }
        byte[] imprint = info.getMessageImprintDigest();
        if (imprint.length != algorithm.digestLength()) {
            throw new Rejection(SubIndication.FORMAT_FAILURE, "imprint has " + imprint.length + " bytes, a "
                    + algorithm.jcaName() + " digest has " + algorithm.digestLength());
        }
        byte[] digest;
        if (expected.data() != null) {
            digest = digest(algorithm, expected.data());
        } else if (expected.algorithm() != algorithm) {
            throw new Rejection(SubIndication.HASH_FAILURE, "imprint is a " + algorithm.jcaName()
                    + " digest, the one to check is " + expected.algorithm().jcaName());
        } else {
            digest = expected.digest();
        }
        if (!MessageDigest.isEqual(imprint, digest)) {
            throw new Rejection(SubIndication.HASH_FAILURE, "imprint does not match the " + algorithm.jcaName()
                    + " digest of the data");
        }
    }

    // 3. RFC 3161 §2.4.2: nonce and policy of the request, when the token answers a known query.
    private static void checkReplyFields(TimeStampTokenInfo info, Expected expected) throws Rejection {
        if (expected.nonce() != null && !expected.nonce().equals(info.getNonce())) {
            throw new Rejection(SubIndication.SIG_CONSTRAINTS_FAILURE, info.getNonce() == null
                    ? "token has no nonce, the query sent " + expected.nonce()
                    : "token nonce " + info.getNonce() + " is not the query's " + expected.nonce());
        }
        if (expected.policy() != null && !expected.policy().equals(info.getPolicy().getId())) {
            throw new Rejection(SubIndication.SIG_CONSTRAINTS_FAILURE, "token policy " + info.getPolicy().getId()
                    + " is not the requested " + expected.policy());
        }
    }

    private static List<X509Certificate> candidates(TimeStampToken token,
            Collection<? extends X509Certificate> untrusted) throws Rejection {
        List<X509Certificate> candidates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (X509CertificateHolder holder : token.getCertificates().getMatches(null)) {
                candidates.add(jdkCertificate(factory, holder.getEncoded()));
            }
            for (X509Certificate certificate : untrusted) {
                candidates.add(jdkCertificate(factory, Objects.requireNonNull(certificate, "a certificate is null")
                        .getEncoded()));
            }
        } catch (CertificateException | IOException e) {
            throw new Rejection(SubIndication.FORMAT_FAILURE, "unreadable certificate: " + e.getMessage());
        }
        return candidates;
    }

    private static X509Certificate jdkCertificate(CertificateFactory factory, byte[] der) throws CertificateException {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    // 4. RFC 5652 §5.3 sid: the token's certificates first, then the caller's.
    private static X509Certificate signerCertificate(TimeStampToken token, List<X509Certificate> candidates)
            throws Rejection {
        SignerId sid = token.getSID();
        for (X509Certificate candidate : candidates) {
            try {
                if (sid.match(new X509CertificateHolder(candidate.getEncoded()))) {
                    return candidate;
                }
            } catch (CertificateException | IOException e) {
                throw new Rejection(SubIndication.FORMAT_FAILURE, "unreadable certificate: " + e.getMessage());
            }
        }
        throw new Rejection(SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                "the TSA certificate is neither in the token nor among the certificates supplied");
    }

    // 5. RFC 5652 §5.6 signature verification (content-type and message-digest attributes included).
    private static void checkSignature(TimeStampToken token, X509Certificate tsa) throws Rejection {
        SignerInformation signer = token.toCMSSignedData().getSignerInfos().getSigners().iterator().next();
        ASN1ObjectIdentifier digestOid = new ASN1ObjectIdentifier(signer.getDigestAlgOID());
        Optional<ImprintAlgorithm> digestAlgorithm = ImprintAlgorithm.byOid(digestOid).filter(ImprintAlgorithm::accepted);
        if (digestAlgorithm.isEmpty()) {
            throw new Rejection(SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    "signer digest algorithm " + digestOid.getId() + " is not accepted");
        }
        boolean valid;
        try {
            SignerInformationVerifier verifier = new JcaSimpleSignerInfoVerifierBuilder().setProvider(BOUNCY_CASTLE)
                    .build(tsa.getPublicKey());
            valid = token.isSignatureValid(verifier);
        } catch (OperatorCreationException | TSPException | RuntimeException e) {
            throw new Rejection(SubIndication.SIG_CRYPTO_FAILURE, "signature does not verify: " + e.getMessage());
        }
        if (!valid) {
            throw new Rejection(SubIndication.SIG_CRYPTO_FAILURE,
                    "signature does not verify with the key of " + subject(tsa));
        }
    }

    // 6. RFC 2634 §5.4 / RFC 5035 §3 / RFC 5816 §2.2: the signed attribute names the signer's certificate.
    private static void checkCertificateBinding(TimeStampToken token, X509Certificate tsa) throws Rejection {
        AttributeTable signed = token.getSignedAttributes();
        List<CertificateReference> references = new ArrayList<>();
        try {
            Attribute v1 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
            if (v1 != null) {
                ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)).getCerts()[0];
                references.add(new CertificateReference(ImprintAlgorithm.SHA_1, id.getCertHash(), id.getIssuerSerial()));
            }
            Attribute v2 = signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts()[0];
                ASN1ObjectIdentifier hashOid = id.getHashAlgorithm().getAlgorithm();
                ImprintAlgorithm hash = ImprintAlgorithm.byOid(hashOid)
                        .filter(a -> a.accepted() || a == ImprintAlgorithm.SHA_1)
                        .orElseThrow(() -> new Rejection(SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                                "ESSCertIDv2 hash algorithm " + hashOid.getId() + " is not accepted"));
                references.add(new CertificateReference(hash, id.getCertHash(), id.getIssuerSerial()));
            }
        } catch (RuntimeException e) {
            throw new Rejection(SubIndication.FORMAT_FAILURE, "unreadable signing-certificate attribute: "
                    + e.getMessage());
        }
        if (references.isEmpty()) {
            throw new Rejection(SubIndication.FORMAT_FAILURE, "no signing-certificate attribute (RFC 3161 §2.4.1)");
        }
        for (CertificateReference reference : references) {
            reference.check(tsa);
        }
    }

    /** One {@code ESSCertID} or {@code ESSCertIDv2}. */
    private record CertificateReference(ImprintAlgorithm hash, byte[] certHash, IssuerSerial issuerSerial) {
        void check(X509Certificate certificate) throws Rejection {
            byte[] actual;
            try {
                actual = digest(hash, certificate.getEncoded());
            } catch (CertificateException e) {
                throw new Rejection(SubIndication.FORMAT_FAILURE, "unreadable TSA certificate: " + e.getMessage());
            }
            if (!MessageDigest.isEqual(actual, certHash)) {
                throw new Rejection(SubIndication.SIG_CRYPTO_FAILURE, "the signing-certificate attribute names another "
                        + "certificate than " + subject(certificate) + " (" + hash.jcaName() + " hash differs)");
            }
            if (issuerSerial != null) {
                boolean serialMatches = issuerSerial.getSerial().hasValue(certificate.getSerialNumber());
                X500Name issuer = X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded());
                boolean issuerMatches = false;
                for (GeneralName name : issuerSerial.getIssuer().getNames()) {
                    if (name.getTagNo() == GeneralName.directoryName && issuer.equals(X500Name.getInstance(name.getName()))) {
                        issuerMatches = true;
                    }
                }
                if (!serialMatches || !issuerMatches) {
                    throw new Rejection(SubIndication.SIG_CRYPTO_FAILURE, "the signing-certificate attribute's "
                            + "issuer and serial number are not those of " + subject(certificate));
                }
            }
        }
    }

    // 7. RFC 3161 §2.3: "The corresponding certificate MUST contain only one instance of the extended key usage
    //    field extension ... with KeyPurposeID having value id-kp-timeStamping. This extension MUST be critical."
    private static void checkTimeStampingUsage(X509Certificate tsa) throws Rejection {
        String timeStamping = KeyPurposeId.id_kp_timeStamping.getId();
        String extendedKeyUsage = Extension.extendedKeyUsage.getId();
        List<String> purposes;
        try {
            purposes = tsa.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new Rejection(SubIndication.CHAIN_CONSTRAINTS_FAILURE, "unreadable extended key usage in "
                    + subject(tsa) + ": " + e.getMessage());
        }
        if (purposes == null) {
            throw new Rejection(SubIndication.CHAIN_CONSTRAINTS_FAILURE,
                    subject(tsa) + " has no extended key usage; RFC 3161 §2.3 requires id-kp-timeStamping");
        }
        if (!List.of(timeStamping).equals(purposes)) {
            throw new Rejection(SubIndication.CHAIN_CONSTRAINTS_FAILURE, subject(tsa) + " has extended key usage "
                    + purposes + "; RFC 3161 §2.3 requires id-kp-timeStamping alone");
        }
        if (tsa.getCriticalExtensionOIDs() == null || !tsa.getCriticalExtensionOIDs().contains(extendedKeyUsage)) {
            throw new Rejection(SubIndication.CHAIN_CONSTRAINTS_FAILURE,
                    "the extended key usage of " + subject(tsa) + " is not critical (RFC 3161 §2.3)");
        }
    }

    // 8. RFC 5280 §6 path validation at genTime (revocation: step 9).
    private CertificationPath validatePath(X509Certificate tsa, List<X509Certificate> candidates,
            TimeStampVerification.Draft draft) throws Rejection {
        CertificationPath path = CertificationPath.find(tsa, candidates, anchors).orElseThrow(() -> new Rejection(
                SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "no path from " + subject(tsa) + " to a trust anchor"));
        try {
            path.validateAt(draft.genTime);
        } catch (CertPathValidatorException e) {
            String which = path.certificateAt(e.getIndex()).map(TimeStampTokenVerifier::subject).orElse(subject(tsa));
            throw new Rejection(CertificationPath.subIndication(e.getReason()),
                    "certificate path invalid at genTime " + draft.genTime + " (" + which + "): " + e.getMessage());
        }
        return path;
    }

    // 9. RFC 5280 §6.3 / RFC 6960 revocation of the TSA certificate and its CA certificates at genTime; returns
    //    what the success message says about it.
    private String checkRevocation(CertificationPath path, RevocationData data, TimeStampVerification.Draft draft)
            throws Rejection {
        List<RevocationCheck> checks = revocationChecker.checkPath(path.chain(), draft.genTime, data);
        draft.revocation = checks;
        if (checks.isEmpty()) {
            return "pinned TSA certificate, revocation not looked up";
        }
        Instant genTime = draft.genTime;
        for (RevocationCheck check : checks) {
            if (check.status() == RevocationCheck.Status.REVOKED && !check.revocationTime().orElseThrow().isAfter(genTime)) {
                throw new Rejection(SubIndication.REVOKED, subject(check.certificate()) + " was revoked at "
                        + check.revocationTime().get() + ", not after genTime " + genTime + ": " + check.message());
            }
        }
        for (RevocationCheck check : checks) {
            if (check.mayBeKeyCompromise()) {
                throw new Rejection(SubIndication.REVOKED_NO_POE, subject(check.certificate()) + " was revoked at "
                        + check.revocationTime().get() + ", after genTime " + genTime + ", for a reason that does not "
                        + "rule out key compromise (" + check.revocationReason().orElse("none stated")
                        + "); nothing proves the token existed before the revocation: " + check.message());
            }
        }
        List<RevocationCheck> unknown = checks.stream().filter(c -> c.status() == RevocationCheck.Status.UNKNOWN).toList();
        if (unknown.isEmpty()) {
            return "not revoked at genTime";
        }
        String what = unknown.stream().map(c -> subject(c.certificate()) + ": " + c.message())
                .collect(java.util.stream.Collectors.joining("; "));
        if (policy.timeStampRevocation() == RevocationRequirement.REQUIRED) {
            throw new Rejection(SubIndication.TRY_LATER, "revocation status at genTime " + genTime + " unknown, and the "
                    + "policy requires it: " + what);
        }
        return "revocation status unknown, not required by the policy: " + what;
    }

    private static byte[] digest(ImprintAlgorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is missing from this Java runtime", e);
        }
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }

    private static String describe(GeneralName name) {
        ASN1Encodable value = name.getName();
        try {
            if (name.getTagNo() == GeneralName.directoryName) {
                return new X500Principal(X500Name.getInstance(value).getEncoded()).getName();
            }
        } catch (IOException | IllegalArgumentException e) {
            return name.toString();
        }
        return value instanceof ASN1String text ? text.getString() : name.toString();
    }

    private static Duration duration(Accuracy accuracy) {
        Duration duration = Duration.ZERO;
        if (accuracy.getSeconds() != null) {
            duration = duration.plusSeconds(accuracy.getSeconds().longValueExact());
        }
        if (accuracy.getMillis() != null) {
            duration = duration.plusMillis(accuracy.getMillis().longValueExact());
        }
        if (accuracy.getMicros() != null) {
            duration = duration.plusNanos(accuracy.getMicros().longValueExact() * 1_000);
        }
        return duration;
    }
}
