package org.semper.evidence.verdict;

import org.semper.evidence.exchange.Hashes;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.ProofVerificationException;
import org.semper.evidence.verdict.CaseEvidence.ConsistencyProof;
import org.semper.evidence.verdict.CaseEvidence.ProvenEntry;
import org.semper.evidence.verdict.CaseEvidence.VerifiedCheckpoint;

/**
 * The arbiter's rule on a split view ({@code evidence-format.md}, "A log must never sign two checkpoints that are
 * inconsistent"): a TTP misbehaved if its log key signed
 * <ol>
 * <li>two checkpoints of one tree size with different root hashes, or</li>
 * <li>two checkpoints under which inclusion proofs (RFC 9162 §2.1.3) put two different entries at one index.</li>
 * </ol>
 * Two checkpoints of different sizes are consistent if a consistency proof (RFC 9162 §2.1.4) between them verifies;
 * if there is none, the decision needs one ({@code consistency-proof}). The log key is attributed to the respondent
 * by a certificate in the bundle: the respondent of a log-fork claim is that certificate (h(DER)), chaining to the
 * trust anchors, whose Ed25519 key signed the checkpoints.
 */
final class LogFork {
    private LogFork() {
    }

    static JudgeFinding judge(CaseEvidence evidence, String respondent) {
        List<VerifiedCheckpoint> all = evidence.checkpoints();
        if (all.isEmpty()) {
            return new JudgeFinding(List.of(), List.of(), List.of(new Reason("no-checkpoints",
                    "the case file holds no checkpoint signed by a trusted or certified log key", List.of())));
        }
        Optional<CaseItem> keyCertificate = evidence.items().stream()
                .filter(item -> item.certificate().isPresent() && item.check().passed()
                        && Hashes.fingerprint(item.certificate().get()).equals(respondent))
                .findFirst();
        if (keyCertificate.isEmpty()) {
            return new JudgeFinding(List.of(), List.of(new MissingFact("log-key-certificate",
                    "no certificate in the case file, chaining to the trust anchors, ties the respondent " + respondent
                            + " to the log key that signed the checkpoints", all.stream().map(VerifiedCheckpoint::itemId)
                                    .toList())));
        }
        X509Certificate certificate = keyCertificate.get().certificate().get();
        List<VerifiedCheckpoint> mine = all.stream().filter(c -> sameKey(c.key().publicKey(), certificate.getPublicKey()))
                .toList();
        String keyItem = keyCertificate.get().id();
        if (mine.size() < 2) {
            return new JudgeFinding(List.of(), List.of(), List.of(new Reason("fewer-than-two-checkpoints",
                    "the case file holds " + mine.size() + " checkpoint(s) signed by the respondent's log key; a split "
                            + "view needs two", List.of(keyItem))));
        }
        String party = respondent;
        List<MissingFact> missing = new ArrayList<>();
        for (int i = 0; i < mine.size(); i++) {
            for (int j = i + 1; j < mine.size(); j++) {
                VerifiedCheckpoint a = mine.get(i);
                VerifiedCheckpoint b = mine.get(j);
                if (!a.checkpoint().origin().equals(b.checkpoint().origin())) {
                    continue;
                }
                long sizeA = a.checkpoint().treeSize();
                long sizeB = b.checkpoint().treeSize();
                if (sizeA == sizeB) {
                    if (!Arrays.equals(a.checkpoint().rootHash(), b.checkpoint().rootHash())) {
                        return fork("log '" + a.checkpoint().origin() + "' signed two checkpoints of tree size " + sizeA
                                + " with different root hashes", List.of(a.itemId(), b.itemId(), keyItem), party);
                    }
                    continue;
                }
                VerifiedCheckpoint older = sizeA < sizeB ? a : b;
                VerifiedCheckpoint newer = sizeA < sizeB ? b : a;
                if (!consistent(evidence, older, newer)) {
                    missing.add(new MissingFact("consistency-proof", "a consistency proof of log '"
                            + older.checkpoint().origin() + "' from tree size " + older.checkpoint().treeSize() + " to "
                            + newer.checkpoint().treeSize() + " (GET <log>/log/proof/consistency)",
                            List.of(older.itemId(), newer.itemId())));
                }
            }
        }
        List<ProvenEntry> entries = evidence.provenEntries().stream()
                .filter(e -> sameKey(e.key().publicKey(), certificate.getPublicKey())).toList();
        for (int i = 0; i < entries.size(); i++) {
            for (int j = i + 1; j < entries.size(); j++) {
                ProvenEntry a = entries.get(i);
                ProvenEntry b = entries.get(j);
                if (a.index() == b.index() && a.checkpoint().origin().equals(b.checkpoint().origin())
                        && !Arrays.equals(a.leafHash(), b.leafHash())) {
                    return fork("log '" + a.checkpoint().origin() + "' proves two different entries at index "
                            + a.index() + " (items " + a.entryItemId() + " and " + b.entryItemId() + ")",
                            List.of(a.proofItemId(), a.entryItemId(), b.proofItemId(), b.entryItemId(), keyItem), party);
                }
            }
        }
        if (!missing.isEmpty()) {
            return new JudgeFinding(List.of(), missing);
        }
        return new JudgeFinding(List.of(), List.of(), List.of(new Reason("log-consistent", "the " + mine.size()
                + " checkpoints of the respondent's log are consistent with each other",
                mine.stream().map(VerifiedCheckpoint::itemId).toList())));
    }

    private static JudgeFinding fork(String text, List<String> items, String party) {
        return new JudgeFinding(List.of(Fact.of(FactKind.TTP_MISBEHAVED, text, items).about(party)), List.of());
    }

    private static boolean consistent(CaseEvidence evidence, VerifiedCheckpoint older, VerifiedCheckpoint newer) {
        for (ConsistencyProof proof : evidence.consistencyProofs()) {
            if (proof.from() == older.checkpoint().treeSize() && proof.to() == newer.checkpoint().treeSize()) {
                try {
                    MerkleVerifier.verifyConsistency(proof.from(), proof.to(), older.checkpoint().rootHash(),
                            newer.checkpoint().rootHash(), proof.hashes());
                    return true;
                } catch (ProofVerificationException e) {
                    // an unsigned proof that fails proves nothing either way: keep looking
                }
            }
        }
        return false;
    }

    private static boolean sameKey(PublicKey a, PublicKey b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded());
    }
}
