package org.semper.ca.api;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.claims.ClaimsLedger;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** The claims ledger: relying parties file signed claims; officers decide; operators see the exposure. */
@Path("/api/v1")
@Blocking
public class ClaimResource {

    /** @param decision {@code accept} or {@code reject} */
    public record Decision(String decision, String note) {
    }

    @Inject
    ClaimsLedger ledger;

    @Inject
    SecurityIdentity identity;

    @POST
    @Path("/claims")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a claim: a statement of type semper-ca-claim signed with a certificate of this CA")
    public Response file(String statement) {
        ClaimsLedger.Claim claim = ledger.file(statement);
        return Response.created(URI.create("/api/v1/claims/" + claim.id())).entity(claim).build();
    }

    @GET
    @Path("/claims/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Status of a claim (the claim id, returned when filing, is the claimant's capability)")
    public ClaimsLedger.Claim get(@PathParam("id") String id) {
        UUID uuid = parse(id);
        return ledger.find(uuid).orElseThrow(() -> new ProblemException(CommonProblem.NOT_FOUND, "No claim " + id));
    }

    @POST
    @Path("/claims/{id}/decision")
    @RolesAllowed("ra-officer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Accept or reject a pending claim (role ra-officer)")
    public ClaimsLedger.Claim decide(@PathParam("id") String id, Decision decision) {
        if (decision == null || !("accept".equals(decision.decision()) || "reject".equals(decision.decision()))) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "decision must be \"accept\" or \"reject\"");
        }
        return ledger.decide(parse(id), "accept".equals(decision.decision()), decision.note(),
                "officer:" + identity.getPrincipal().getName());
    }

    @GET
    @Path("/reports/exposure")
    @RolesAllowed("operator")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cover outstanding, paid and pending, per currency (role operator)")
    public List<ClaimsLedger.Exposure> exposure() {
        return ledger.exposure();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonProblem.NOT_FOUND, "No claim " + id);
        }
    }
}
