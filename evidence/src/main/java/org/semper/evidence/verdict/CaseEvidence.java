package org.semper.evidence.verdict;

import org.semper.evidence.exchange.Hashes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.MalformedCheckpointException;
import org.semper.evidence.tlog.MalformedNoteException;
import org.semper.evidence.tlog.MalformedTlogProofException;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.NoteVerificationException;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.SignedNote;
import org.semper.evidence.tlog.TlogProof;
import org.semper.evidence.validation.CertificationPath;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every item of a case bundle, checked once, in manifest order, offline and as of the decision time: statements
 * with {@link StatementValidator} (the time that matters is each statement's own, revocation only from the CRLs and
 * OCSP responses in the bundle), certificates for a path to the anchors, CRLs for their issuer's signature, OCSP
 * responses for status, time-stamp tokens against the item they stamp, signed checkpoints against the log keys, and
 * log proofs against the checkpoints and the items they prove.
 *
 * <p>The judge rules read items through this class only, so a rule can rest on a statement only if it passed.
 */
public final class CaseEvidence {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A checkpoint whose log signature verified. */
    public record VerifiedCheckpoint(String itemId, Checkpoint checkpoint, NoteVerifier key) {
    }

    /** An inclusion proof that verified: item {@code entryItemId} is entry {@code index} of the checkpoint's tree. */
    public record ProvenEntry(String proofItemId, String entryItemId, byte[] leafHash, long index,
            Checkpoint checkpoint, NoteVerifier key) {
    }

    /** A consistency proof between two tree sizes, as a TTP's log serves it ({@code GET /log/proof/consistency}). */
    public record ConsistencyProof(String itemId, long from, long to, List<byte[]> hashes) {
    }

    private final EvidenceBundle bundle;
    private final Trust trust;
    private final ValidationPolicy policy;
    private final Instant decidedAt;
    private final StatementValidator validator;
    private final RevocationData revocationData;
    private final StatementValidation manifest;
    private final List<CaseItem> items = new ArrayList<>();
    private final Map<String, CaseItem> byId = new LinkedHashMap<>();
    private final List<VerifiedCheckpoint> checkpoints = new ArrayList<>();
    private final List<ProvenEntry> provenEntries = new ArrayList<>();
    private final List<ConsistencyProof> consistencyProofs = new ArrayList<>();

    private CaseEvidence(EvidenceBundle bundle, Trust trust, ValidationPolicy policy, Instant decidedAt) {
        this.bundle = bundle;
        this.trust = trust;
        this.decidedAt = decidedAt;
        this.policy = policy.toBuilder().clock(Clock.fixed(decidedAt, ZoneOffset.UTC)).build();
        this.validator = new StatementValidator(trust.signers(), trust.timeStamping(), this.policy);
        Map<String, ItemCheck> material = new LinkedHashMap<>();
        this.revocationData = collectRevocationData(bundle.items(), material);
        this.manifest = validator.validate(bundle.manifest(), revocationData);
        Map<String, CaseItem> checked = new LinkedHashMap<>();
        List<X509Certificate> known = new ArrayList<>(trust.signers().certificates());
        known.addAll(revocationData.certificates());
        for (BundleItem item : bundle.items()) {
            if (!"application/pkix-crl".equals(item.mediaType()) || material.containsKey(item.id())) {
                CaseItem first = first(item, material.get(item.id()));
                first.statement().ifPresent(s -> known.addAll(s.certificateChain()));
                checked.put(item.id(), first);
            }
        }
        for (BundleItem item : bundle.items()) {
            checked.computeIfAbsent(item.id(), id -> crlItem(item, known));
        }
        for (BundleItem item : bundle.items()) {
            add(checked.get(item.id()));
        }
        checkLogItems();
    }

    /** Checks every item of {@code bundle} as of {@code decidedAt}. */
    public static CaseEvidence check(EvidenceBundle bundle, Trust trust, ValidationPolicy policy, Instant decidedAt) {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        return new CaseEvidence(bundle, trust, policy, decidedAt);
    }

    private void add(CaseItem item) {
        items.add(item);
        byId.put(item.id(), item);
    }

    // ---- what the rules read ----

