package org.semper.runtime.exchange;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.Problem;

import jakarta.ws.rs.core.Response;

/**
 * A decision store failure is answered 503 problem+json with {@code Retry-After}: nothing was replied, and the
 * retry returns whatever the database holds (the decision, if the commit took effect after all).
 */
public class DecisionStoreMapper {

    private static final Logger LOG = Logger.getLogger(DecisionStoreMapper.class);

    @ServerExceptionMapper
    public Response unavailable(DecisionStoreException e) {
        LOG.warnf("Decision store unavailable: %s", e.getMessage());
        return Response.fromResponse(Problem.of(CommonProblem.SERVICE_UNAVAILABLE,
                "The decision store cannot be reached; nothing was decided by this request that a retry would not return")
                .toResponse()).header("Retry-After", "1").build();
    }
}
