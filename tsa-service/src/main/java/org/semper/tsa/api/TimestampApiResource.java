package org.semper.tsa.api;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.runtime.problem.CommonProblem;
import org.semper.runtime.problem.ProblemException;
import org.semper.tsa.token.IssuedToken;
import org.semper.tsa.token.TimeStampIssuer;
import org.semper.tsa.token.TimeStampOutcome;

/**
 * JSON front end to the same issuer, for clients without ASN.1: hash algorithm and hash in, the DER token (base64)
 * and its decoded fields out. Refusals are problem+json whose {@code code} is the RFC 3161 failure
 * ({@code bad-alg}, {@code bad-data-format}, {@code unaccepted-policy}, {@code time-not-available}, ...).
 */
@Path("/api/v1/timestamp")
public class TimestampApiResource {

    private static final SecureRandom NONCES = new SecureRandom();

    /**
     * @param hashAlgorithm {@code SHA-256}, {@code SHA-384}, {@code SHA-512}, {@code SHA3-256}, {@code SHA3-384} or {@code SHA3-512}
     * @param hash          the digest, hex or base64
     * @param certReq       include the TSA certificate chain in the token (default true)
     * @param policy        TSA policy OID (default: the TSA's default policy)
     * @param nonce         decimal nonce to echo; default: a random 63-bit nonce
     */
    public record TimestampRequest(String hashAlgorithm, String hash, Boolean certReq, String policy, String nonce) {
    }

    public record TimestampResponse(String token, String serialNumber, Instant genTime, String policy,
            String hashAlgorithm, String hash, String nonce, String tsa, String accuracy) {
    }

    @Inject
    TimeStampIssuer issuer;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Time-stamp a hash (JSON)")
    public CompletionStage<TimestampResponse> timestamp(TimestampRequest request) {
        if (request == null || request.hashAlgorithm() == null || request.hash() == null) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "hashAlgorithm and hash are required");
        }
        ImprintAlgorithm algorithm = ImprintAlgorithm.byName(request.hashAlgorithm())
                .orElseThrow(() -> new ProblemException(org.semper.tsa.token.TsaFailure.BAD_ALG,
                        "Unknown hash algorithm " + request.hashAlgorithm()));
        byte[] digest = decodeDigest(request.hash(), algorithm);
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(request.certReq() == null || request.certReq());
        if (request.policy() != null) {
            try {
                generator.setReqPolicy(new ASN1ObjectIdentifier(request.policy()));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "policy is not an OID: " + request.policy());
            }
        }
        BigInteger nonce = parseNonce(request.nonce());
        return issuer.issue(generator.generate(algorithm.oid(), digest, nonce)).thenApply(TimestampApiResource::toResponse);
    }

    private static TimestampResponse toResponse(TimeStampOutcome outcome) {
        if (!outcome.granted()) {
            throw new ProblemException(outcome.failure(), outcome.reason());
        }
        IssuedToken token = outcome.token();
        String tsa = null;
        String accuracy = null;
        try {
            var info = new TimeStampToken(new org.bouncycastle.cms.CMSSignedData(token.tokenDer())).getTimeStampInfo();
            tsa = info.getTsa() == null ? null : info.getTsa().getName().toString();
            accuracy = info.getAccuracy() == null ? null : describe(info.getAccuracy());
        } catch (Exception e) {
            // the token was just built by us; its fields are informative only
        }
        return new TimestampResponse(Base64.getEncoder().encodeToString(token.tokenDer()), token.serialNumber().toString(),
                token.genTime(), token.policy(), token.hashAlgorithm().jcaName(), HexFormat.of().formatHex(token.imprint()),
                token.nonce() == null ? null : token.nonce().toString(), tsa, accuracy);
    }

    private static String describe(org.bouncycastle.asn1.tsp.Accuracy accuracy) {
        return java.time.Duration.ofSeconds(intOf(accuracy.getSeconds())).plusMillis(intOf(accuracy.getMillis()))
                .plusNanos(intOf(accuracy.getMicros()) * 1_000L).toString();
    }

    private static long intOf(org.bouncycastle.asn1.ASN1Integer value) {
        return value == null ? 0 : value.longValueExact();
    }

    private static byte[] decodeDigest(String text, ImprintAlgorithm algorithm) {
        String trimmed = text.trim();
        if (trimmed.length() == algorithm.digestLength() * 2 && trimmed.matches("[0-9a-fA-F]+")) {
            return HexFormat.of().parseHex(trimmed);
        }
        try {
            return Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "hash is neither hex nor base64");
        }
    }

    private static BigInteger parseNonce(String nonce) {
        if (nonce == null) {
            return BigInteger.valueOf(NONCES.nextLong() & Long.MAX_VALUE);
        }
        try {
            BigInteger value = new BigInteger(nonce);
            if (value.signum() < 0 || value.bitLength() > 160) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ProblemException(CommonProblem.MALFORMED_REQUEST, "nonce must be a non-negative decimal of at most 160 bits");
        }
    }
}
