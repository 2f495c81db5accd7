package org.semper.arbiter.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.runtime.exchange.trust.HttpRevocationFetcher;

/** TTP tokens for the tests, made by the exchange library's request verifier and token payloads, signed by the TTP. */
public final class Tokens {
    private Tokens() {
    }

    private static TtpRequestVerifier verifier(ArbiterTestEnvironment.Parties p) {
        return new TtpRequestVerifier(TrustAnchors.of(p.pki().root().certificate()), ValidationPolicy.builder()
                .revocationFetcher((certificate, issuer) -> RevocationData.builder()
                        .crl(p.pki().crl(Instant.now().minusSeconds(5))).build())
                .build());
    }

    /** The originator's abort of the exchange, and the TTP's abort token. */
    public static SignedStatement aborted(ArbiterTestEnvironment.Parties p, StandInTtp ttp, Cases.Contract c)
            throws ExchangeRejection {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var abort = verifier(p).verifyAbort(ExchangeRequests.abort(p.originator().signer(now.minusSeconds(60)), c.me1()),
                ttp.identity(), now);
        return TtpTokens.aborted(abort, now).sign(ttp.signer());
    }

    /** The originator's resolve with me1, me2, and the TTP's replacement contract. */
    public static SignedStatement resolved(ArbiterTestEnvironment.Parties p, StandInTtp ttp, Cases.Contract c)
            throws ExchangeRejection {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var resolve = verifier(p).verifyResolve(ExchangeRequests.resolve(p.originator().signer(now.minusSeconds(60)),
                c.me1(), c.me2(), Optional.empty()), ttp.identity(), now);
        return TtpTokens.resolved(resolve, now).sign(ttp.signer());
    }

    /** The TTP's CA's current CRL or OCSP response about the TTP's certificate, fetched as a party would. */
    public static RevocationData ttpRevocation(StandInTtp ttp, java.security.cert.X509Certificate ttpCaRoot) {
        return new HttpRevocationFetcher(Duration.ofSeconds(5)).fetch(ttp.signer().certificateChain().get(0), ttpCaRoot);
    }
}
