package org.semper.tsa.token;

import java.io.IOException;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.tsp.TimeStampReq;
import org.bouncycastle.tsp.TimeStampRequest;
import org.semper.evidence.timestamp.ImprintAlgorithm;

/**
 * What the TSA accepts in a request (RFC 3161 §2.4.1), each refusal a named {@link TsaFailure}:
 * DER that parses completely as a version-1 {@code TimeStampReq}; an imprint algorithm Semper accepts
 * ({@link ImprintAlgorithm}) with a digest of exactly its length; a policy that is the default or in the accepted
 * list; no extensions (RFC 3161: an unrecognised extension is refused with {@code unacceptedExtension}).
 */
public final class TimeStampRequestRules {

    private final Set<ASN1ObjectIdentifier> acceptedPolicies;

    public TimeStampRequestRules(Set<ASN1ObjectIdentifier> acceptedPolicies) {
        this.acceptedPolicies = Set.copyOf(acceptedPolicies);
    }

    /** Parses {@code der} as a request: anything else, including trailing bytes, is {@link TsaFailure#BAD_REQUEST}. */
    public TimeStampRequest parse(byte[] der) throws TimeStampRejection {
        if (der == null || der.length == 0) {
            throw new TimeStampRejection(TsaFailure.BAD_REQUEST, "empty request");
        }
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (primitive.getEncoded("DER").length != der.length) {
                throw new TimeStampRejection(TsaFailure.BAD_REQUEST, "request is not a single DER TimeStampReq");
            }
            return new TimeStampRequest(TimeStampReq.getInstance(primitive));
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new TimeStampRejection(TsaFailure.BAD_REQUEST, "request is not a DER TimeStampReq");
        }
    }

    /** Checks a parsed request; returns the imprint algorithm. */
    public ImprintAlgorithm check(TimeStampRequest request) throws TimeStampRejection {
        if (request.getVersion() != 1) {
            throw new TimeStampRejection(TsaFailure.BAD_REQUEST, "unsupported request version " + request.getVersion());
        }
        ASN1ObjectIdentifier algorithmOid = request.getMessageImprintAlgOID();
        ImprintAlgorithm algorithm = ImprintAlgorithm.byOid(algorithmOid)
                .filter(ImprintAlgorithm::accepted)
                .orElseThrow(() -> new TimeStampRejection(TsaFailure.BAD_ALG, "hash algorithm " + algorithmOid
                        + " is not accepted (use SHA-256/384/512 or SHA3-256/384/512)"));
        byte[] digest = request.getMessageImprintDigest();
        if (digest == null || digest.length != algorithm.digestLength()) {
            throw new TimeStampRejection(TsaFailure.BAD_DATA_FORMAT, "imprint of " + (digest == null ? 0 : digest.length)
                    + " bytes for " + algorithm.jcaName() + ", which has " + algorithm.digestLength());
        }
        ASN1ObjectIdentifier policy = request.getReqPolicy();
        if (policy != null && !acceptedPolicies.contains(policy)) {
            throw new TimeStampRejection(TsaFailure.UNACCEPTED_POLICY, "policy " + policy + " is not supported");
        }
        if (request.hasExtensions()) {
            throw new TimeStampRejection(TsaFailure.UNACCEPTED_EXTENSION, "request extensions are not supported");
        }
        return algorithm;
    }
}
