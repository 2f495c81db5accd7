package org.semper.arbiter.problem;

import org.semper.evidence.bundle.BundleReason;
import org.semper.evidence.verdict.ClaimReason;
import org.semper.runtime.problem.ProblemType;

/** The arbiter's refusals, each answered as problem+json with its stable {@code code}. */
public enum ArbiterProblem implements ProblemType {
    // Evidence bundles (codes of org.semper.evidence.bundle.BundleReason)
    MALFORMED_BUNDLE(BundleReason.MALFORMED, 400),
    BUNDLE_TOO_LARGE(BundleReason.TOO_LARGE, 413),
    UNSIGNED_MANIFEST(BundleReason.UNSIGNED_MANIFEST, 400),
    UNKNOWN_ROLE(BundleReason.UNKNOWN_ROLE, 400),
    DUPLICATE_ITEM(BundleReason.DUPLICATE_ITEM, 400),
    MISSING_ITEM(BundleReason.MISSING_ITEM, 400),
    UNDECLARED_ITEM(BundleReason.UNDECLARED_ITEM, 400),
    ITEM_HASH_MISMATCH(BundleReason.HASH_MISMATCH, 400),
    BUNDLE_NOT_SUBMITTERS("bundle-not-submitters", 403, "The bundle's manifest is not signed by the party submitting it"),
    MANIFEST_SIGNATURE_INVALID("manifest-signature-invalid", 400, "The bundle's manifest signature does not validate"),
    // Claims (codes of org.semper.evidence.verdict.ClaimReason)
    UNSIGNED_CLAIM(ClaimReason.UNSIGNED_CLAIM, 400),
    MALFORMED_CLAIM(ClaimReason.MALFORMED_CLAIM, 400),
    UNKNOWN_CLAIM_TYPE(ClaimReason.UNKNOWN_CLAIM_TYPE, 400),
    BUNDLE_MISMATCH(ClaimReason.BUNDLE_MISMATCH, 400),
    CLAIMANT_NOT_PARTY(ClaimReason.CLAIMANT_NOT_PARTY, 403),
    CLAIM_SIGNATURE_INVALID("claim-signature-invalid", 400, "The claim's signature does not validate (bad signature, "
            + "revoked or expired certificate)"),
    CLAIM_UNTRUSTED("claim-untrusted", 403, "The claimant's certificate does not chain to a CA the arbiter trusts"),
    EXCHANGE_NOT_IN_BUNDLE("exchange-not-in-bundle", 422, "The bundle holds no valid first message of the claimed exchange"),
    RESPONDENT_UNKNOWN("respondent-unknown", 422, "The bundle holds no certificate of the respondent (the notice is "
            + "sealed to it)"),
    DUPLICATE_CLAIM("duplicate-claim", 409, "This claim statement was filed before"),
    // Responses
    NOT_RESPONDENT("not-respondent", 403, "Only the respondent of the dispute may answer it"),
    RESPONSE_WINDOW_CLOSED("response-window-closed", 409, "The deadline for the response has passed"),
    ALREADY_RESPONDED("already-responded", 409, "The respondent has answered already"),
    ALREADY_DECIDED("already-decided", 409, "The dispute is decided"),
    // Records
    NOT_DECIDED("not-decided", 409, "The dispute has no transcript yet"),
    ACCESS_REQUEST_INVALID("access-request-invalid", 403, "The access request is not a valid, fresh statement of a party "
            + "to this dispute"),
    ACCESS_REQUEST_REPLAYED("access-request-replayed", 409, "This access request was used before");

    private final ProblemSpec spec;

    ArbiterProblem(String code, int status, String title) {
        this.spec = new ProblemSpec(code, status, title);
    }

    ArbiterProblem(BundleReason reason, int status) {
        this(reason.code(), status, reason.title());
    }

    ArbiterProblem(ClaimReason reason, int status) {
        this(reason.code(), status, reason.title());
    }

    @Override
    public ProblemSpec spec() {
        return spec;
    }

    public static ArbiterProblem of(BundleReason reason) {
        return switch (reason) {
            case MALFORMED -> MALFORMED_BUNDLE;
            case TOO_LARGE -> BUNDLE_TOO_LARGE;
            case UNSIGNED_MANIFEST -> UNSIGNED_MANIFEST;
            case UNKNOWN_ROLE -> UNKNOWN_ROLE;
            case DUPLICATE_ITEM -> DUPLICATE_ITEM;
            case MISSING_ITEM -> MISSING_ITEM;
            case UNDECLARED_ITEM -> UNDECLARED_ITEM;
            case HASH_MISMATCH -> ITEM_HASH_MISMATCH;
        };
    }

    public static ArbiterProblem of(ClaimReason reason) {
        return switch (reason) {
            case UNSIGNED_CLAIM -> UNSIGNED_CLAIM;
            case MALFORMED_CLAIM -> MALFORMED_CLAIM;
            case UNKNOWN_CLAIM_TYPE -> UNKNOWN_CLAIM_TYPE;
            case BUNDLE_MISMATCH -> BUNDLE_MISMATCH;
            case CLAIMANT_NOT_PARTY -> CLAIMANT_NOT_PARTY;
        };
    }
}
