package org.semper.mail.api;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.semper.mail.relay.Transactions;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.Problem;

import jakarta.ws.rs.core.Response;

/**
 * The relay's database or content store failing is "try again" (503), never a decision: nothing was replied, and
 * a retry finds whatever the database holds. (The decision store's failures: ttp-runtime's {@code DecisionStoreMapper}.)
 */
public class StorageProblems {

    private static final Logger LOG = Logger.getLogger(StorageProblems.class);

    @ServerExceptionMapper
    public Response storage(Transactions.StorageException e) {
        LOG.warnf("Storage failure: %s", e.getMessage());
        return Response.fromResponse(Problem.of(CommonProblem.SERVICE_UNAVAILABLE, "Storage is not available now; retry").toResponse()).header("Retry-After", "5").build();
    }
}
