package org.semper.evidence.timestamp;

import java.util.Optional;

/** The {@code PKIStatus} of a time-stamp response (RFC 3161 §2.4.2, from RFC 2510). */
public enum PkiStatus {
    /** A token is present, as requested. */
    GRANTED(0),
    /** A token is present, with modifications the requester must look at. */
    GRANTED_WITH_MODS(1),
    /** The request was refused; the failure information says why. */
    REJECTION(2),
    /** The request has not been processed yet; ask again later. */
    WAITING(3),
    /** A revocation of the TSA's certificate is imminent. */
    REVOCATION_WARNING(4),
    /** The TSA's certificate has been revoked. */
    REVOCATION_NOTIFICATION(5);

    private final int code;

    PkiStatus(int code) {
        this.code = code;
    }

    /** The integer value on the wire. */
    public int code() {
        return code;
    }

    /** Whether a response with this status carries a token (RFC 3161 §2.4.2: status 0 or 1). */
    public boolean granted() {
        return this == GRANTED || this == GRANTED_WITH_MODS;
    }

    public static Optional<PkiStatus> byCode(int code) {
        for (PkiStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
