package org.semper.evidence.verdict;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * Everything a verdict is computed from, and nothing else: the case bundle (the claim as its one {@code claim}
 * item, the parties' evidence, the TTP statements and log proofs the arbiter fetched, the revocation data), what the
 * judge trusts, the validation policy, and the time of the decision (the validators' "now", so that the same case
 * file gives the same verdict whenever and wherever it is recomputed).
 */
public record CaseFile(EvidenceBundle bundle, BundleItem claimItem, SignedStatement claim, Trust trust,
        ValidationPolicy policy, Instant decidedAt) {

    public CaseFile {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(claimItem, "claimItem");
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /**
     * The case in {@code bundle}, whose claim is its one item of role {@code claim}.
     *
     * @throws ClaimRejection if the bundle has no claim item, several, or one that is not a signed statement
     */
    public static CaseFile of(EvidenceBundle bundle, Trust trust, ValidationPolicy policy, Instant decidedAt)
            throws ClaimRejection {
        List<BundleItem> claims = bundle.itemsWithRole(ItemRole.CLAIM);
        if (claims.size() != 1) {
            throw new ClaimRejection(ClaimReason.UNSIGNED_CLAIM, "a case bundle holds exactly one claim item, this one "
                    + claims.size());
        }
        BundleItem item = claims.get(0);
        try {
            return new CaseFile(bundle, item, SignedStatement.parse(new String(item.content(), StandardCharsets.UTF_8)),
                    trust, policy, decidedAt);
        } catch (MalformedStatementException e) {
            throw new ClaimRejection(ClaimReason.UNSIGNED_CLAIM, "claim item " + item.id() + " is not a signed statement: "
                    + e.getMessage());
        }
    }
}
