package org.semper.agent.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.consent.ConsentingSigners;
import org.semper.agent.consent.SignatureRendering;
import org.semper.agent.consent.PartyNames;
import org.semper.agent.testing.Pki;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/** The cheque adapter: a payer-signed payment order bound to the exchange, presented once, refundable once. */
class ChequePaymentsTest {
    @TempDir
    Path directory;

    private final Pki.Entity ca = Pki.rootCa("Bank-less CA");
    private final Pki.Entity alice = ca.issue("Alice", Pki.Usage.SIGNING);
    private final Pki.Entity bob = ca.issue("Bob Books", Pki.Usage.SIGNING);
    private final Pki.Entity mallory = ca.issue("Mallory", Pki.Usage.SIGNING);
    private final List<String> shown = new ArrayList<>();
    private final String exchange = Hashes.h("px1".getBytes(StandardCharsets.UTF_8));
    private ChequePayments payer;
    private ChequePayments payee;
    private PaymentRequest request;

    private ChequePayments payments(Pki.Entity party, String ledger) {
        StatementTrust trust = StatementTrust.of(new StatementValidator(TrustAnchors.of(ca.certificate()),
                ValidationPolicy.builder().revocationFetcher((certificate, issuer) -> RevocationData.builder()
                        .crl(Pki.crl(ca, Instant.now(), java.util.Map.of())).build()).build()), RevocationData.empty());
        return new ChequePayments(ConsentingSigners.signer(party.key().getPrivate(), List.of(party.certificate()),
                r -> shown.add(SignatureRendering.text(r, PartyNames.none()))), () -> trust, directory.resolve(ledger));
    }

    @BeforeEach
    void setUp() {
        payer = payments(alice, "alice");
        payee = payments(bob, "bob");
        request = new PaymentRequest(1999, "EUR", new PaymentRequest.Party("Bob Books", Hashes.fingerprint(bob
                .certificate())), new PaymentRequest.Party("Alice", Hashes.fingerprint(alice.certificate())), exchange);
    }

    @Test
    void aChequeIsSignedByTheDebtorBoundToTheExchangeAndAcceptedByTheCreditor() throws Exception {
        PaymentInstrument cheque = payer.authorise(request);
        SignedStatement statement = SignedStatement.parse(new String(cheque.bytes(), StandardCharsets.UTF_8));
        assertThat(statement.type()).isEqualTo("semper-cheque/1/cheque");
        assertThat(statement.payload().path("remittance").asText()).isEqualTo(exchange);
        assertThat(statement.payload().path("endToEndId").asText()).isEqualTo(exchange);
        assertThat(statement.payload().path("amount").asLong()).isEqualTo(1999);
        assertThat(shown).singleElement().asString().contains("19.99 EUR", "creditor.name", "Bob Books");

        PaymentInstrument accepted = payee.accept(cheque.bytes(), request);
        assertThat(accepted.id()).isEqualTo(statement.id());
        assertThat(payee.describe(accepted)).contains("19.99 EUR", "from Alice to Bob Books", exchange);
    }

    @Test
    void aChequeForAnotherAmountPayeeExchangeOrFromSomeoneElseIsRefused() throws Exception {
        byte[] cheque = payer.authorise(request).bytes();
        assertThatThrownBy(() -> payee.accept(cheque, new PaymentRequest(2999, "EUR", request.creditor(),
                request.debtor(), exchange))).isInstanceOf(PaymentException.class).extracting("code")
                .isEqualTo("wrong-amount");
        assertThatThrownBy(() -> payee.accept(cheque, new PaymentRequest(1999, "EUR", new PaymentRequest.Party(
                "Mallory", Hashes.fingerprint(mallory.certificate())), request.debtor(), exchange)))
                .isInstanceOf(PaymentException.class).extracting("code").isEqualTo("wrong-creditor");
        assertThatThrownBy(() -> payee.accept(cheque, new PaymentRequest(1999, "EUR", request.creditor(),
                request.debtor(), Hashes.h(new byte[] {9})))).isInstanceOf(PaymentException.class).extracting("code")
                .isEqualTo("not-bound");
        byte[] forged = payments(mallory, "mallory").authorise(new PaymentRequest(1999, "EUR", request.creditor(),
                new PaymentRequest.Party("Mallory", Hashes.fingerprint(mallory.certificate())), exchange)).bytes();
        assertThatThrownBy(() -> payee.accept(forged, request)).isInstanceOf(PaymentException.class)
                .extracting("code").isEqualTo("wrong-debtor");
        assertThatThrownBy(() -> payee.accept("not a cheque".getBytes(StandardCharsets.UTF_8), request))
                .isInstanceOf(PaymentException.class).extracting("code").isEqualTo("not-a-cheque");
        assertThatThrownBy(() -> payer.authorise(new PaymentRequest(1999, "EUR", request.debtor(), request.creditor(),
                exchange))).isInstanceOf(PaymentException.class).extracting("code").isEqualTo("wrong-debtor");
    }

    @Test
    void aChequeIsPresentedOnceAndRefundedOnce() throws Exception {
        PaymentInstrument cheque = payee.accept(payer.authorise(request).bytes(), request);
        PaymentRecord captured = payee.capture(cheque, "the key was released in px3");
        assertThat(captured.kind()).isEqualTo("captured");
        SignedStatement endorsement = SignedStatement.parse(new String(captured.bytes(), StandardCharsets.UTF_8));
        assertThat(endorsement.payload().path("cheque").asText()).isEqualTo(cheque.id());
        assertThatThrownBy(() -> payee.capture(cheque, "again")).isInstanceOf(PaymentException.class)
                .extracting("code").isEqualTo("already-captured");
        PaymentRecord refunded = payee.refund(cheque, "goods not as described");
        SignedStatement refund = SignedStatement.parse(new String(refunded.bytes(), StandardCharsets.UTF_8));
        assertThat(refund.payload().path("creditor").path("name").asText()).isEqualTo("Alice");
        assertThat(refund.payload().path("remittance").asText()).isEqualTo(exchange);
        assertThatThrownBy(() -> payee.refund(cheque, "again")).isInstanceOf(PaymentException.class)
                .extracting("code").isEqualTo("already-refunded");
        assertThat(payee.restore(cheque.bytes()).request()).isEqualTo(request);
    }
}
