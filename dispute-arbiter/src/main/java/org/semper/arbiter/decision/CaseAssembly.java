package org.semper.arbiter.decision;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.EventKind;
import org.semper.arbiter.dispute.ProceduralEvent;
import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.BundleRejection;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.StatementSigner;

/**
 * The case bundle: everything a verdict is computed from, in one {@code semper-bundle/1} document signed by the
 * arbiter, so that a court can recompute the verdict from it alone. Items: the claim ({@code claim}); the claimant's
 * items under {@code c.<id>} and the respondent's under {@code r.<id>}, with the roles they gave them, and each
 * party's signed manifest (role {@code other}: it proves what that party submitted, and no judge rule rests on it);
 * what the arbiter fetched from the TTP (status, token, log-key certificate, inclusion proofs); and the notice
 * evidence from the certified-mail relay ({@code notice}, {@code delivery-evidence}).
 */
final class CaseAssembly {
    private static final EvidenceBundleReader STORED = new EvidenceBundleReader(Long.MAX_VALUE, Integer.MAX_VALUE);

    private CaseAssembly() {
    }

    static EvidenceBundle build(DisputeRecord dispute, byte[] claimantBundle, Optional<byte[]> respondentBundle,
            List<TtpViews.Item> ttpItems, List<ProceduralEvent> events, StatementSigner arbiter) {
        EvidenceBundle.Builder builder = EvidenceBundle.builder();
        dispute.protocol().ifPresent(builder::protocol);
        dispute.exchange().ifPresent(builder::exchange);
        builder.add(new BundleItem("claim", ItemRole.CLAIM, "application/jose+json", "the claim", dispute.claim()));
        Set<String> ids = new HashSet<>();
        party(builder, ids, "c.", "claimant", claimantBundle);
        respondentBundle.ifPresent(bundle -> party(builder, ids, "r.", "respondent", bundle));
        for (TtpViews.Item item : ttpItems) {
            builder.add(item.role(), item.mediaType(), item.content(), item.description());
        }
        for (ProceduralEvent event : events) {
            if (event.evidence().isPresent()) {
                ItemRole role = event.kind().equals(EventKind.NOTICE_DELIVERED.code()) ? ItemRole.DELIVERY_EVIDENCE
                        : event.kind().equals(EventKind.NOTICE_SUBMITTED.code()) ? ItemRole.NOTICE : ItemRole.OTHER;
                builder.add(role, "application/jose+json", event.evidence().get(), "evidence of event " + event.seq()
                        + " (" + event.kind() + ")");
            }
        }
        return builder.sign(arbiter);
    }

    private static void party(EvidenceBundle.Builder builder, Set<String> ids, String prefix, String party,
            byte[] document) {
        EvidenceBundle bundle;
        try {
            bundle = STORED.read(document);
        } catch (BundleRejection e) {
            throw new IllegalStateException("the stored " + party + " bundle no longer reads: " + e.getMessage(), e);
        }
        for (BundleItem item : bundle.items()) {
            builder.add(new BundleItem(id(ids, prefix, item.id()), item.role(), item.mediaType(), item.description(),
                    item.content()));
        }
        builder.add(new BundleItem(id(ids, prefix, "manifest"), ItemRole.OTHER, "application/jose+json",
                "the " + party + "'s bundle manifest " + bundle.id(),
                bundle.manifest().toJson().getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code prefix + id}, shortened to the 64 characters an item id may have and made unique. */
    private static String id(Set<String> ids, String prefix, String id) {
        String candidate = (prefix + id).length() <= 64 ? prefix + id : (prefix + id).substring(0, 64);
        for (int n = 2; !ids.add(candidate); n++) {
            String suffix = "~" + n;
            candidate = (prefix + id).substring(0, Math.min((prefix + id).length(), 64 - suffix.length())) + suffix;
        }
        return candidate;
    }
}
