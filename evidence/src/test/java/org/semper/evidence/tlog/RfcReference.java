package org.semper.evidence.tlog;

import java.util.ArrayList;
import java.util.List;

/**
 * The definitions of RFC 9162 §2.1 (MTH, PATH, PROOF/SUBPROOF) transcribed literally, recursing on lists of leaf
 * hashes: slow, obviously right, and independent of the perfect-subtree decomposition of {@link MerkleProofs}.
 */
final class RfcReference {
    private RfcReference() {
    }

    /** MTH(D[n]) over leaf hashes. */
    static byte[] mth(List<byte[]> leafHashes) {
        int n = leafHashes.size();
        if (n == 0) {
            return MerkleHash.emptyRoot();
        }
        if (n == 1) {
            return leafHashes.get(0);
        }
        int k = k(n);
        return MerkleHash.node(mth(leafHashes.subList(0, k)), mth(leafHashes.subList(k, n)));
    }

    /** PATH(m, D[n]). */
    static List<byte[]> path(int m, List<byte[]> leafHashes) {
        int n = leafHashes.size();
        List<byte[]> path = new ArrayList<>();
        if (n == 1) {
            return path;
        }
        int k = k(n);
        if (m < k) {
            path.addAll(path(m, leafHashes.subList(0, k)));
            path.add(mth(leafHashes.subList(k, n)));
        } else {
            path.addAll(path(m - k, leafHashes.subList(k, n)));
            path.add(mth(leafHashes.subList(0, k)));
        }
        return path;
    }

    /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
    static List<byte[]> proof(int m, List<byte[]> leafHashes) {
        return subproof(m, leafHashes, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> leafHashes, boolean b) {
        int n = leafHashes.size();
        List<byte[]> proof = new ArrayList<>();
        if (m == n) {
            if (!b) {
                proof.add(mth(leafHashes));
            }
            return proof;
        }
        int k = k(n);
        if (m <= k) {
            proof.addAll(subproof(m, leafHashes.subList(0, k), b));
            proof.add(mth(leafHashes.subList(k, n)));
        } else {
            proof.addAll(subproof(m - k, leafHashes.subList(k, n), false));
            proof.add(mth(leafHashes.subList(0, k)));
        }
        return proof;
    }

    /** The largest power of two smaller than n. */
    private static int k(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }
}
