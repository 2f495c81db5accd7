package org.semper.tsa.token;

/** A request the TSA refuses, with the RFC 3161 failure and a human-readable reason (sent as statusString). */
public class TimeStampRejection extends Exception {

    private final TsaFailure failure;

    public TimeStampRejection(TsaFailure failure, String reason) {
        super(reason);
        this.failure = failure;
    }

    public TsaFailure failure() {
        return failure;
    }
}
