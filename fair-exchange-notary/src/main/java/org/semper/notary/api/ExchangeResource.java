package org.semper.notary.api;

import java.util.Optional;

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
import org.semper.runtime.exchange.ExchangeTtp;
import org.semper.runtime.exchange.StatusReport;
import org.semper.runtime.exchange.StoredDecision;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;

import io.smallrye.common.annotation.Blocking;

/**
 * Abort, resolve and status of exchanges. A token is answered as the exact stored bytes (a flattened JWS,
 * {@code application/jose+json}), with the exchange id, token id and outcome in headers; refusals are problem+json
 * with the evidence library's reason code.
 */
@Path("/api/v1/exchanges")
@Blocking
public class ExchangeResource {

    /** RFC 7515 §9.2.1: a JWS in JSON serialization. */
    public static final String JOSE_JSON = "application/jose+json";

    /** The status statement (raw JSON) and, if the exchange is decided, the stored token (raw JSON, as stored). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatusView(@JsonRawValue String status, String state, @JsonRawValue String token) {
    }

    @Inject
    ExchangeTtp notary;

    @POST
    @Path("abort")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ JOSE_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "Abort an exchange (initiator only): the abort token, or the stored token if already decided")
    public Response abort(byte[] body) {
        return token(notary.abort(body == null ? new byte[0] : body));
    }

    @POST
    @Path("resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({ JOSE_JSON, MediaType.APPLICATION_JSON })
    @Operation(summary = "Resolve an exchange: the replacement contract / key token / affidavit, or the stored token")
    public Response resolve(byte[] body) {
        return token(notary.resolve(body == null ? new byte[0] : body));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A signed status statement (none / aborted / resolved) and the stored token; logged")
    public StatusView status(@PathParam("id") String id, @QueryParam("protocol") String protocol) {
        StatusReport report = notary.status(id, Optional.ofNullable(protocol));
        return new StatusView(report.statement().toJson(),
                report.decision().map(ExchangeTtp::outcomeName).orElse("none"),
                report.decision().map(StoredDecision::tokenJson).orElse(null));
    }

    private static Response token(StoredDecision decision) {
        return Response.ok(decision.token(), JOSE_JSON)
                .header("Semper-Exchange-Id", decision.exchangeId())
                .header("Semper-Token-Id", decision.tokenId())
                .header("Semper-Exchange-Outcome", ExchangeTtp.outcomeName(decision))
                .build();
    }
}
