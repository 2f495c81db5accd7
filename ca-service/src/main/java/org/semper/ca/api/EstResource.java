package org.semper.ca.api;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.enrollment.Enrollment;
import org.semper.ca.hierarchy.IssuingCa;
import org.semper.ca.issuance.Issuance;
import org.semper.runtime.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;

/**
 * EST (RFC 7030) for standard clients: {@code cacerts} and {@code simpleenroll}. The profile is the optional
 * path label ({@code /.well-known/est/merchant/simpleenroll}; default {@code buyer}); the enrollment token from a
 * registration officer is the HTTP Basic password (the user name is ignored). Proof of possession is the CSR's
 * signature, as for the JSON API. Replies are base64 certs-only CMS ({@code application/pkcs7-mime}).
 */
@Path("/.well-known/est")
@Blocking
public class EstResource {

    static final String PKCS7 = "application/pkcs7-mime";
    private static final String DEFAULT_PROFILE = "buyer";

    @Inject
    IssuingCa ca;

    @Inject
    Enrollment enrollment;

    @GET
    @Path("/cacerts")
    @Operation(summary = "EST cacerts: the issuing CA and root as base64 certs-only CMS")
    public Response cacerts() {
        return certsOnly(ca.chain(), "certs-only");
    }

    @GET
    @Path("/{label}/cacerts")
    @Operation(summary = "EST cacerts (with a label)")
    public Response cacerts(@PathParam("label") String label) {
        return cacerts();
    }

    @POST
    @Path("/simpleenroll")
    @Consumes({ "application/pkcs10", MediaType.WILDCARD })
    @Operation(summary = "EST simpleenroll, profile buyer; enrollment token as the Basic password")
    public Response simpleenroll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String csr) {
        return enroll(DEFAULT_PROFILE, authorization, csr);
    }

    @POST
    @Path("/{label}/simpleenroll")
    @Consumes({ "application/pkcs10", MediaType.WILDCARD })
    @Operation(summary = "EST simpleenroll, profile = label; enrollment token as the Basic password")
    public Response simpleenroll(@PathParam("label") String label, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String csr) {
        return enroll(label, authorization, csr);
    }

    private Response enroll(String profile, String authorization, String csr) {
        try {
            Issuance.Issued issued = enrollment.enroll(csr, profile, basicPassword(authorization));
            return certsOnly(List.of(issued.certificate()), "certs-only");
        } catch (ProblemException e) {
            if (e.type().status() == 401) {
                return Response.fromResponse(e.toProblem().toResponse())
                        .header("WWW-Authenticate", "Basic realm=\"semper-est\", charset=\"UTF-8\"").build();
            }
            throw e;
        }
    }

    /** The password of an HTTP Basic authorization, or null. */
    static String basicPassword(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Response certsOnly(List<X509Certificate> certificates, String smimeType) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new JcaCertStore(certificates));
            byte[] der = generator.generate(new CMSAbsentContent()).getEncoded("DER");
            return Response.ok(Base64.getMimeEncoder().encodeToString(der) + "\r\n")
                    .type(PKCS7 + "; smime-type=" + smimeType)
                    .header("Content-Transfer-Encoding", "base64").build();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot encode the certificates as CMS: " + e.getMessage(), e);
        }
    }
}
