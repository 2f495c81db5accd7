package org.semper.evidence.exchange;

import java.security.cert.X509Certificate;
import java.util.Optional;

import org.semper.evidence.statement.SignedStatement;

/**
 * A resolve request that passed every check of {@link TtpRequestVerifier#verifyResolve}: the TTP may record
 * {@code RESOLVED} for {@link #exchange()} (if nothing is recorded yet). In contract signing it issues
 * {@link TtpTokens#resolved}; in px and cm it first opens the escrow ({@link EscrowCheck#open}) and issues the
 * resolve token or, if the escrow is invalid, an affidavit ({@link TtpTokens#resolution}).
 *
 * @param ek the escrow, whose hash is the first message's {@code escrow} (px, cm)
 */
public record VerifiedResolve(ExchangeId exchange, ExchangeProtocol protocol, PartyRole requester,
        X509Certificate requesterCertificate, FirstMessage first, SignedStatement second, SignedStatement request,
        Optional<byte[]> ek) {

    public VerifiedResolve {
        ek = ek.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> ek() {
        return ek.map(byte[]::clone);
    }

    public String firstId() {
        return first.statement().id();
    }

    public String secondId() {
        return second.id();
    }

    public String requestId() {
        return request.id();
    }

    /** {@code h(K)} the first message commits to (px, cm). */
    public Optional<String> keyCommit() {
        return first.keyCommit();
    }
}