    public EvidenceBundle bundle() {
        return bundle;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Trust trust() {
        return trust;
    }

    /** The validator every statement of the case is judged with (policy clock fixed at the decision time). */
    public StatementValidator validator() {
        return validator;
    }

    /** The CRLs, OCSP responses and certificates the bundle carries. */
    public RevocationData revocationData() {
        return revocationData;
    }

    /** The validation of the bundle manifest's signature (who assembled the case file). */
    public StatementValidation manifest() {
        return manifest;
    }

    /** Every item, in manifest order. */
    public List<CaseItem> items() {
        return List.copyOf(items);
    }

    public Optional<CaseItem> item(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<CaseItem> withRole(ItemRole role) {
        return items.stream().filter(item -> item.role() == role).toList();
    }

    /** Statements of {@code role} that passed validation, in manifest order. */
    public List<CaseItem> validStatements(ItemRole role) {
        return items.stream().filter(item -> item.role() == role && item.valid()).toList();
    }

    /** Every statement item that passed validation, whatever its role, in manifest order. */
    public List<CaseItem> validStatements() {
        return items.stream().filter(CaseItem::valid).toList();
    }

    /** Checkpoints whose log signature verified, in manifest order. */
    public List<VerifiedCheckpoint> checkpoints() {
        return List.copyOf(checkpoints);
    }

    /** Inclusion proofs that verified against a trusted log key, and the item each proves. */
    public List<ProvenEntry> provenEntries() {
        return List.copyOf(provenEntries);
    }

    public List<ConsistencyProof> consistencyProofs() {
        return List.copyOf(consistencyProofs);
    }

    /**
     * The certificate with SHA-256 fingerprint {@code fingerprint}: a certificate item, or one in a statement's
     * {@code x5c}, in manifest order.
     */
    public Optional<X509Certificate> certificate(String fingerprint) {
        for (CaseItem item : items) {
            if (item.certificate().isPresent() && Hashes.fingerprint(item.certificate().get()).equals(fingerprint)) {
                return item.certificate();
            }
            if (item.statement().isPresent()) {
                for (X509Certificate certificate : item.statement().get().certificateChain()) {
                    if (Hashes.fingerprint(certificate).equals(fingerprint)) {
                        return Optional.of(certificate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The checks of every item, in manifest order. */
    public List<ItemCheck> checks() {
        return items.stream().map(CaseItem::check).toList();
    }

    // ---- validation material first: it is what the statements are validated with ----

    private static RevocationData collectRevocationData(List<BundleItem> items, Map<String, ItemCheck> checks) {
        RevocationData.Builder data = RevocationData.builder();
        for (BundleItem item : items) {
            switch (item.mediaType()) {
                case "application/pkix-cert" -> {
                    try {
                        data.certificate(certificate(item.content()));
                    } catch (CertificateException e) {
                        checks.put(item.id(), failed(item, "certificate", SubIndication.FORMAT_FAILURE,
                                "not an X.509 certificate: " + e.getMessage()));
                    }
                }
                case "application/pkix-crl" -> {
                    try {
                        data.crl(crl(item.content()));
                    } catch (GeneralSecurityException | RuntimeException e) {
                        checks.put(item.id(), failed(item, "crl", SubIndication.FORMAT_FAILURE,
                                "not an X.509 CRL: " + e.getMessage()));
                    }
                }
                case "application/ocsp-response" -> {
                    try {
                        data.ocsp(new OCSPResp(item.content()));
                    } catch (IOException | IllegalArgumentException e) {
                        checks.put(item.id(), failed(item, "ocsp", SubIndication.FORMAT_FAILURE,
                                "not a successful OCSP response: " + e.getMessage()));
                    }
                }
                default -> {
                }
            }
        }
        return data.build();
    }

    /** The first pass over one item: statements, certificates, revocation data, time-stamps, content. */
    private CaseItem first(BundleItem item, ItemCheck failedMaterial) {
        if (failedMaterial != null) {
            return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(), failedMaterial);
        }
        return switch (item.mediaType()) {
            case "application/jose+json" -> statement(item);
            case "application/pkix-cert" -> certificateItem(item);
            case "application/ocsp-response" -> ocspItem(item);
            case "application/timestamp-reply" -> timeStampItem(item);
            default -> new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                    plain(item, item.role() == ItemRole.CHECKPOINT ? "checkpoint"
                            : item.role() == ItemRole.TLOG_PROOF ? "log-proof" : "content",
                            "bytes match the manifest"));
        };
    }

    private CaseItem statement(BundleItem item) {
        SignedStatement statement;
        try {
            statement = SignedStatement.parse(new String(item.content(), StandardCharsets.UTF_8),
                    policy.maxStatementLength());
        } catch (MalformedStatementException e) {
            return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                    failed(item, "statement", SubIndication.FORMAT_FAILURE, "not a signed statement: " + e.getMessage()));
        }
        StatementValidation validation = validator.validate(statement, revocationData);
        ItemCheck check = new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), "statement",
                Optional.of(validation.indication()), Optional.ofNullable(validation.subIndication()),
                Optional.of(statement.id()), Optional.of(Hashes.fingerprint(statement.signerCertificate())),
                Optional.of(subject(statement.signerCertificate())), validation.validationTime(),
                validation.timeSource(), validation.message());
        return new CaseItem(item, Optional.of(statement), Optional.of(validation), Optional.empty(), check);
    }

    private CaseItem certificateItem(BundleItem item) {
        X509Certificate certificate;
        try {
            certificate = certificate(item.content());
        } catch (CertificateException e) {
            throw new IllegalStateException("certificate parsed before and not now", e);
        }
        Optional<CertificationPath> path = CertificationPath.find(certificate, revocationData.certificates(),
                trust.signers());
        String validity = "valid " + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
        ItemCheck check = new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(),
                "certificate", Optional.of(path.isPresent() ? Indication.TOTAL_PASSED : Indication.INDETERMINATE),
                path.isPresent() ? Optional.empty() : Optional.of(SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
                Optional.empty(), Optional.of(Hashes.fingerprint(certificate)), Optional.of(subject(certificate)),
                Optional.empty(), Optional.empty(),
                path.map(p -> "certificate serial " + certificate.getSerialNumber().toString(16) + ", " + validity
                        + ", chains to " + subject(p.anchor()))
                        .orElse("certificate serial " + certificate.getSerialNumber().toString(16) + ", " + validity
                                + ", no path to a trust anchor"));
        return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.of(certificate), check);
    }

    private static CaseItem crlItem(BundleItem item, List<X509Certificate> issuers) {
        X509CRL crl;
        try {
            crl = crl(item.content());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("CRL parsed before and not now", e);
        }
        String what = "CRL of " + crl.getIssuerX500Principal().getName() + " issued " + crl.getThisUpdate().toInstant()
                + ", " + (crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size()) + " entries";
        for (X509Certificate issuer : issuers) {
            if (issuer.getSubjectX500Principal().equals(crl.getIssuerX500Principal())) {
                try {
                    crl.verify(issuer.getPublicKey());
                    return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                            new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), "crl",
                                    Optional.of(Indication.TOTAL_PASSED), Optional.empty(), Optional.empty(),
                                    Optional.of(Hashes.fingerprint(issuer)), Optional.of(subject(issuer)),
                                    Optional.of(crl.getThisUpdate().toInstant()), Optional.empty(),
                                    what + ", signed by its issuer"));
                } catch (GeneralSecurityException | RuntimeException e) {
                    // another certificate of that name may hold the key
                }
            }
        }
        return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), "crl",
                        Optional.of(Indication.INDETERMINATE), Optional.of(SubIndication.NO_CERTIFICATE_CHAIN_FOUND),
                        Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(crl.getThisUpdate().toInstant()), Optional.empty(),
                        what + "; no certificate of its issuer verifies its signature"));
    }

    private CaseItem ocspItem(BundleItem item) {
        try {
            BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(item.content()).getResponseObject();
            return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                    new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), "ocsp",
                            Optional.of(Indication.TOTAL_PASSED), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.empty(), Optional.of(basic.getProducedAt().toInstant()), Optional.empty(),
                            "successful OCSP response produced at " + basic.getProducedAt().toInstant() + " about "
                                    + basic.getResponses().length + " certificate(s); its signature is checked "
                                    + "where a statement's validation uses it"));
        } catch (IOException | OCSPException | ClassCastException e) {
            throw new IllegalStateException("OCSP response parsed before and not now", e);
        }
    }

    private CaseItem timeStampItem(BundleItem item) {
        byte[] token;
        TimeStampToken parsed;
        try {
            token = tokenDer(item.content());
            parsed = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token));
        } catch (IOException | TSPException | org.bouncycastle.cms.CMSException | RuntimeException e) {
            return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                    failed(item, "time-stamp", SubIndication.FORMAT_FAILURE, "not a time-stamp token: " + e.getMessage()));
        }
        TimeStampTokenVerifier verifier = new TimeStampTokenVerifier(trust.timeStamping());
        byte[] imprint = parsed.getTimeStampInfo().getMessageImprintDigest();
        String algorithm = parsed.getTimeStampInfo().getMessageImprintAlgOID().getId();
        for (BundleItem other : bundle.items()) {
            if (!other.id().equals(item.id()) && Arrays.equals(imprint, digest(algorithm, other.content()))) {
                TimeStampVerification verification = verifier.verify(token, other.content(), revocationData.certificates());
                return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                        new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), "time-stamp",
                                Optional.of(verification.indication()), Optional.ofNullable(verification.subIndication()),
                                Optional.empty(), verification.tsaCertificate().map(Hashes::fingerprint),
                                verification.tsaCertificate().map(CaseEvidence::subject), verification.genTime(),
                                Optional.empty(), "time-stamp of item " + other.id() + ": " + verification.message()));
            }
        }
        return new CaseItem(item, Optional.empty(), Optional.empty(), Optional.empty(),
                new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), "time-stamp",
                        Optional.of(Indication.INDETERMINATE), Optional.of(SubIndication.SIGNED_DATA_NOT_FOUND),
                        Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(parsed.getTimeStampInfo().getGenTime().toInstant()), Optional.empty(),
                        "time-stamp token of " + parsed.getTimeStampInfo().getGenTime().toInstant()
                                + " whose imprint matches no item of the bundle"));
    }

    // ---- transparency logs: checkpoints, then inclusion and consistency proofs ----

    private void checkLogItems() {
        for (CaseItem item : List.copyOf(items)) {
            if (item.role() == ItemRole.CHECKPOINT && "text/plain".equals(item.item().mediaType())) {
                replace(item, checkpoint(item));
            }
        }
        for (CaseItem item : List.copyOf(items)) {
            if (item.role() == ItemRole.TLOG_PROOF) {
                replace(item, "application/json".equals(item.item().mediaType()) ? consistencyProof(item)
                        : inclusionProof(item));
            }
        }
    }

    private void replace(CaseItem old, ItemCheck check) {
        CaseItem updated = new CaseItem(old.item(), old.statement(), old.validation(), old.certificate(), check);
        items.set(items.indexOf(old), updated);
        byId.put(old.id(), updated);
    }

    private ItemCheck checkpoint(CaseItem item) {
        SignedNote note;
        try {
            note = SignedNote.parse(item.content());
        } catch (MalformedNoteException e) {
            return failed(item.item(), "checkpoint", SubIndication.FORMAT_FAILURE, "not a signed note: " + e.getMessage());
        }
        String origin = origin(note);
        List<NoteVerifier> keys = logKeys(origin);
        if (keys.isEmpty()) {
            return indeterminate(item.item(), "checkpoint", SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                    "no trusted or certified key of log '" + origin + "'");
        }
        try {
            Checkpoint checkpoint = Checkpoint.parse(note.verify(keys));
            NoteVerifier key = signingKey(note, keys);
            checkpoints.add(new VerifiedCheckpoint(item.id(), checkpoint, key));
            return new ItemCheck(item.id(), item.role(), item.item().mediaType(), item.item().sha256(), item.item().size(),
                    "checkpoint", Optional.of(Indication.TOTAL_PASSED), Optional.empty(), Optional.empty(),
                    Optional.of(key.verifierKey()), Optional.of(origin), Optional.empty(), Optional.empty(),
                    "checkpoint of log '" + checkpoint.origin() + "', tree size " + checkpoint.treeSize() + ", root "
                            + Base64s.std(checkpoint.rootHash()) + ", signed by " + key.keyName());
        } catch (NoteVerificationException e) {
            return failed(item.item(), "checkpoint", e.reason() == NoteVerificationException.Reason.NO_TRUSTED_SIGNATURE
                    ? SubIndication.NO_CERTIFICATE_CHAIN_FOUND : SubIndication.SIG_CRYPTO_FAILURE, e.getMessage());
        } catch (MalformedCheckpointException e) {
            return failed(item.item(), "checkpoint", SubIndication.FORMAT_FAILURE, "not a checkpoint: " + e.getMessage());
        }
    }

    private ItemCheck inclusionProof(CaseItem item) {
        TlogProof proof;
        try {
            proof = TlogProof.parse(item.text());
        } catch (MalformedTlogProofException e) {
            return failed(item.item(), "log-proof", SubIndication.FORMAT_FAILURE, "not a tlog proof: " + e.getMessage());
        }
        String origin = origin(proof.signedCheckpoint());
        List<NoteVerifier> keys = logKeys(origin);
        if (keys.isEmpty()) {
            return indeterminate(item.item(), "log-proof", SubIndication.NO_CERTIFICATE_CHAIN_FOUND,
                    "no trusted or certified key of log '" + origin + "'");
        }
        Checkpoint checkpoint;
        NoteVerifier key;
        try {
            checkpoint = Checkpoint.parse(proof.signedCheckpoint().verify(keys));
            key = signingKey(proof.signedCheckpoint(), keys);
        } catch (NoteVerificationException e) {
            return failed(item.item(), "log-proof", SubIndication.SIG_CRYPTO_FAILURE, "checkpoint: " + e.getMessage());
        } catch (MalformedCheckpointException e) {
            return failed(item.item(), "log-proof", SubIndication.FORMAT_FAILURE, "not a checkpoint: " + e.getMessage());
        }
        for (CaseItem entry : items) {
            if (entry.id().equals(item.id())) {
                continue;
            }
            for (byte[] candidate : leafCandidates(entry)) {
                byte[] leaf = MerkleHash.leaf(candidate);
                if (MerkleVerifier.isValidInclusion(leaf, proof.index(), checkpoint.treeSize(),
                        proof.inclusionProof(), checkpoint.rootHash())) {
                    provenEntries.add(new ProvenEntry(item.id(), entry.id(), leaf, proof.index(), checkpoint, key));
                    return new ItemCheck(item.id(), item.role(), item.item().mediaType(), item.item().sha256(),
                            item.item().size(), "log-proof", Optional.of(Indication.TOTAL_PASSED), Optional.empty(),
                            Optional.empty(), Optional.of(key.verifierKey()), Optional.of(origin), Optional.empty(),
                            Optional.empty(), "item " + entry.id() + " is entry " + proof.index() + " of log '" + origin
                                    + "' (tree size " + checkpoint.treeSize() + ")");
                }
            }
        }
        return indeterminate(item.item(), "log-proof", SubIndication.SIGNED_DATA_NOT_FOUND, "a valid checkpoint of log '"
                + origin + "' (tree size " + checkpoint.treeSize() + "), but the proof of index " + proof.index()
                + " leads to no item of the bundle");
    }

    /** The bytes a TTP may have logged for an item: the item itself, or a statement's compact form. */
    private static List<byte[]> leafCandidates(CaseItem entry) {
        List<byte[]> candidates = new ArrayList<>();
        candidates.add(entry.content());
        entry.statement().ifPresent(s -> candidates.add(s.compact().getBytes(StandardCharsets.US_ASCII)));
        return candidates;
    }

    private ItemCheck consistencyProof(CaseItem item) {
        JsonNode node;
        List<byte[]> hashes = new ArrayList<>();
        long from;
        long to;
        try {
            node = JSON.readTree(item.content());
            from = node.path("from").asLong(-1);
            to = node.path("to").asLong(-1);
            if (from < 1 || to < from || !node.path("hashes").isArray()) {
                throw new IOException("needs from >= 1, to >= from and a hashes array");
            }
            for (JsonNode hash : node.path("hashes")) {
                hashes.add(Base64s.decodeAny(hash.asText()));
            }
        } catch (IOException | IllegalArgumentException e) {
            return failed(item.item(), "consistency-proof", SubIndication.FORMAT_FAILURE,
                    "not a consistency proof {from, to, hashes}: " + e.getMessage());
        }
        consistencyProofs.add(new ConsistencyProof(item.id(), from, to, hashes));
        return new ItemCheck(item.id(), item.role(), item.item().mediaType(), item.item().sha256(), item.item().size(),
                "consistency-proof", Optional.of(Indication.TOTAL_PASSED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                "consistency proof from tree size " + from + " to " + to + " (" + hashes.size()
                        + " hashes), checked against the checkpoints it joins");
    }

    /** Trusted keys named {@code origin}, and Ed25519 keys of certificate items that chain to the signer anchors. */
    private List<NoteVerifier> logKeys(String origin) {
        List<NoteVerifier> keys = new ArrayList<>();
        for (NoteVerifier key : trust.logKeys()) {
            if (key.keyName().equals(origin)) {
                keys.add(key);
            }
        }
        for (CaseItem item : items) {
            if (item.certificate().isPresent() && item.check().passed()) {
                PublicKey key = item.certificate().get().getPublicKey();
                if ("Ed25519".equals(key.getAlgorithm()) || "EdDSA".equals(key.getAlgorithm())) {
                    try {
                        NoteVerifier verifier = NoteVerifier.of(origin, key);
                        if (keys.stream().noneMatch(k -> k.keyId() == verifier.keyId())) {
                            keys.add(verifier);
                        }
                    } catch (IllegalArgumentException e) {
                        // not a usable note key
                    }
                }
            }
        }
        return keys;
    }

    private static NoteVerifier signingKey(SignedNote note, List<NoteVerifier> keys) {
        for (SignedNote.Signature signature : note.signatures()) {
            for (NoteVerifier key : keys) {
                if (key.keyName().equals(signature.keyName()) && key.keyId() == signature.keyId()) {
                    return key;
                }
            }
        }
        throw new IllegalStateException("a verified note carries no signature of the keys it verified with");
    }

    private static String origin(SignedNote note) {
        String body = note.unverifiedBody();
        int newline = body.indexOf('\n');
        return newline < 0 ? body : body.substring(0, newline);
    }

    // ---- helpers ----

    private static ItemCheck failed(BundleItem item, String kind, SubIndication subIndication, String message) {
        return new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), kind,
                Optional.of(Indication.TOTAL_FAILED), Optional.of(subIndication), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), message);
    }

    private static ItemCheck indeterminate(BundleItem item, String kind, SubIndication subIndication, String message) {
        return new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), kind,
                Optional.of(Indication.INDETERMINATE), Optional.of(subIndication), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), message);
    }

    private static ItemCheck plain(BundleItem item, String kind, String message) {
        return new ItemCheck(item.id(), item.role(), item.mediaType(), item.sha256(), item.size(), kind, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), message);
    }

    static X509Certificate certificate(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static X509CRL crl(byte[] der) throws GeneralSecurityException {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    /** A time-stamp item is the token (CMS ContentInfo) or a whole RFC 3161 reply holding one. */
    private static byte[] tokenDer(byte[] content) throws IOException, TSPException {
        try {
            TimeStampResponse response = new TimeStampResponse(content);
            if (response.getTimeStampToken() != null) {
                return response.getTimeStampToken().getEncoded();
            }
        } catch (TSPException | IOException | RuntimeException e) {
            // not a reply: a bare token
        }
        return content;
    }

    private static byte[] digest(String oid, byte[] data) {
        String name = switch (oid) {
            case "2.16.840.1.101.3.4.2.1" -> "SHA-256";
            case "2.16.840.1.101.3.4.2.2" -> "SHA-384";
            case "2.16.840.1.101.3.4.2.3" -> "SHA-512";
            default -> null;
        };
        if (name == null) {
            return new byte[0];
        }
        try {
            return MessageDigest.getInstance(name).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
