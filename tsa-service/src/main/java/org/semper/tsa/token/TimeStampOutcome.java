package org.semper.tsa.token;

/**
 * The answer to one request: the DER {@code TimeStampResp} to send, and either the issued token or the failure.
 */
public record TimeStampOutcome(byte[] response, IssuedToken token, TsaFailure failure, String reason) {

    public boolean granted() {
        return token != null;
    }
}
