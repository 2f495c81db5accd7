package org.semper.ca.api;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.enrollment.EnrollmentRequest;
import org.semper.ca.enrollment.EnrollmentRequests;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * Enrollment requests waiting for a registration officer ({@code POST /api/v1/certificates} without a token queues
 * one): the requester polls its request by id; officers list the queue and approve or reject.
 */
@Path("/api/v1/enrollment-requests")
@Blocking
public class EnrollmentRequestResource {

    /** An enrollment request; {@code serial}, {@code certificate} and {@code chain} (PEM) once issued. */
    public record RequestView(String id, String status, String subject, String profile, String publicKeySha256,
            String contact, String details, Instant submittedAt, Instant decidedAt, String rejectionReason, String serial,
            String certificate, String chain) {

        static RequestView of(EnrollmentRequest r, List<X509Certificate> caChain) {
            X509Certificate cert = r.certificate();
            return new RequestView(r.id().toString(), r.status(), r.subject(), r.profile(), r.publicKeySha256(), r.contact(),
                    r.details(), r.submittedAt(), r.decidedAt(), r.rejectionReason(),
                    cert == null ? null : cert.getSerialNumber().toString(16),
                    cert == null ? null : CertificatePem.encode(List.of(cert)), cert == null ? null : CertificatePem.encode(caChain));
        }
    }

    /**
     * @param decision      {@code approve} or {@code reject}
     * @param reason        why it is rejected (required to reject; the requester sees it)
     * @param coverAmount   approve only, optional: a raised cover for this subject, with {@code coverExponent}
     * @param coverExponent exponent of the raised cover
     */
    public record Decision(String decision, String reason, Integer coverAmount, Integer coverExponent) {
    }

    @Inject
    EnrollmentRequests requests;

    @Inject
    IssuingCa ca;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed("ra-officer")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enrollment requests by status (default pending), oldest first (role ra-officer)")
    public List<RequestView> list(@QueryParam("status") @DefaultValue("pending") String status,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        int max;
        try {
            max = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "limit must be an integer between 1 and 500");
        }
        return requests.list(status, max).stream().map(r -> RequestView.of(r, ca.chain())).toList();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Status of an enrollment request, with the certificate once issued (the id is the requester's handle)")
    public RequestView get(@PathParam("id") String id) {
        return RequestView.of(requests.find(parse(id)).orElseThrow(() -> unknown(id)), ca.chain());
    }

    @POST
    @Path("/{id}/decision")
    @RolesAllowed("ra-officer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve (the CA issues) or reject (with a reason) a pending enrollment request (role ra-officer)")
    public RequestView decide(@PathParam("id") String id, Decision decision) {
        String officer = "officer:" + identity.getPrincipal().getName();
        if (decision != null && "approve".equals(decision.decision())) {
            return RequestView.of(requests.approve(parse(id), decision.coverAmount(), decision.coverExponent(), officer), ca.chain());
        }
        if (decision != null && "reject".equals(decision.decision())) {
            return RequestView.of(requests.reject(parse(id), decision.reason(), officer), ca.chain());
        }
        throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "decision must be \"approve\" or \"reject\"");
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknown(id);
        }
    }

    private static ProblemException unknown(String id) {
        return new ProblemException(CommonProblem.NOT_FOUND, "No enrollment request " + id);
    }
}
