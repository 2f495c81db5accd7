package org.semper.agent.exchange;

import java.util.List;

import org.semper.agent.deal.DealReview;
import org.semper.agent.testing.AgentWorld;
import org.semper.evidence.validation.TrustAnchors;

/** What the protocol's judge finds on a party's archive of a deal (as {@code semper deal show} prints it). */
final class DealReviewOf {
    private DealReviewOf() {
    }

    static List<String> outcomes(AgentWorld world, AgentWorld.Party party, String id) throws Exception {
        return DealReview.review(party.agent.archive().open(id), TrustAnchors.of(world.ca.certificate()),
                world.revocation).outcomes();
    }
}
