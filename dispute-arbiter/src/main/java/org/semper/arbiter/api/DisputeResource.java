package org.semper.arbiter.api;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.filing.DisputeFiling;
import org.semper.arbiter.filing.Responses;
import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.arbiter.transcript.TranscriptRendering;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.common.annotation.Blocking;

/**
 * Disputes: filing (a signed claim and the claimant's bundle), the respondent's answer (its bundle), the record for
 * courts (OIDC role {@code court}), and for the parties (a signed access request). Parses and maps; the rules are in
 * {@code filing}, {@code decision} and {@code transcript}.
 */
@Path("/api/v1/disputes")
@Blocking
public class DisputeResource {
    private static final String JOSE_JSON = "application/jose+json";

    @Inject
    DisputeFiling filing;

    @Inject
    Responses responses;

    @Inject
    Disputes disputes;

    @Inject
    TranscriptRendering rendering;

    @Inject
    PartyAccess access;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a dispute: {\"claim\": <signed claim>, \"bundle\": <semper-bundle/1>}")
    public Response file(byte[] body) {
        JsonNode request = Uploads.json(body);
        byte[] claim = Uploads.member(request, "claim", ArbiterProblem.UNSIGNED_CLAIM);
        byte[] bundle = Uploads.member(request, "bundle", ArbiterProblem.MALFORMED_BUNDLE);
        return created(filing.file(new String(claim, StandardCharsets.UTF_8), bundle, Map.of()));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a dispute as multipart: parts claim and bundle, and one part per detached item (named by its id)")
    public Response fileMultipart(@RestForm("claim") String claim, @RestForm("bundle") String bundle,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        byte[] claimBytes = Uploads.part(claim, files, "claim", ArbiterProblem.UNSIGNED_CLAIM);
        byte[] bundleBytes = Uploads.part(bundle, files, "bundle", ArbiterProblem.MALFORMED_BUNDLE);
        return created(filing.file(new String(claimBytes, StandardCharsets.UTF_8), bundleBytes,
                Uploads.detached(files, "claim", "bundle")));
    }

    @POST
    @Path("{id}/responses")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The respondent's answer: its semper-bundle/1, signed by it, before the deadline")
    public Response respond(@PathParam("id") String id, byte[] body) {
        return accepted(responses.respond(uuid(id), body == null ? new byte[0] : body, Map.of()));
    }

    @POST
    @Path("{id}/responses")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The respondent's answer as multipart: part bundle and its detached items")
    public Response respondMultipart(@PathParam("id") String id, @RestForm("bundle") String bundle,
            @RestForm(FileUpload.ALL) List<FileUpload> files) {
        return accepted(responses.respond(uuid(id), Uploads.part(bundle, files, "bundle", ArbiterProblem.MALFORMED_BUNDLE),
                Uploads.detached(files, "bundle")));
    }

    // ---- courts ----

    @GET
    @RolesAllowed("court")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disputes, newest first (role court)")
    public List<DisputeView> list(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : Math.max(1, Math.min(limit, 1000));
        return disputes.list(n).stream().map(d -> DisputeView.of(d, null)).toList();
    }

    @GET
    @Path("{id}")
    @RolesAllowed("court")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A dispute with its procedural events (role court)")
    public DisputeView get(@PathParam("id") String id) {
        DisputeRecord dispute = find(id);
        return DisputeView.of(dispute, disputes.events(dispute.id()));
    }

    @GET
    @Path("{id}/transcript")
    @RolesAllowed("court")
    @Produces(JOSE_JSON)
    @Operation(summary = "The signed transcript (JAdES; B-T once time-stamped) (role court)")
    public Response transcript(@PathParam("id") String id) {
        return document(find(id), "transcript");
    }

    @GET
    @Path("{id}/transcript.html")
    @RolesAllowed("court")
    @Produces(MediaType.TEXT_HTML)
    public Response transcriptHtml(@PathParam("id") String id) {
        return document(find(id), "html");
    }

    @GET
    @Path("{id}/transcript.pdf")
    @RolesAllowed("court")
    @Produces("application/pdf")
    public Response transcriptPdf(@PathParam("id") String id) {
        return document(find(id), "pdf");
    }

    @GET
    @Path("{id}/bundle")
    @RolesAllowed("court")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The case bundle the verdict was computed from (role court)")
    public Response bundle(@PathParam("id") String id) {
        return document(find(id), "bundle");
    }

    // ---- parties ----

    @POST
    @Path("{id}/record")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A party's own record: a signed access request {dispute, what: transcript|html|pdf|bundle, nonce}")
    public Response record(@PathParam("id") String id, String request) {
        PartyAccess.Granted granted = access.verify(uuid(id), request);
        return document(granted.dispute(), granted.what());
    }

    private Response document(DisputeRecord dispute, String what) {
        if (!dispute.decided()) {
            throw new ProblemException(ArbiterProblem.NOT_DECIDED, "Dispute " + dispute.id() + " is not decided yet");
        }
        byte[] transcript = dispute.servedTranscript().orElseThrow();
        return switch (what) {
            case "transcript" -> Response.ok(transcript, JOSE_JSON).header("Semper-Transcript-Id",
                    dispute.transcriptId().orElseThrow()).build();
            case "html" -> Response.ok(rendering.html(transcript), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
            case "pdf" -> Response.ok(rendering.pdf(transcript), "application/pdf").build();
            case "bundle" -> Response.ok(dispute.caseBundle().orElseThrow(), MediaType.APPLICATION_JSON).build();
            default -> throw new ProblemException(CommonProblem.NOT_FOUND, "Nothing called " + what);
        };
    }

    private DisputeRecord find(String id) {
        return disputes.find(uuid(id)).orElseThrow(() -> new ProblemException(CommonProblem.NOT_FOUND, "No dispute " + id));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonProblem.NOT_FOUND, "No dispute " + id);
        }
    }

    private static Response created(DisputeRecord dispute) {
        return Response.created(URI.create("/api/v1/disputes/" + dispute.id())).entity(DisputeView.of(dispute, null))
                .build();
    }

    private static Response accepted(DisputeRecord dispute) {
        return Response.status(201).entity(DisputeView.of(dispute, null)).build();
    }
}
