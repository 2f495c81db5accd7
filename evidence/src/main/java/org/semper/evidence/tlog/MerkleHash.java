package org.semper.evidence.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Merkle tree hashes of RFC 9162 §2.1.1 (identical to RFC 6962 §2.1) with SHA-256: a leaf is hashed as
 * {@code SHA-256(0x00 || entry)}, an interior node as {@code SHA-256(0x01 || left || right)}, and the tree with
 * no leaves has the hash of the empty string.
 */
public final class MerkleHash {
    /** Length in bytes of every hash in the tree. */
    public static final int LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private MerkleHash() {
    }

    /** {@code SHA-256(0x00 || entry)}: the leaf hash of one log entry. */
    public static byte[] leaf(byte[] entry) {
        MessageDigest sha256 = sha256();
        sha256.update(LEAF_PREFIX);
        sha256.update(entry);
        return sha256.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}: the hash of an interior node whose children have these hashes. */
    public static byte[] node(byte[] left, byte[] right) {
        requireHash(left, "left child hash");
        requireHash(right, "right child hash");
        MessageDigest sha256 = sha256();
        sha256.update(NODE_PREFIX);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** {@code SHA-256("")}: the root hash of the empty tree. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    static byte[] requireHash(byte[] hash, String what) {
        if (hash == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (hash.length != LENGTH) {
            throw new IllegalArgumentException(what + " has " + hash.length + " bytes, not " + LENGTH);
        }
        return hash;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
