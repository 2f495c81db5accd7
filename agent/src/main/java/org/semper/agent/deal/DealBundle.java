package org.semper.agent.deal;

import java.util.List;

import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.StatementSigner;

/**
 * A deal's archive as an arbiter evidence bundle ({@code semper-bundle/1}, {@code docs/evidence.md}): every archived
 * item with its role, media type and description, in the order it was archived, under a manifest the party signs
 * (through its consent gate). The protocol and exchange id are the deal's. Secrets this party still keeps (its
 * nonce, an unreleased key) are not items and never leave; a claim filed earlier is left out too (a claim travels
 * beside its bundle, and the arbiter's case bundle holds exactly one).
 */
public final class DealBundle {
    private DealBundle() {
    }

    public static EvidenceBundle export(DealFile file, StatementSigner submitter) throws DealArchiveException {
        Deal deal = file.deal();
        EvidenceBundle.Builder builder = EvidenceBundle.builder().protocol(deal.kind().protocol().id());
        deal.exchange().ifPresent(builder::exchange);
        List<DealFile.Item> items = file.items();
        for (DealFile.Item item : items) {
            if (item.role() != ItemRole.CLAIM) {
                builder.add(item.role(), item.mediaType(), file.read(item.file()), describe(item));
            }
        }
        return builder.sign(submitter);
    }

    private static String describe(DealFile.Item item) {
        String text = item.description().isEmpty() ? item.event() : item.description();
        return (text + " (" + item.time() + ")").replaceAll("[\\p{Cntrl}]", " ");
    }
}
