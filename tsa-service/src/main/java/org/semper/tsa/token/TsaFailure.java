package org.semper.tsa.token;

import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.semper.runtime.problem.ProblemType;

/**
 * Why the TSA refused a request. Each maps to the RFC 3161 §2.4.2 {@code PKIFailureInfo} bit sent in a
 * {@code rejection} response, and to a problem+json type for the JSON API.
 */
public enum TsaFailure implements ProblemType {
    /** Hash algorithm unknown or refused (MD5, SHA-1). */
    BAD_ALG(PKIFailureInfo.badAlg, "bad-alg", 400, "Unrecognised or unsupported hash algorithm"),
    /** Request not parseable / not permitted. */
    BAD_REQUEST(PKIFailureInfo.badRequest, "bad-request", 400, "Malformed time-stamp request"),
    /** Imprint length does not match its algorithm. */
    BAD_DATA_FORMAT(PKIFailureInfo.badDataFormat, "bad-data-format", 400, "Imprint length does not match the hash algorithm"),
    /** Requested policy is not one this TSA issues under. */
    UNACCEPTED_POLICY(PKIFailureInfo.unacceptedPolicy, "unaccepted-policy", 400, "Requested TSA policy is not supported"),
    /** Request carries an extension this TSA does not support. */
    UNACCEPTED_EXTENSION(PKIFailureInfo.unacceptedExtension, "unaccepted-extension", 400, "Request extension not supported"),
    /** The TSA's clock is not known good (clock guard), or went backwards. */
    TIME_NOT_AVAILABLE(PKIFailureInfo.timeNotAvailable, "time-not-available", 503, "The TSA's time source is not available"),
    /** The token could not be recorded durably (or another internal failure); no token was released. */
    SYSTEM_FAILURE(PKIFailureInfo.systemFailure, "system-failure", 503, "The TSA could not issue a token now");

    private final int failureInfoBit;
    private final ProblemSpec spec;

    TsaFailure(int failureInfoBit, String code, int status, String title) {
        this.failureInfoBit = failureInfoBit;
        this.spec = new ProblemSpec(code, status, title);
    }

    /** The {@link PKIFailureInfo} bit. */
    public int failureInfoBit() {
        return failureInfoBit;
    }

    /** Code, title, and the HTTP status of the JSON API's answer (the RFC 3161 endpoint always answers 200). */
    @Override
    public ProblemSpec spec() {
        return spec;
    }
}
