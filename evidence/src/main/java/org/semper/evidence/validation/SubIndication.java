package org.semper.evidence.validation;

/**
 * Reason for a {@link Indication#TOTAL_FAILED} or {@link Indication#INDETERMINATE} result, as listed in
 * ETSI EN 319 102-1 §5.1.3 (Table 5) and reported by the EU DSS validator. Each value knows the indication it
 * belongs to and its URI from ETSI TS 119 102-2, so that a Semper result can be compared with a DSS report.
 */
public enum SubIndication {
    /** The object does not conform to its base standard to the point that it cannot be processed. */
    FORMAT_FAILURE(Indication.TOTAL_FAILED),
    /** A hash of the signed data does not match the hash in the signed object. */
    HASH_FAILURE(Indication.TOTAL_FAILED),
    /** The signature value cannot be verified with the public key of the signer's certificate. */
    SIG_CRYPTO_FAILURE(Indication.TOTAL_FAILED),
    /** The signer's certificate was revoked before the time that matters. */
    REVOKED(Indication.TOTAL_FAILED),
    /** The signing time is after the signer certificate's notAfter. */
    EXPIRED(Indication.TOTAL_FAILED),
    /** The signing time is before the signer certificate's notBefore. */
    NOT_YET_VALID(Indication.TOTAL_FAILED),
    /** One or more attributes of the signature do not match the validation constraints. */
    SIG_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
    /** The certificate chain does not match the validation constraints on certificates (e.g. key usage). */
    CHAIN_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
    /** The chain could not be validated for a reason not covered by another sub-indication. */
    CERTIFICATE_CHAIN_GENERAL_FAILURE(Indication.INDETERMINATE),
    /** An algorithm or key size used is below the required security level. */
    CRYPTO_CONSTRAINTS_FAILURE(Indication.INDETERMINATE),
    /** No certificate chain from the signer's certificate to a trust anchor could be found. */
    NO_CERTIFICATE_CHAIN_FOUND(Indication.INDETERMINATE),
    /** The signed data cannot be obtained. */
    SIGNED_DATA_NOT_FOUND(Indication.INDETERMINATE),
    /** Revocation data is not yet available; validating later may give a definite result. */
    TRY_LATER(Indication.INDETERMINATE),
    /** No proof of existence shows that the object existed at the time that matters. */
    NO_POE(Indication.INDETERMINATE),
    /** The signer's certificate was revoked and no proof of existence before the revocation is known. */
    REVOKED_NO_POE(Indication.INDETERMINATE),
    /** The signer's certificate is expired or not yet valid at validation time and no proof of existence
     * within its validity is known. */
    OUT_OF_BOUNDS_NO_POE(Indication.INDETERMINATE);

    private final Indication indication;

    SubIndication(Indication indication) {
        this.indication = indication;
    }

    /** The indication that this sub-indication qualifies (EN 319 102-1 Table 5). */
    public Indication indication() {
        return indication;
    }

    /** The identifier of ETSI TS 119 102-2, e.g. {@code urn:etsi:019102:subindication:HASH_FAILURE}. */
    public String uri() {
        return "urn:etsi:019102:subindication:" + name();
    }
}
