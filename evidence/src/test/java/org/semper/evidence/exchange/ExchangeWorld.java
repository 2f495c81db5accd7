package org.semper.evidence.exchange;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.px.Price;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * Two parties, a stranger and a TTP under one test CA (P-256, real certificates from {@link StatementPki}), a CRL
 * served by a revocation fetcher, and the TTP's escrow key. Messages are signed at fixed times on 2025-06-01:
 * first messages at 12:00, answers at 12:01, requests at 12:02; the CRL is issued at 12:30; "now" is 13:00.
 */
final class ExchangeWorld {
    static final Instant FIRST = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant SECOND = Instant.parse("2025-06-01T12:01:00Z");
    static final Instant LATER = Instant.parse("2025-06-01T12:02:00Z");
    static final Instant CRL_TIME = Instant.parse("2025-06-01T12:30:00Z");
    static final Instant NOW = Instant.parse("2025-06-01T13:00:00Z");
    /** When parties check tokens and judges judge: the next day, with a CRL issued after every signature. */
    static final Instant JUDGE_NOW = Instant.parse("2025-06-02T00:00:00Z");
    static final Instant JUDGE_CRL_TIME = Instant.parse("2025-06-01T23:00:00Z");
    static final String TTP_URL = "https://notary.example";

    final TestPki.Ca ca = TestPki.rootCa("Exchange Test CA");
    final StatementPki.Signer initiator = StatementPki.signer(ca, "Initiator");
    final StatementPki.Signer responder = StatementPki.signer(ca, "Responder");
    final StatementPki.Signer stranger = StatementPki.signer(ca, "Stranger");
    final StatementPki.Signer ttp = StatementPki.signer(ca, "Notary");
    final KeyPair escrowKey = StatementPki.ecKey("secp256r1");
    final TtpIdentity self = TtpIdentity.of(TTP_URL, ttp.certificate());
    final Map<X509Certificate, Instant> revoked = new HashMap<>();

    /** Revocation as a service's fetcher gives it: a CRL of the test CA issued at {@link #CRL_TIME}. */
    ValidationPolicy policy() {
        return ValidationPolicy.builder().clock(StatementPki.clockAt(NOW))
                .revocationFetcher((certificate, issuer) -> RevocationData.builder()
                        .crl(StatementPki.crl(ca, CRL_TIME, revoked)).build())
                .build();
    }

    TrustAnchors anchors() {
        return TrustAnchors.of(ca.certificate());
    }

    TtpRequestVerifier verifier() {
        return new TtpRequestVerifier(anchors(), policy());
    }

    StatementValidator validator() {
        return new StatementValidator(anchors(), policy());
    }

    /** How parties and judges validate, after the fact, with the evidence's own CRL. */
    StatementTrust judgeTrust() {
        StatementValidator validator = new StatementValidator(anchors(), ValidationPolicy.builder()
                .clock(StatementPki.clockAt(JUDGE_NOW)).build());
        return StatementTrust.of(validator, RevocationData.builder()
                .crl(StatementPki.crl(ca, JUDGE_CRL_TIME, revoked)).build());
    }

    /** The abort token an honest TTP gives the initiator's abort of {@code first}, at {@link #NOW}. */
    SignedStatement abortToken(SignedStatement first) throws ExchangeRejection {
        VerifiedAbort abort = verifier().verifyAbort(ExchangeRequests.abort(at(initiator, LATER), first), self, NOW);
        return TtpTokens.aborted(abort, NOW).sign(ttpSigner(NOW));
    }

    /** The token an honest TTP gives the responder's resolve (RC, CON or AF), at {@link #NOW}. */
    SignedStatement resolveToken(SignedStatement first, SignedStatement second, Optional<byte[]> ek)
            throws ExchangeRejection {
        VerifiedResolve resolve = verifier().verifyResolve(ExchangeRequests.resolve(at(responder, LATER), first, second,
                ek), self, NOW);
        Optional<EscrowOutcome> escrow = ek.map(bytes -> EscrowCheck.open(resolve, escrowKey.getPrivate()));
        return TtpTokens.resolution(resolve, escrow, NOW).sign(ttpSigner(NOW));
    }

    static StatementSigner at(StatementPki.Signer signer, Instant time) {
        return StatementSigner.builder(signer.key().getPrivate(), signer.chain()).clock(StatementPki.clockAt(time))
                .build();
    }

    StatementSigner ttpSigner(Instant time) {
        return at(ttp, time);
    }

    // --- semper-cs/1 ------------------------------------------------------------------------------------------

    final byte[] nonceO = Hashes.random32();
    final byte[] nonceR = Hashes.random32();

    SignedStatement me1() {
        return me1(initiator, self, Optional.empty());
    }

    SignedStatement me1(StatementPki.Signer originator, TtpIdentity named, Optional<Instant> deadline) {
        return ContractMessages.me1(at(originator, FIRST), responder.certificate(), named,
                ContractTerms.text("text/plain", "R buys O's bicycle for 100 EUR."), nonceO, deadline);
    }

    SignedStatement me2(SignedStatement me1) {
        return ContractMessages.me2(at(responder, SECOND), me1, nonceR);
    }

    SignedStatement me3(SignedStatement me1) {
        return ContractMessages.me3(at(initiator, LATER), me1, nonceO, Hashes.h(nonceR));
    }

    SignedStatement me4(SignedStatement me1) {
        return ContractMessages.me4(at(responder, LATER), me1, nonceR, Hashes.h(nonceO));
    }

    // --- semper-px/1 ------------------------------------------------------------------------------------------

    final byte[] goods = "the e-book, as ordered".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    final String order = Hashes.h("order #1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    final Price price = new Price(1999, "EUR");

    SealedContent sealGoods() {
        return PurchaseMessages.seal(goods, escrowKey.getPublic(), initiator.certificate(), responder.certificate());
    }

    SignedStatement px1(SealedContent sealed) {
        return PurchaseMessages.px1(at(initiator, FIRST), responder.certificate(), self, order, price, sealed,
                Optional.empty());
    }

    SignedStatement px2(SignedStatement px1) {
        return PurchaseMessages.px2(at(responder, SECOND), px1);
    }

    // --- semper-cm/1 ------------------------------------------------------------------------------------------

    final byte[] mail = "Notice of termination".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    SealedContent sealMail() {
        return CertifiedMailMessages.seal(mail, escrowKey.getPublic(), initiator.certificate(), responder.certificate());
    }

    SignedStatement eoo(SealedContent sealed) {
        return CertifiedMailMessages.eoo(at(initiator, FIRST), responder.certificate(), self, "Termination", sealed,
                Optional.empty());
    }

    SignedStatement eor(SignedStatement eoo) {
        return CertifiedMailMessages.eor(at(responder, SECOND), eoo);
    }
}
