package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semper.evidence.exchange.ExchangeWorld.FIRST;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.NOW;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Every rejection a TTP answers to an abort or resolve request (docs/protocols.md §5), cs and px. */
class TtpRequestVerifierTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final TtpRequestVerifier verifier = world.verifier();

    private AbortRequest abort(SignedStatement first) {
        return ExchangeRequests.abort(at(world.initiator, LATER), first);
    }

    private ResolveRequest resolveCs(StatementPki.Signer requester, SignedStatement me1, SignedStatement me2) {
        return ExchangeRequests.resolve(at(requester, LATER), me1, me2, Optional.empty());
    }

    private static void rejected(ThrowingCallable call, ExchangeReason reason) {
        assertThatThrownBy(call).isInstanceOf(ExchangeRejection.class)
                .satisfies(e -> assertThat(((ExchangeRejection) e).reason()).isEqualTo(reason));
    }

    // --- accepted requests ------------------------------------------------------------------------------------

    @Test
    void anHonestAbortIsVerifiedAfterAJsonRoundTrip() throws Exception {
        SignedStatement me1 = world.me1();
        AbortRequest request = AbortRequest.parse(abort(me1).toJson().getBytes(StandardCharsets.UTF_8));
        VerifiedAbort verified = verifier.verifyAbort(request, world.self, NOW);
        assertThat(verified.exchange()).isEqualTo(ExchangeId.of(me1));
        assertThat(verified.protocol()).isEqualTo(ExchangeProtocol.CONTRACT_SIGNING);
        assertThat(verified.requester()).isEqualTo(PartyRole.INITIATOR);
        assertThat(verified.requesterCertificate()).isEqualTo(world.initiator.certificate());
        assertThat(verified.requestId()).isEqualTo(request.request().id());
    }

    @Test
    void eitherPartyMayResolveAContract() throws Exception {
        SignedStatement me1 = world.me1();
        SignedStatement me2 = world.me2(me1);
        for (StatementPki.Signer party : new StatementPki.Signer[] {world.initiator, world.responder}) {
            ResolveRequest request = ResolveRequest.parse(resolveCs(party, me1, me2).toJson()
                    .getBytes(StandardCharsets.UTF_8));
            VerifiedResolve verified = verifier.verifyResolve(request, world.self, NOW);
            assertThat(verified.exchange()).isEqualTo(ExchangeId.of(me1));
            assertThat(verified.secondId()).isEqualTo(me2.id());
            assertThat(verified.requester()).isEqualTo(party == world.initiator ? PartyRole.INITIATOR : PartyRole.RESPONDER);
        }
    }

    // --- malformed ---------------------------------------------------------------------------------------------

    @Test
    void malformedJsonOrEnvelopeIsRefused() {
        rejected(() -> AbortRequest.parse("{\"protocol\":".getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
        rejected(() -> AbortRequest.parse("[]".getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
        rejected(() -> ResolveRequest.parse("{\"protocol\":\"semper-cs/1\",\"protocol\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
        String abort = abort(world.me1()).toJson();
        rejected(() -> AbortRequest.parse(abort.replace("{\"me1\"", "{\"extra\":1,\"me1\"")
                .getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
        rejected(() -> AbortRequest.parse(new byte[Envelopes.MAX_BYTES + 1]), ExchangeReason.MALFORMED);
    }

    @Test
    void aStatementThatIsNotAJwsIsMalformed() throws Exception {
        ObjectNode envelope = (ObjectNode) new ObjectMapper().readTree(abort(world.me1()).toJson());
        ((ObjectNode) envelope.get("request")).put("signature", "not base64url!");
        rejected(() -> AbortRequest.parse(envelope.toString().getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
        ((ObjectNode) envelope.get("request")).remove("signature");
        rejected(() -> AbortRequest.parse(envelope.toString().getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
    }

    @Test
    void anUnknownProtocolIsTheWrongProtocol() {
        String abort = abort(world.me1()).toJson();
        String other = abort.replace("\"protocol\":\"semper-cs/1\",\"request\"",
                "\"protocol\":\"semper-xx/9\",\"request\"");
        assertThat(other).isNotEqualTo(abort);
        rejected(() -> AbortRequest.parse(other.getBytes(StandardCharsets.UTF_8)), ExchangeReason.WRONG_PROTOCOL);
    }

    // --- labels, protocols, bindings ---------------------------------------------------------------------------

    @Test
    void aResolveRequestSentAsAbortHasTheWrongLabel() {
        SignedStatement me1 = world.me1();
        ResolveRequest resolve = resolveCs(world.initiator, me1, world.me2(me1));
        rejected(() -> verifier.verifyAbort(new AbortRequest(ExchangeProtocol.CONTRACT_SIGNING, me1, resolve.request()),
                world.self, NOW), ExchangeReason.WRONG_LABEL);
    }

    @Test
    void anAnswerInPlaceOfTheFirstMessageHasTheWrongLabel() {
        SignedStatement me1 = world.me1();
        SignedStatement me2 = world.me2(me1);
        rejected(() -> verifier.verifyAbort(abort(me2), world.self, NOW), ExchangeReason.WRONG_LABEL);
    }

    @Test
    void aTypHeaderThatContradictsTheLabelIsTheWrongLabel() {
        SignedStatement me1 = at(world.initiator, FIRST).sign("semper-cs/1/me2", world.me1().payload());
        rejected(() -> verifier.verifyAbort(abort(me1), world.self, NOW), ExchangeReason.WRONG_LABEL);
    }

    @Test
    void aCertifiedMailEooReplayedAsAContractIsTheWrongProtocol() {
        SignedStatement eoo = world.eoo(world.sealMail());
        AbortRequest asCs = new AbortRequest(ExchangeProtocol.CONTRACT_SIGNING, eoo, abort(eoo).request());
        rejected(() -> verifier.verifyAbort(asCs, world.self, NOW), ExchangeReason.WRONG_PROTOCOL);
    }

    @Test
    void anAbortRequestForAnotherExchangeIsNotBound() {
        SignedStatement me1 = world.me1();
        SignedStatement other = world.me1(world.initiator, world.self, Optional.of(NOW));
        assertThat(other.id()).isNotEqualTo(me1.id());
        rejected(() -> verifier.verifyAbort(new AbortRequest(ExchangeProtocol.CONTRACT_SIGNING, me1,
                abort(other).request()), world.self, NOW), ExchangeReason.NOT_BOUND);
    }

    @Test
    void aMe1ReplayedFromAnotherExchangeDoesNotMatchTheMe2() {
        SignedStatement me1 = world.me1();
        SignedStatement replayed = world.me1(world.initiator, world.self, Optional.of(NOW));
        SignedStatement me2 = world.me2(replayed);
        ResolveRequest request = resolveCs(world.responder, me1, me2);
        rejected(() -> verifier.verifyResolve(request, world.self, NOW), ExchangeReason.NOT_BOUND);
    }

    @Test
    void aResolveRequestNamingAnotherMe2IsNotBound() {
        SignedStatement me1 = world.me1();
        ResolveRequest signed = resolveCs(world.responder, me1, world.me2(me1));
        ResolveRequest swapped = new ResolveRequest(ExchangeProtocol.CONTRACT_SIGNING, me1, world.me2(me1),
                Optional.empty(), signed.request());
        rejected(() -> verifier.verifyResolve(swapped, world.self, NOW), ExchangeReason.NOT_BOUND);
    }

    // --- who signed --------------------------------------------------------------------------------------------

    @Test
    void aRequestSignedByAStrangerIsRefused() {
        SignedStatement me1 = world.me1();
        rejected(() -> verifier.verifyAbort(ExchangeRequests.abort(at(world.stranger, LATER), me1), world.self, NOW),
                ExchangeReason.SIGNER_NOT_PARTY);
        rejected(() -> verifier.verifyResolve(resolveCs(world.stranger, me1, world.me2(me1)), world.self, NOW),
                ExchangeReason.SIGNER_NOT_PARTY);
    }

    @Test
    void aMe2NotSignedByTheResponderIsRefused() {
        SignedStatement me1 = world.me1();
        SignedStatement forged = org.semper.evidence.exchange.cs.ContractMessages.me2(at(world.stranger, LATER), me1,
                Hashes.random32());
        rejected(() -> verifier.verifyResolve(resolveCs(world.initiator, me1, forged), world.self, NOW),
                ExchangeReason.SIGNER_NOT_PARTY);
    }

    @Test
    void aMe1NotSignedByTheOriginatorItNamesIsRefused() {
        SignedStatement me1 = world.me1();
        SignedStatement forged = at(world.stranger, FIRST).sign(me1.type(), me1.payload());
        rejected(() -> verifier.verifyAbort(abort(forged), world.self, NOW), ExchangeReason.SIGNER_NOT_PARTY);
    }

    @Test
    void theResponderMayNotAbort() {
        SignedStatement me1 = world.me1();
        rejected(() -> verifier.verifyAbort(ExchangeRequests.abort(at(world.responder, LATER), me1), world.self, NOW),
                ExchangeReason.ABORT_BY_RESPONDER);
    }

    // --- TTP and deadline --------------------------------------------------------------------------------------

    @Test
    void aRequestForAnotherTtpIsRefused() {
        TtpIdentity other = new TtpIdentity("https://other-notary.example", world.self.certSha256());
        SignedStatement me1 = world.me1(world.initiator, other, Optional.empty());
        rejected(() -> verifier.verifyAbort(abort(me1), world.self, NOW), ExchangeReason.WRONG_TTP);
        TtpIdentity otherKey = TtpIdentity.of(ExchangeWorld.TTP_URL, world.stranger.certificate());
        SignedStatement me1b = world.me1(world.initiator, otherKey, Optional.empty());
        rejected(() -> verifier.verifyResolve(resolveCs(world.responder, me1b, world.me2(me1b)), world.self, NOW),
                ExchangeReason.WRONG_TTP);
    }

    @Test
    void aResolveAfterTheDeadlineIsRefusedButAnAbortIsNot() throws Exception {
        Instant deadline = Instant.parse("2025-06-01T12:30:00Z");
        SignedStatement me1 = world.me1(world.initiator, world.self, Optional.of(deadline));
        ResolveRequest resolve = resolveCs(world.responder, me1, world.me2(me1));
        assertThat(verifier.verifyResolve(resolve, world.self, deadline).exchange()).isEqualTo(ExchangeId.of(me1));
        rejected(() -> verifier.verifyResolve(resolve, world.self, deadline.plusSeconds(1)),
                ExchangeReason.DEADLINE_PASSED);
        assertThat(verifier.verifyAbort(abort(me1), world.self, NOW).exchange()).isEqualTo(ExchangeId.of(me1));
    }

    // --- signatures and certificates ---------------------------------------------------------------------------

    @Test
    void aSignatureThatDoesNotVerifyIsRefused() throws Exception {
        SignedStatement me1 = world.me1();
        SignedStatement other = world.me1(world.initiator, world.self, Optional.of(NOW));
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(me1.toJson());
        json.put("signature", other.encodedSignature());
        SignedStatement tampered = SignedStatement.parse(json.toString());
        rejected(() -> verifier.verifyAbort(new AbortRequest(ExchangeProtocol.CONTRACT_SIGNING, tampered,
                abort(tampered).request()), world.self, NOW), ExchangeReason.BAD_SIGNATURE);
    }

    @Test
    void aPartyFromAnUntrustedCaIsRefused() {
        TestPki.Ca rogue = TestPki.rootCa("Rogue CA");
        StatementPki.Signer impostor = StatementPki.signer(rogue, "Initiator");
        SignedStatement me1 = world.me1(impostor, world.self, Optional.empty());
        rejected(() -> verifier.verifyAbort(ExchangeRequests.abort(at(impostor, LATER), me1), world.self, NOW),
                ExchangeReason.CERTIFICATE_UNTRUSTED);
    }

    @Test
    void aPartyWhoseCertificateExpiredBeforeSigningIsRefused() {
        StatementPki.Signer expired = StatementPki.signer(world.ca, "Initiator", StatementPki.ecKey("secp256r1"),
                Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-05-01T00:00:00Z"));
        SignedStatement me1 = world.me1(expired, world.self, Optional.empty());
        rejected(() -> verifier.verifyAbort(ExchangeRequests.abort(at(expired, LATER), me1), world.self, NOW),
                ExchangeReason.CERTIFICATE_EXPIRED);
    }

    @Test
    void aRevokedPartyIsRefused() {
        SignedStatement me1 = world.me1();
        SignedStatement me2 = world.me2(me1);
        world.revoked.put(world.responder.certificate(), Instant.parse("2025-06-01T11:00:00Z"));
        rejected(() -> verifier.verifyResolve(resolveCs(world.initiator, me1, me2), world.self, NOW),
                ExchangeReason.CERTIFICATE_REVOKED);
    }

    @Test
    void withoutRevocationDataTheTtpCannotDecide() {
        TtpRequestVerifier offline = new TtpRequestVerifier(TrustAnchors.of(world.ca.certificate()),
                ValidationPolicy.builder().clock(StatementPki.clockAt(NOW)).build());
        rejected(() -> offline.verifyAbort(abort(world.me1()), world.self, NOW), ExchangeReason.REVOCATION_UNKNOWN);
    }

    // --- semper-px/1 -------------------------------------------------------------------------------------------

    private ResolveRequest resolvePx(SignedStatement px1, SignedStatement px2, byte[] ek) {
        return ExchangeRequests.resolve(at(world.responder, LATER), px1, px2, Optional.of(ek));
    }

    @Test
    void aPurchaseResolveCarriesTheEscrowAndItsCommitment() throws Exception {
        SealedContent sealed = world.sealGoods();
        SignedStatement px1 = world.px1(sealed);
        ResolveRequest request = ResolveRequest.parse(resolvePx(px1, world.px2(px1), sealed.ek()).toJson()
                .getBytes(StandardCharsets.UTF_8));
        VerifiedResolve verified = verifier.verifyResolve(request, world.self, NOW);
        assertThat(verified.ek()).hasValueSatisfying(ek -> assertThat(ek).isEqualTo(sealed.ek()));
        assertThat(verified.keyCommit()).contains(sealed.keyCommit());
        assertThat(EscrowCheck.open(verified, world.escrowKey.getPrivate()))
                .isInstanceOfSatisfying(EscrowOutcome.Released.class, r -> assertThat(r.key()).isEqualTo(sealed.key()));
    }

    @Test
    void anEscrowOtherThanTheCommittedOneIsRefused() {
        SealedContent sealed = world.sealGoods();
        SignedStatement px1 = world.px1(sealed);
        byte[] other = world.sealGoods().ek();
        rejected(() -> verifier.verifyResolve(resolvePx(px1, world.px2(px1), other), world.self, NOW),
                ExchangeReason.ESCROW_MISMATCH);
    }

    @Test
    void aPaymentOfAnotherAmountOrToAnotherPayeeIsRefused() {
        SealedContent sealed = world.sealGoods();
        SignedStatement px1 = world.px1(sealed);
        ObjectNode cheap = world.px2(px1).payload();
        ((ObjectNode) cheap.get("payment")).put("amount", 1);
        SignedStatement cheapPx2 = at(world.responder, LATER).sign("semper-px/1/px2", cheap);
        rejected(() -> verifier.verifyResolve(resolvePx(px1, cheapPx2, sealed.ek()), world.self, NOW),
                ExchangeReason.PAYMENT_MISMATCH);
        ObjectNode elsewhere = world.px2(px1).payload();
        ((ObjectNode) elsewhere.get("payment")).put("payee", Hashes.fingerprint(world.stranger.certificate()));
        SignedStatement elsewherePx2 = at(world.responder, LATER).sign("semper-px/1/px2", elsewhere);
        rejected(() -> verifier.verifyResolve(resolvePx(px1, elsewherePx2, sealed.ek()), world.self, NOW),
                ExchangeReason.PAYMENT_MISMATCH);
    }

    @Test
    void theMerchantAbortsAPurchaseButTheBuyerMayNot() throws Exception {
        SignedStatement px1 = world.px1(world.sealGoods());
        assertThat(verifier.verifyAbort(abort(px1), world.self, NOW).protocol()).isEqualTo(ExchangeProtocol.PURCHASE);
        rejected(() -> verifier.verifyAbort(ExchangeRequests.abort(at(world.responder, LATER), px1), world.self, NOW),
                ExchangeReason.ABORT_BY_RESPONDER);
    }

    @Test
    void aPx2BoundToAnotherPurchaseIsNotBound() {
        SealedContent sealed = world.sealGoods();
        SignedStatement px1 = world.px1(sealed);
        SignedStatement otherPx1 = world.px1(world.sealGoods());
        rejected(() -> verifier.verifyResolve(resolvePx(px1, world.px2(otherPx1), sealed.ek()), world.self, NOW),
                ExchangeReason.NOT_BOUND);
    }

    @Test
    void aResolveEnvelopeWithoutTheEscrowIsMalformed() {
        SealedContent sealed = world.sealGoods();
        SignedStatement px1 = world.px1(sealed);
        String json = resolvePx(px1, world.px2(px1), sealed.ek()).toJson()
                .replaceFirst("\"ek\":\"[A-Za-z0-9_-]+\",", "");
        rejected(() -> ResolveRequest.parse(json.getBytes(StandardCharsets.UTF_8)), ExchangeReason.MALFORMED);
    }

    @Test
    void anEooIsNotAFirstMessageOfAPurchase() {
        SealedContent sealed = world.sealMail();
        SignedStatement eoo = world.eoo(sealed);
        SignedStatement eor = CertifiedMailMessages.eor(at(world.responder, LATER), eoo);
        ResolveRequest asCm = ExchangeRequests.resolve(at(world.responder, LATER), eoo, eor, Optional.of(sealed.ek()));
        ResolveRequest asPx = new ResolveRequest(ExchangeProtocol.PURCHASE, eoo, eor, Optional.of(sealed.ek()),
                asCm.request());
        rejected(() -> verifier.verifyResolve(asPx, world.self, NOW), ExchangeReason.WRONG_PROTOCOL);
    }
}
