package org.semper.evidence.exchange;

import java.security.cert.X509Certificate;

import org.semper.evidence.statement.SignedStatement;

/**
 * An abort request that passed every check of {@link TtpRequestVerifier#verifyAbort}: the TTP may record
 * {@code ABORTED} for {@link #exchange()} (if nothing is recorded yet) and issue {@link TtpTokens#aborted}.
 *
 * @param requester            always {@link PartyRole#INITIATOR}
 * @param requesterCertificate the certificate that signed the request
 */
public record VerifiedAbort(ExchangeId exchange, ExchangeProtocol protocol, PartyRole requester,
        X509Certificate requesterCertificate, FirstMessage first, SignedStatement request) {

    /** {@code H(first)}, the same as {@link #exchange()}. */
    public String firstId() {
        return first.statement().id();
    }

    /** {@code H(abort request)}. */
    public String requestId() {
        return request.id();
    }
}
