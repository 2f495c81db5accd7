package org.semper.tsa.record;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;

import io.smallrye.common.annotation.Blocking;

/** Operators look up the record of an issued token by serial number (decimal, or hex with {@code 0x}). */
@Path("/api/v1/tokens")
@RolesAllowed("operator")
public class TokenLookupResource {

    /** The recorded token. {@code imprint} is hex; {@code token} is the DER token in base64. */
    public record TokenRecordView(String serialNumber, String serialNumberHex, Instant genTime, String policy,
            String hashAlgorithm, String imprint, String nonce, String token) {
    }

    @GET
    @Path("/{serial}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Recorded token by serial number (role operator)")
    public TokenRecordView bySerial(@PathParam("serial") String serial) {
        BigInteger serialNumber = parseSerial(serial);
        IssuedTokenEntity entity = IssuedTokenEntity.findById(serialNumber);
        if (entity == null) {
            throw new ProblemException(CommonProblem.NOT_FOUND, "No token with serial number " + serial + " was issued");
        }
        return new TokenRecordView(entity.serialNumber.toString(), "0x" + entity.serialNumber.toString(16),
                entity.genTime, entity.policy, entity.hashAlgorithm, HexFormat.of().formatHex(entity.imprint),
                entity.nonce == null ? null : entity.nonce.toString(), Base64.getEncoder().encodeToString(entity.token));
    }

    static BigInteger parseSerial(String serial) {
        try {
            String s = serial.trim();
            BigInteger value = s.startsWith("0x") || s.startsWith("0X") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            if (value.signum() < 0 || value.bitLength() > 160) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST,
                    "Serial number must be a non-negative decimal or 0x-prefixed hex integer of at most 160 bits");
        }
    }
}
