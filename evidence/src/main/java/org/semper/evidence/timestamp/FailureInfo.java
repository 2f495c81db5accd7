package org.semper.evidence.timestamp;

/**
 * The reasons a TSA may give for rejecting a request: the {@code PKIFailureInfo} bits of RFC 3161 §2.4.2.
 * Other bits (defined for CMP by RFC 4210) have no meaning for a TSA and are not decoded.
 */
public enum FailureInfo {
    /** Unrecognized or unsupported algorithm identifier. */
    BAD_ALG(0),
    /** Transaction not permitted or supported. */
    BAD_REQUEST(2),
    /** The data submitted has the wrong format. */
    BAD_DATA_FORMAT(5),
    /** The TSA's time source is not available. */
    TIME_NOT_AVAILABLE(14),
    /** The requested TSA policy is not supported by the TSA. */
    UNACCEPTED_POLICY(15),
    /** The requested extension is not supported by the TSA. */
    UNACCEPTED_EXTENSION(16),
    /** The additional information requested could not be understood or is not available. */
    ADD_INFO_NOT_AVAILABLE(17),
    /** The request cannot be handled due to system failure. */
    SYSTEM_FAILURE(25);

    private final int bit;

    FailureInfo(int bit) {
        this.bit = bit;
    }

    /** Position of the bit in the {@code PKIFailureInfo} BIT STRING (0 is the first, most significant bit). */
    public int bit() {
        return bit;
    }
}
