package org.semper.ca.api;

import java.util.Base64;

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
import org.semper.ca.revocation.crl.CrlPublisher;
import org.semper.ca.revocation.crl.RootCrlPublisher;
import org.semper.ca.revocation.ocsp.OcspResponder;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;

/**
 * CRL distribution points (the issuing CA's CRL, the root's CRL of CA certificates) and OCSP responder (RFC 5280,
 * RFC 6960 with the HTTP binding of its Appendix A).
 */
@Path("/")
@Blocking
public class RevocationStatusResource {

    static final String OCSP_REQUEST = "application/ocsp-request";
    static final String OCSP_RESPONSE = "application/ocsp-response";

    @Inject
    CrlPublisher crl;

    @Inject
    RootCrlPublisher rootCrl;

    @Inject
    OcspResponder ocsp;

    @GET
    @Path("crl/issuing.crl")
    @Produces("application/pkix-crl")
    @Operation(summary = "The issuing CA's CRL (DER)")
    public byte[] crl() {
        return crl.crl();
    }

    @GET
    @Path("crl/root.crl")
    @Produces("application/pkix-crl")
    @Operation(summary = "The root's CRL of CA certificates (ARL, DER): the issuing CA certificate's CRL distribution point")
    public byte[] rootCrl() {
        return rootCrl.der().orElseThrow(() -> new ProblemException(CommonProblem.NOT_FOUND,
                "This CA has no root CRL configured (semper.ca.root-crl.path)"));
    }

    @POST
    @Path("ocsp")
    @Consumes({ OCSP_REQUEST, MediaType.WILDCARD })
    @Produces(OCSP_RESPONSE)
    @Operation(summary = "OCSP (POST, body = DER OCSPRequest)")
    public Response post(byte[] body) {
        return ok(ocsp.respond(body == null ? new byte[0] : body));
    }

    @GET
    @Path("ocsp/{request: .+}")
    @Produces(OCSP_RESPONSE)
    @Operation(summary = "OCSP (GET, path = URL-encoded base64 DER OCSPRequest)")
    public Response get(@jakarta.ws.rs.Encoded @PathParam("request") String encoded) {
        byte[] der;
        try {
            // percent-decoding only: a literal '+' in a path is a base64 character, not a space
            der = Base64.getDecoder().decode(java.net.URLDecoder.decode(encoded.replace("+", "%2B"),
                    java.nio.charset.StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            der = new byte[0];
        }
        return ok(ocsp.respond(der));
    }

    private static Response ok(byte[] response) {
        return Response.ok(response, OCSP_RESPONSE).build();
    }
}
