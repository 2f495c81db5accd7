package org.semper.arbiter.filing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

/**
 * The respondent's answer: its own bundle, signed by it (the manifest's signature is the authentication), before the
 * deadline, once.
 */
@ApplicationScoped
public class Responses {
    private final BundleIntake intake;
    private final Disputes disputes;

    @Inject
    public Responses(BundleIntake intake, Disputes disputes) {
        this.intake = intake;
        this.disputes = disputes;
    }

    public DisputeRecord respond(UUID id, byte[] document, Map<String, byte[]> detached) {
        DisputeRecord dispute = disputes.find(id)
                .orElseThrow(() -> new ProblemException(CommonProblem.NOT_FOUND, "No dispute " + id));
        EvidenceBundle bundle;
        try {
            bundle = intake.read(document, detached, dispute.respondent());
        } catch (ProblemException e) {
            if (e.type() == ArbiterProblem.BUNDLE_NOT_SUBMITTERS) {
                throw new ProblemException(ArbiterProblem.NOT_RESPONDENT, e.getMessage());
            }
            throw e;
        }
        disputes.respond(id, bundle.id(), bundle.toJson(java.util.Set.of()), Instant.now());
        return disputes.find(id).orElseThrow();
    }
}
