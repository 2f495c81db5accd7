package org.semper.runtime.local;

import java.util.List;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * A key a service needs in the {@code local} profile: where its config lives, the file name, the certificate
 * subject, and the extended key usages the certificate must carry.
 *
 * @param configPrefix prefix of the service's {@link org.semper.runtime.keys.KeySourceConfig}, e.g. {@code semper.tsa.signing-key}
 * @param name         file name stem under {@code <data>/<service>/keys/}
 * @param subject      X.500 subject of the certificate
 * @param extendedKeyUsages EKUs (none: no EKU extension)
 * @param criticalEku  whether the EKU extension is critical (RFC 3161 §2.3 requires it for a TSA)
 * @param keyType      the key algorithm
 * @param ca           whether the certificate is a (subordinate) CA certificate: basicConstraints cA=true,
 *                     pathLen 0, key usage keyCertSign + cRLSign, no EKU
 * @param crlDistributionPoint for a CA certificate, the URL of the root's CRL that covers it (its CRL
 *                     distribution point), or null for none
 */
public record LocalKeySpec(String configPrefix, String name, String subject, List<KeyPurposeId> extendedKeyUsages,
        boolean criticalEku, KeyType keyType, boolean ca, String crlDistributionPoint) {

    /** An end-entity key (not a CA). */
    public LocalKeySpec(String configPrefix, String name, String subject, List<KeyPurposeId> extendedKeyUsages,
            boolean criticalEku, KeyType keyType) {
        this(configPrefix, name, subject, extendedKeyUsages, criticalEku, keyType, false);
    }

    /** A key without a CRL distribution point. */
    public LocalKeySpec(String configPrefix, String name, String subject, List<KeyPurposeId> extendedKeyUsages,
            boolean criticalEku, KeyType keyType, boolean ca) {
        this(configPrefix, name, subject, extendedKeyUsages, criticalEku, keyType, ca, null);
    }

    /** Key types the local profile generates. */
    public enum KeyType {
        /** ECDSA P-256: document and token signatures. */
        EC_P256,
        /** Ed25519: transparency-log checkpoints (C2SP signed notes). */
        ED25519,
        /**
         * EC P-256 for key agreement only (key usage {@code keyAgreement}, no EKU): a TTP's escrow encryption key
         * (ECDH / HPKE, see the escrow convention in the protocol notes). Never signs.
         */
        EC_P256_KEY_AGREEMENT
    }

    /** A time-stamping key: sole, critical EKU {@code id-kp-timeStamping} (RFC 3161 §2.3). */
    public static LocalKeySpec timeStamping(String configPrefix, String name, String subject) {
        return new LocalKeySpec(configPrefix, name, subject, List.of(KeyPurposeId.id_kp_timeStamping), true, KeyType.EC_P256);
    }

    /** A key for signing documents (statements, tokens): no EKU. */
    public static LocalKeySpec documentSigning(String configPrefix, String name, String subject) {
        return new LocalKeySpec(configPrefix, name, subject, List.of(), false, KeyType.EC_P256);
    }

    /** An escrow encryption key: EC P-256, key usage keyAgreement, no EKU. */
    public static LocalKeySpec escrow(String configPrefix, String name, String subject) {
        return new LocalKeySpec(configPrefix, name, subject, List.of(), false, KeyType.EC_P256_KEY_AGREEMENT);
    }

    /**
     * An issuing (subordinate) CA key certified by the local trust anchor: cA=true with pathLen 0, key usage
     * keyCertSign + cRLSign (it signs end-entity certificates, CRLs and OCSP responder certificates).
     */
    public static LocalKeySpec issuingCa(String configPrefix, String name, String subject) {
        return new LocalKeySpec(configPrefix, name, subject, List.of(), false, KeyType.EC_P256, true);
    }

    /**
     * As {@link #issuingCa(String, String, String)}, with a CRL distribution point: the URL where the root's CRL of
     * CA certificates is published, so that relying parties can check the issuing CA certificate's revocation (RFC
     * 5280 §4.2.1.13). An existing certificate naming another URL (or none) is replaced by one for the same key.
     */
    public static LocalKeySpec issuingCa(String configPrefix, String name, String subject, String crlDistributionPoint) {
        return new LocalKeySpec(configPrefix, name, subject, List.of(), false, KeyType.EC_P256, true, crlDistributionPoint);
    }

    /** The Ed25519 key that signs the service's transparency-log checkpoints ({@code semper.log.key}). */
    public static LocalKeySpec logCheckpoints(String service) {
        return new LocalKeySpec("semper.log.key", "log", "CN=Semper Local " + service + " log,O=Semper", List.of(), false,
                KeyType.ED25519);
    }
}
