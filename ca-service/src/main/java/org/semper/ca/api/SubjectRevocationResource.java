package org.semper.ca.api;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.ca.hierarchy.SubjectStatements;
import org.semper.ca.issuance.CertificateRecord;
import org.semper.ca.issuance.CertificateStore;
import org.semper.ca.revocation.RevocationProblem;
import org.semper.ca.revocation.Revocations;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.common.annotation.Blocking;

/**
 * Revocation by the subject: the body is a Semper signed statement (evidence format) of type
 * {@value #TYPE}, payload {@code {"serial": "<hex>", "reason": "<RFC 5280 name>"}}, signed with the key of the very
 * certificate it revokes (which must still validate: issued here, not yet revoked).
 */
@Path("/api/v1/revocations")
@Blocking
public class SubjectRevocationResource {

    public static final String TYPE = "semper-ca-revocation-request";

    @Inject
    SubjectStatements statements;

    @Inject
    CertificateStore store;

    @Inject
    Revocations revocations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke your own certificate with a statement signed by its key")
    public RevocationResource.RevocationView revoke(String body) {
        BigInteger serial;
        JsonNode payload;
        try {
            payload = SignedStatement.parse(body == null ? "" : body).payload();
        } catch (MalformedStatementException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "The body is not a signed statement: " + e.getMessage());
        }
        serial = CertificateResource.parseSerial(payload.path("serial").asText(""));
        CertificateRecord record = store.find(serial).orElseThrow(() -> new ProblemException(CommonProblem.NOT_FOUND,
                "No certificate with serial number " + serial.toString(16) + " was issued by this CA"));
        if (record.revoked()) {
            throw new ProblemException(RevocationProblem.ALREADY_REVOKED, "Certificate " + record.serialHex()
                    + " was revoked at " + record.revokedAt());
        }
        StatementValidation validation = statements.validate(body, TYPE, RevocationProblem.REQUEST_NOT_SIGNED_BY_SUBJECT);
        X509Certificate signer = validation.signerCertificate().orElseThrow();
        if (!Arrays.equals(der(signer), record.der())) {
            throw new ProblemException(RevocationProblem.REQUEST_NOT_SIGNED_BY_SUBJECT,
                    "The request is signed with certificate " + signer.getSerialNumber().toString(16)
                            + ", not with the certificate it revokes");
        }
        return RevocationView(revocations.revoke(serial,
                RevocationResource.reason(payload.path("reason").isMissingNode() ? null : payload.path("reason").asText()),
                "subject"));
    }

    private static RevocationResource.RevocationView RevocationView(CertificateRecord r) {
        return RevocationResource.RevocationView.of(r);
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
