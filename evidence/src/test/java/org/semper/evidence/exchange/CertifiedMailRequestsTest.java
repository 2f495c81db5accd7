package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.NOW;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** semper-cm/1 at the TTP: abort by S, resolve by R (or S), the key-released token and the affidavit. */
class CertifiedMailRequestsTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final TtpRequestVerifier verifier = world.verifier();
    private final SealedContent sealed = world.sealMail();
    private final SignedStatement eoo = world.eoo(sealed);
    private final SignedStatement eor = world.eor(eoo);

    private static void rejected(ThrowingCallable call, ExchangeReason reason) {
        assertThatThrownBy(call).isInstanceOf(ExchangeRejection.class)
                .satisfies(e -> assertThat(((ExchangeRejection) e).reason()).isEqualTo(reason));
    }

    private ResolveRequest resolve(SignedStatement receipt, byte[] ek) {
        return ExchangeRequests.resolve(at(world.responder, LATER), eoo, receipt, Optional.of(ek));
    }

    @Test
    void theRecipientResolvesAndTheTtpReleasesTheKeyWithTheReceipt() throws Exception {
        ResolveRequest request = ResolveRequest.parse(resolve(eor, sealed.ek()).toJson().getBytes(StandardCharsets.UTF_8));
        VerifiedResolve verified = verifier.verifyResolve(request, world.self, NOW);
        assertThat(verified.requester()).isEqualTo(PartyRole.RESPONDER);
        EscrowOutcome outcome = EscrowCheck.open(verified, world.escrowKey.getPrivate());
        TokenPayload con = TtpTokens.resolution(verified, Optional.of(outcome), NOW);
        assertThat(con.type()).isEqualTo("semper-cm/1/key-released");
        ObjectNode payload = con.payload();
        assertThat(payload.get("msg").asText()).isEqualTo("key-released");
        assertThat(payload.get("exchange").asText()).isEqualTo(eoo.id());
        assertThat(Hashes.unb64u(payload.get("key").asText())).isEqualTo(sealed.key());
        assertThat(Payloads.statement(payload, "eor")).isEqualTo(eor);
    }

    @Test
    void theSenderAbortsButTheRecipientMayNot() throws Exception {
        VerifiedAbort abort = verifier.verifyAbort(ExchangeRequests.abort(at(world.initiator, LATER), eoo), world.self,
                NOW);
        assertThat(TtpTokens.aborted(abort, NOW).type()).isEqualTo("semper-cm/1/aborted");
        rejected(() -> verifier.verifyAbort(ExchangeRequests.abort(at(world.responder, LATER), eoo), world.self, NOW),
                ExchangeReason.ABORT_BY_RESPONDER);
    }

    @Test
    void aReceiptForAnotherMessageIsNotBound() {
        SignedStatement otherEoo = world.eoo(world.sealMail());
        rejected(() -> verifier.verifyResolve(resolve(world.eor(otherEoo), sealed.ek()), world.self, NOW),
                ExchangeReason.NOT_BOUND);
    }

    @Test
    void aReceiptSignedByAStrangerIsRefused() {
        SignedStatement forged = CertifiedMailMessages.eor(at(world.stranger, LATER), eoo);
        rejected(() -> verifier.verifyResolve(resolve(forged, sealed.ek()), world.self, NOW),
                ExchangeReason.SIGNER_NOT_PARTY);
    }

    @Test
    void anEscrowOtherThanTheCommittedOneIsRefused() {
        rejected(() -> verifier.verifyResolve(resolve(eor, world.sealMail().ek()), world.self, NOW),
                ExchangeReason.ESCROW_MISMATCH);
    }

    @Test
    void anEscrowSealedUnderAnotherLabelGivesAnAffidavit() throws Exception {
        byte[] wrongLabel = FirstMessage.read(world.px1(world.sealGoods())).escrowLabel();
        byte[] ek = EscrowOpening.seal(world.escrowKey.getPublic(), sealed.key(), wrongLabel);
        SealedContent bogus = new SealedContent(sealed.key(), sealed.ciphertext(), ek, sealed.hashPlain(),
                sealed.hashCipher(), sealed.keyCommit());
        SignedStatement bogusEoo = world.eoo(bogus);
        VerifiedResolve verified = verifier.verifyResolve(ExchangeRequests.resolve(at(world.responder, LATER), bogusEoo,
                world.eor(bogusEoo), Optional.of(ek)), world.self, NOW);
        EscrowOutcome outcome = EscrowCheck.open(verified, world.escrowKey.getPrivate());
        assertThat(outcome).isEqualTo(new EscrowOutcome.Invalid(EscrowOutcome.Invalid.DOES_NOT_OPEN));
        TokenPayload af = TtpTokens.resolution(verified, Optional.of(outcome), NOW);
        assertThat(af.type()).isEqualTo("semper-cm/1/affidavit");
        assertThat(af.payload().get("ek").asText()).isEqualTo(Hashes.b64u(ek));
    }

    @Test
    void anEokIsNotAReceipt() {
        SignedStatement eok = CertifiedMailMessages.eok(at(world.initiator, LATER), eoo, sealed.key());
        rejected(() -> verifier.verifyResolve(resolve(eok, sealed.ek()), world.self, NOW), ExchangeReason.WRONG_LABEL);
    }
}
