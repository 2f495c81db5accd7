package org.semper.ca.api;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.revocation.RevocationProblem;
import org.semper.ca.revocation.RevocationReason;
import org.semper.ca.revocation.Revocations;
import org.semper.runtime.problem.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/** Revocation by a registration officer. */
@Path("/api/v1/certificates/{serial}/revocation")
@Blocking
public class RevocationResource {

    /** @param reason RFC 5280 reason name ({@code keyCompromise}) or code; default unspecified */
    public record RevocationRequest(String reason) {
    }

    public record RevocationView(String serial, String status, Instant revokedAt, String reason) {

        static RevocationView of(CertificateRecord r) {
            return new RevocationView(r.serialHex(), "revoked", r.revokedAt(),
                    RevocationReason.parse(String.valueOf(r.revocationReason())).map(RevocationReason::rfcName).orElse(null));
        }
    }

    @Inject
    Revocations revocations;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed("ra-officer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke a certificate (role ra-officer)")
    public RevocationView revoke(@PathParam("serial") String serial, RevocationRequest request) {
        RevocationReason reason = reason(request == null ? null : request.reason());
        return RevocationView.of(revocations.revoke(CertificateResource.parseSerial(serial), reason,
                "officer:" + identity.getPrincipal().getName()));
    }

    static RevocationReason reason(String text) {
        return RevocationReason.parse(text).orElseThrow(() -> new ProblemException(RevocationProblem.UNSUPPORTED_REASON,
                "Reason \"" + text + "\" is not accepted; use unspecified, keyCompromise, cACompromise, affiliationChanged, "
                        + "superseded, cessationOfOperation or privilegeWithdrawn"));
    }
}
