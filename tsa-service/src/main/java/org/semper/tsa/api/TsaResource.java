package org.semper.tsa.api;

import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;
import org.semper.tsa.TsaConfig;
import org.semper.tsa.token.TimeStampIssuer;

/**
 * RFC 3161 over HTTP (§3.4): a DER {@code TimeStampReq} in, a DER {@code TimeStampResp} out. Refusals are
 * {@code rejection} responses with HTTP 200, as the RFC specifies; only transport errors are HTTP errors (415 wrong
 * content type, 413 body too large).
 */
@Path("/tsa")
public class TsaResource {

    @Inject
    TimeStampIssuer issuer;

    @Inject
    TsaConfig config;

    @POST
    @Consumes(TimeStampMediaTypes.QUERY)
    @Produces(TimeStampMediaTypes.REPLY)
    @Operation(summary = "Time-stamp a hash (RFC 3161)")
    public CompletionStage<Response> timestamp(byte[] request) {
        if (request.length > config.maxRequestBytes()) {
            throw new ProblemException(CommonProblem.PAYLOAD_TOO_LARGE,
                    "A time-stamp request is at most " + config.maxRequestBytes() + " bytes");
        }
        return issuer.issue(request).thenApply(outcome -> Response.ok(outcome.response(), TimeStampMediaTypes.REPLY).build());
    }

    @GET
    @Path("/certs")
    @Produces(TimeStampMediaTypes.PEM_CHAIN)
    @Operation(summary = "The TSA certificate chain, PEM, TSA certificate first, root last")
    public String certificates() {
        return CertificatePem.encode(issuer.signingKey().chain());
    }
}
