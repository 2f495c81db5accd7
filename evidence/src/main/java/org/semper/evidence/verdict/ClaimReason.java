package org.semper.evidence.verdict;

/** Why a claim statement is refused before any evidence is weighed; {@link #code()} appears in problem+json. */
public enum ClaimReason {
    UNSIGNED_CLAIM("unsigned-claim", "The claim is not a signed statement of type " + Claim.TYPE),
    MALFORMED_CLAIM("malformed-claim", "The claim's payload lacks a member or has one of the wrong form"),
    UNKNOWN_CLAIM_TYPE("unknown-claim-type", "The claim type is not one the arbiter decides"),
    BUNDLE_MISMATCH("bundle-mismatch", "The claim names another evidence bundle than the one submitted"),
    CLAIMANT_NOT_PARTY("claimant-not-party", "The claimant or the respondent is not a party to the exchange");

    private final String code;
    private final String title;

    ClaimReason(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
