package org.semper.evidence.statement;

/**
 * Which protected header parameter carries the signer's claimed signing time.
 *
 * <p>Semper's design ({@code evidence-format.md}) names {@link #SIG_T}, the parameter of ETSI TS 119 182-1
 * V1.1.1 §5.2.1, listed in {@code crit}. Later versions of TS 119 182-1 deprecate {@code sigT} for new signatures in
 * favour of the JWT {@code iat} parameter (RFC 7519 §4.1.6, a NumericDate); EU DSS 6.4 classifies a {@code sigT}
 * signature claimed after 2025-07-15 as {@code JSON_NOT_ETSI} instead of {@code JAdES-BASELINE-B} (it still
 * validates its signature). Semper therefore signs with {@link #IAT} by default, so that its statements are
 * JAdES baseline signatures for today's validators; {@link #SIG_T} stays available and is accepted on input.
 * Exactly one of the two must be present.
 */
public enum ClaimedTimeHeader {
    /** {@code "sigT": "YYYY-MM-DDThh:mm:ssZ"}, listed in {@code crit} (TS 119 182-1 V1.1.1 §5.2.1). */
    SIG_T("sigT"),
    /** {@code "iat": <seconds since 1970-01-01T00:00:00Z>} (RFC 7519 §4.1.6; TS 119 182-1 V1.2.1+), not critical. */
    IAT("iat");

    private final String parameter;

    ClaimedTimeHeader(String parameter) {
        this.parameter = parameter;
    }

    /** The header parameter name. */
    public String parameter() {
        return parameter;
    }
}
