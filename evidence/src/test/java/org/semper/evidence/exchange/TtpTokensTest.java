package org.semper.evidence.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semper.evidence.exchange.ExchangeWorld.LATER;
import static org.semper.evidence.exchange.ExchangeWorld.NOW;
import static org.semper.evidence.exchange.ExchangeWorld.at;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.semper.evidence.exchange.escrow.ContentCipher;
import org.semper.evidence.exchange.escrow.EscrowOpening;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The TTP side after verification: escrow outcomes and the exact token payloads (docs/protocols.md §6). */
class TtpTokensTest {
    private final ExchangeWorld world = new ExchangeWorld();
    private final TtpRequestVerifier verifier = world.verifier();

    private VerifiedResolve resolvePx(SealedContent sealed) throws ExchangeRejection {
        SignedStatement px1 = world.px1(sealed);
        return verifier.verifyResolve(ExchangeRequests.resolve(at(world.responder, LATER), px1, world.px2(px1),
                Optional.of(sealed.ek())), world.self, NOW);
    }

    @Test
    void anAbortTokenNamesTheExchangeAndTheRequest() throws Exception {
        SignedStatement me1 = world.me1();
        VerifiedAbort abort = verifier.verifyAbort(ExchangeRequests.abort(at(world.initiator, LATER), me1),
                world.self, NOW);
        TokenPayload token = TtpTokens.aborted(abort, NOW);
        assertThat(token.type()).isEqualTo("semper-cs/1/aborted");
        assertThat(new String(token.canonicalBytes())).isEqualTo("{\"exchange\":\"" + me1.id()
                + "\",\"msg\":\"aborted\",\"protocol\":\"semper-cs/1\",\"request\":\"" + abort.requestId()
                + "\",\"time\":\"2025-06-01T13:00:00Z\"}");
        SignedStatement signed = token.sign(world.ttpSigner(LATER));
        assertThat(world.validator().validate(signed, org.semper.evidence.validation.RevocationData.empty()).passed())
                .isTrue();
    }

    @Test
    void aContractResolveTokenEmbedsMe1AndMe2() throws Exception {
        SignedStatement me1 = world.me1();
        SignedStatement me2 = world.me2(me1);
        VerifiedResolve resolve = verifier.verifyResolve(ExchangeRequests.resolve(at(world.responder, LATER), me1, me2,
                Optional.empty()), world.self, NOW);
        ObjectNode payload = TtpTokens.resolution(resolve, Optional.empty(), NOW).payload();
        assertThat(payload.get("msg").asText()).isEqualTo("resolved");
        assertThat(Payloads.statement(payload, "me1")).isEqualTo(me1);
        assertThat(Payloads.statement(payload, "me2")).isEqualTo(me2);
        assertThat(payload.get("exchange").asText()).isEqualTo(me1.id());
    }

    @Test
    void aGoodEscrowReleasesTheKeyWithThePayment() throws Exception {
        SealedContent sealed = world.sealGoods();
        VerifiedResolve resolve = resolvePx(sealed);
        EscrowOutcome outcome = EscrowCheck.open(resolve, world.escrowKey.getPrivate());
        TokenPayload token = TtpTokens.resolution(resolve, Optional.of(outcome), NOW);
        assertThat(token.type()).isEqualTo("semper-px/1/resolved");
        ObjectNode payload = token.payload();
        assertThat(Hashes.unb64u(payload.get("key").asText())).isEqualTo(sealed.key());
        assertThat(Payloads.statement(payload, "payment")).isEqualTo(resolve.second());
    }

    @Test
    void anEscrowThatDoesNotOpenGivesAnAffidavit() throws Exception {
        byte[] bogus = new byte[EscrowOpening.ESCROW_LENGTH];
        SealedContent real = world.sealGoods();
        SealedContent sealed = new SealedContent(real.key(), real.ciphertext(), bogus, real.hashPlain(),
                real.hashCipher(), real.keyCommit());
        VerifiedResolve resolve = resolvePx(sealed);
        EscrowOutcome outcome = EscrowCheck.open(resolve, world.escrowKey.getPrivate());
        assertThat(outcome).isEqualTo(new EscrowOutcome.Invalid(EscrowOutcome.Invalid.DOES_NOT_OPEN));
        TokenPayload token = TtpTokens.resolution(resolve, Optional.of(outcome), NOW);
        assertThat(token.type()).isEqualTo("semper-px/1/affidavit");
        assertThat(token.payload().get("finding").asText()).isEqualTo("escrow-invalid");
        assertThat(token.payload().get("detail").asText()).isEqualTo("escrow-does-not-open");
        assertThat(token.payload().has("key")).isFalse();
    }

    @Test
    void anEscrowOfAnotherKeyThanCommittedGivesAnAffidavit() throws Exception {
        SealedContent real = world.sealGoods();
        byte[] otherKeyEk = EscrowOpening.seal(world.escrowKey.getPublic(), Hashes.random32(), firstLabel(real));
        SealedContent sealed = new SealedContent(real.key(), real.ciphertext(), otherKeyEk, real.hashPlain(),
                real.hashCipher(), real.keyCommit());
        VerifiedResolve resolve = resolvePx(sealed);
        assertThat(EscrowCheck.open(resolve, world.escrowKey.getPrivate()))
                .isEqualTo(new EscrowOutcome.Invalid(EscrowOutcome.Invalid.KEY_COMMIT_MISMATCH));
        assertThat(ContentCipher.decrypt(real.key(), real.ciphertext())).isPresent();
    }

    private byte[] firstLabel(SealedContent sealed) throws ExchangeRejection {
        return FirstMessage.read(world.px1(sealed)).escrowLabel();
    }

    @Test
    void aStatusNamesTheStoredTokenExactlyWhenThereIsOne() {
        ExchangeId id = ExchangeId.of(world.me1());
        TokenPayload none = TtpTokens.status(ExchangeProtocol.CONTRACT_SIGNING, id, ExchangeState.NONE,
                Optional.empty(), NOW);
        assertThat(new String(none.canonicalBytes())).isEqualTo("{\"exchange\":\"" + id
                + "\",\"msg\":\"status\",\"protocol\":\"semper-cs/1\",\"state\":\"none\",\"time\":\"2025-06-01T13:00:00Z\"}");
        assertThat(TtpTokens.status(ExchangeProtocol.CERTIFIED_MAIL, id, ExchangeState.RESOLVED, Optional.of(id.value()),
                NOW).payload().get("token").asText()).isEqualTo(id.value());
        assertThatThrownBy(() -> TtpTokens.status(ExchangeProtocol.CERTIFIED_MAIL, id, ExchangeState.ABORTED,
                Optional.empty(), NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
