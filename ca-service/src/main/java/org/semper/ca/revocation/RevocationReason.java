package org.semper.ca.revocation;

import java.util.Arrays;
import java.util.Optional;

/**
 * RFC 5280 §5.3.1 CRLReason codes this CA accepts. {@code certificateHold} and {@code removeFromCRL} are not
 * offered (a revocation is final); {@code aACompromise} does not apply (no attribute authority).
 */
public enum RevocationReason {
    UNSPECIFIED(0, "unspecified"),
    KEY_COMPROMISE(1, "keyCompromise"),
    CA_COMPROMISE(2, "cACompromise"),
    AFFILIATION_CHANGED(3, "affiliationChanged"),
    SUPERSEDED(4, "superseded"),
    CESSATION_OF_OPERATION(5, "cessationOfOperation"),
    PRIVILEGE_WITHDRAWN(9, "privilegeWithdrawn");

    private final int code;
    private final String rfcName;

    RevocationReason(int code, String rfcName) {
        this.code = code;
        this.rfcName = rfcName;
    }

    public int code() {
        return code;
    }

    public String rfcName() {
        return rfcName;
    }

    /** By RFC 5280 name ({@code keyCompromise}) or decimal code ({@code 1}); empty if not accepted. */
    public static Optional<RevocationReason> parse(String text) {
        if (text == null) {
            return Optional.of(UNSPECIFIED);
        }
        return Arrays.stream(values()).filter(r -> r.rfcName.equalsIgnoreCase(text) || String.valueOf(r.code).equals(text))
                .findFirst();
    }
}
