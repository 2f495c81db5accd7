package org.semper.ca.api;

import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.cover.Cover;
import org.semper.ca.enrollment.Enrollment;
import org.semper.ca.enrollment.EnrollmentRequest;
import org.semper.ca.enrollment.EnrollmentRequests;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.ca.issuance.Issuance;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/** Enrollment and certificate lookup. */
@Path("/api/v1/certificates")
@Blocking
public class CertificateResource {

    /**
     * @param csr             PKCS#10 request, PEM or base64 DER
     * @param profile         profile id
     * @param enrollmentToken one-time token from a registration officer; without it the request waits for an
     *                        officer's approval
     * @param contact         without a token: how the officer reaches the requester (at most 256 characters)
     * @param details         without a token: what the requester offers for vetting (at most 2000 characters)
     */
    public record EnrollmentBody(String csr, String profile, String enrollmentToken, String contact, String details) {
    }

    public record Issued(String serial, String certificate, String chain) {
    }

    public record CertificateView(String serial, String subject, String profile, Cover cover, Instant notBefore,
            Instant notAfter, String status, Instant revokedAt, Integer revocationReason, String certificate) {

        static CertificateView of(CertificateRecord r) {
            return new CertificateView(r.serialHex(), r.subject(), r.profile(), r.cover(), r.notBefore(), r.notAfter(),
                    r.revoked() ? "revoked" : "good", r.revokedAt(), r.revocationReason(),
                    CertificatePem.encode(List.of(r.certificate())));
        }
    }

    @Inject
    Enrollment enrollment;

    @Inject
    EnrollmentRequests requests;

    @Inject
    CertificateStore store;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enroll: a PKCS#10 request and a profile, with a one-time enrollment token → 201 certificate and chain; "
            + "without a token → 202, the request waits for a registration officer's approval")
    public Response enroll(EnrollmentBody request) {
        if (request == null) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Send {\"csr\", \"profile\", \"enrollmentToken\"}");
        }
        if (request.enrollmentToken() == null) {
            EnrollmentRequest pending = requests.submit(request.csr(), request.profile(), request.contact(), request.details());
            return Response.accepted(EnrollmentRequestResource.RequestView.of(pending, List.of()))
                    .location(URI.create("/api/v1/enrollment-requests/" + pending.id())).build();
        }
        Issuance.Issued issued = enrollment.enroll(request.csr(), request.profile(), request.enrollmentToken());
        String serial = issued.record().serialHex();
        return Response.created(URI.create("/api/v1/certificates/" + serial))
                .entity(new Issued(serial, CertificatePem.encode(List.of(issued.certificate())),
                        CertificatePem.encode(issued.chain())))
                .build();
    }

    @GET
    @Path("/{serial}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A certificate and its status, by serial number (hex)")
    public CertificateView get(@PathParam("serial") String serial) {
        return CertificateView.of(store.find(parseSerial(serial)).orElseThrow(() -> new ProblemException(
                CommonProblem.NOT_FOUND, "No certificate with serial number " + serial + " was issued by this CA")));
    }

    /** Hex, with or without {@code 0x} and colons. */
    public static BigInteger parseSerial(String serial) {
        try {
            String s = serial.trim().replace(":", "");
            if (s.startsWith("0x") || s.startsWith("0X")) {
                s = s.substring(2);
            }
            BigInteger value = new BigInteger(s, 16);
            if (value.signum() <= 0 || value.bitLength() > 160) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "Serial numbers are positive hexadecimal integers of at most 160 bits");
        }
    }
}
