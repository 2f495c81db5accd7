package org.semper.tsa.testing;

import static io.restassured.RestAssured.given;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.semper.evidence.timestamp.ImprintAlgorithm;

/** Builds RFC 3161 requests with Bouncy Castle and sends them to the running TSA over HTTP. */
public final class TsaHttp {

    private TsaHttp() {
    }

    public static byte[] digest(ImprintAlgorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm.jcaName()).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TimeStampRequest request(ImprintAlgorithm algorithm, byte[] digest, BigInteger nonce, boolean certReq,
            String policy) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(certReq);
        if (policy != null) {
            generator.setReqPolicy(new ASN1ObjectIdentifier(policy));
        }
        return nonce == null ? generator.generate(algorithm.oid(), digest) : generator.generate(algorithm.oid(), digest, nonce);
    }

    public static byte[] postRaw(byte[] body) {
        return given().contentType("application/timestamp-query").body(body)
                .when().post("/tsa")
                .then().statusCode(200).contentType("application/timestamp-reply")
                .extract().asByteArray();
    }

    public static TimeStampResponse post(TimeStampRequest request) {
        try {
            return new TimeStampResponse(postRaw(request.getEncoded()));
        } catch (java.io.IOException | TSPException e) {
            throw new AssertionError("TSA answer is not a TimeStampResp", e);
        }
    }
}
