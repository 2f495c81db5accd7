package org.semper.evidence.exchange.escrow;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.util.BigIntegers;

/**
 * The key escrow {@code ek = Enc_T(K, label)} of {@code semper-px/1} and {@code semper-cm/1}: HPKE (RFC 9180) in
 * base mode with the suite DHKEM(P-256, HKDF-SHA256) (0x0010), HKDF-SHA256 (0x0001), AES-256-GCM (0x0002), as
 * implemented by Bouncy Castle's {@code org.bouncycastle.crypto.hpke}. The label ({@link EscrowLabel}) is both the
 * HPKE {@code info} and the AEAD {@code aad}, so a key escrowed for one exchange never opens for another.
 *
 * <p>{@code ek} = {@code enc} (the 65-byte uncompressed ephemeral P-256 point) followed by the AEAD ciphertext of
 * {@code K} (32 bytes + 16-byte tag): 113 bytes.
 *
 * <p>Keys: the TTP's escrow key is a P-256 key pair in a JCA form ({@link ECPrivateKey}/{@link ECPublicKey}, e.g.
 * from a PKCS#12 file); it is converted to Bouncy Castle parameters here. BC's HPKE computes the ECDH inside its
 * own code with the raw private scalar, so a key that cannot leave a PKCS#11 token is <b>not supported</b>: that
 * would need a DHKEM whose {@code Decap} runs the ECDH on the token (JCA {@code KeyAgreement "ECDH"} of the
 * SunPKCS11 provider, {@code CKM_ECDH1_DERIVE}) and the RFC 9180 key schedule (LabeledExtract/Expand, AEAD) in
 * software around it; BC's HPKE has no hook for a foreign KEM.
 */
public final class EscrowOpening {
    /** Length of {@code enc} for DHKEM(P-256): an uncompressed SEC1 point. */
    public static final int ENC_LENGTH = 65;
    /** Length of the escrowed key {@code K}. */
    public static final int KEY_LENGTH = 32;
    /** Length of {@code ek}: enc, K, the GCM tag. */
    public static final int ESCROW_LENGTH = ENC_LENGTH + KEY_LENGTH + 16;

    private static final X9ECParameters P256 = ECNamedCurveTable.getByName("P-256");

    private EscrowOpening() {
    }

    private static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_P256_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** {@code ek} holding {@code key} (32 bytes) for the holder of {@code recipient} (a P-256 public key). */
    public static byte[] seal(PublicKey recipient, byte[] key, byte[] label) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(label, "label");
        if (Objects.requireNonNull(key, "key").length != KEY_LENGTH) {
            throw new IllegalArgumentException("the escrowed key is 32 bytes");
        }
        HPKE hpke = suite();
        AsymmetricKeyParameter publicKey = hpke.deserializePublicKey(point(p256(recipient)));
        try {
            byte[][] sealed = hpke.seal(publicKey, label, label, key, null, null, null);
            return concat(sealed[1], sealed[0]);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("HPKE seal failed: " + e.getMessage(), e);
        }
    }

    /**
     * The key {@code ek} holds, if it opens with {@code recipient} (a P-256 private key, in memory) under
     * {@code label}; empty if it does not (wrong length, not a point, wrong key or label, altered).
     */
    public static Optional<byte[]> open(PrivateKey recipient, byte[] ek, byte[] label) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ek, "ek");
        Objects.requireNonNull(label, "label");
        if (ek.length != ESCROW_LENGTH) {
            return Optional.empty();
        }
        HPKE hpke = suite();
        AsymmetricCipherKeyPair keyPair = keyPair(hpke, recipient);
        byte[] enc = Arrays.copyOfRange(ek, 0, ENC_LENGTH);
        byte[] ciphertext = Arrays.copyOfRange(ek, ENC_LENGTH, ek.length);
        try {
            byte[] key = hpke.open(enc, keyPair, label, label, ciphertext, null, null, null);
            return key.length == KEY_LENGTH ? Optional.of(key) : Optional.empty();
        } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static AsymmetricCipherKeyPair keyPair(HPKE hpke, PrivateKey recipient) {
        if (!(recipient instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("the escrow key must be an in-memory P-256 EC private key (PKCS#12), not "
                    + recipient.getAlgorithm() + " " + recipient.getClass().getName()
                    + "; keys held in a PKCS#11 token are not supported by Bouncy Castle's HPKE");
        }
        BigInteger d = ec.getS();
        if (ec.getParams().getCurve().getField().getFieldSize() != 256 || !ec.getParams().getOrder().equals(P256.getN())) {
            throw new IllegalArgumentException("the escrow key is not on P-256");
        }
        byte[] publicPoint = P256.getG().multiply(d).normalize().getEncoded(false);
        return hpke.deserializePrivateKey(BigIntegers.asUnsignedByteArray(32, d), publicPoint);
    }

    private static ECPublicKey p256(PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(P256.getN())) {
            throw new IllegalArgumentException("the escrow key must be a P-256 EC public key");
        }
        return ec;
    }

    private static byte[] point(ECPublicKey key) {
        byte[] x = BigIntegers.asUnsignedByteArray(32, key.getW().getAffineX());
        byte[] y = BigIntegers.asUnsignedByteArray(32, key.getW().getAffineY());
        byte[] point = new byte[ENC_LENGTH];
        point[0] = 0x04;
        System.arraycopy(x, 0, point, 1, 32);
        System.arraycopy(y, 0, point, 33, 32);
        return point;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
