package org.semper.evidence.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.verdict.ScenarioWorld.FIRST;
import static org.semper.evidence.verdict.ScenarioWorld.LATER;
import static org.semper.evidence.verdict.ScenarioWorld.SECOND;

import java.nio.charset.StandardCharsets;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.exchange.px.Price;
import org.semper.evidence.exchange.px.PurchaseMessages;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.testing.StatementPki;

/**
 * The scenario catalogue (issue 7, "Proof"): one line per scenario, each a complete case file built with the exchange
 * library's own message builders and TTP, decided by {@link VerdictEngine#standard()}, with the verdict it must get,
 * a reason or missing-fact code that must explain it, and who is liable.
 */
class VerdictScenariosTest {
    private static final CasePki PKI = new CasePki("Scenario");
    private static final CasePki.Party INITIATOR = PKI.party("Initiator", new CasePki.Cover("EUR", 10, 3));
    private static final CasePki.Party RESPONDER = PKI.party("Responder", new CasePki.Cover("EUR", 2, 2));
    private static final CasePki.Party STRANGER = PKI.party("Stranger", null);
    private static final CasePki.Party NOTARY = PKI.party("Notary", new CasePki.Cover("EUR", 1, 6));

    private static final ClaimType BINDING = ClaimType.CONTRACT_BINDING;
    private static final ClaimType NOT_BINDING = ClaimType.CONTRACT_NOT_BINDING;
    private static final ClaimType PAYMENT = ClaimType.PAYMENT_DUE;
    private static final ClaimType REFUND = ClaimType.REFUND_DUE;
    private static final ClaimType NOT_AS_DESCRIBED = ClaimType.GOODS_NOT_AS_DESCRIBED;
    private static final ClaimType RECEIPT = ClaimType.PROOF_OF_RECEIPT;
    private static final ClaimType ORIGIN = ClaimType.PROOF_OF_ORIGIN;
    private static final ClaimType TTP = ClaimType.TTP_MISBEHAVIOUR;
    private static final Verdict UPHELD = Verdict.UPHELD;
    private static final Verdict DISMISSED = Verdict.DISMISSED;
    private static final Verdict INDETERMINATE = Verdict.INDETERMINATE;

    /** A scenario: its case and claim, the verdict, a code among the reasons or missing facts, and the liable role. */
    record Scenario(String name, Run run, Verdict verdict, String code, String liable) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Run {
        Decision decide(ScenarioWorld world) throws Exception;
    }

    static Stream<Scenario> catalogue() {
        return Stream.of(
            // ---- semper-cs/1: contract signing ----
            line("cs honest run: O claims the contract binds R", w -> cs(w, 4).binding(w.initiator), UPHELD, "contract-binds", "respondent"),
            line("cs honest run: R claims there is no contract", w -> cs(w, 4).claim(w.responder, NOT_BINDING, w.initiator), DISMISSED, "contract-binds", null),
            line("cs R withholds me4, O resolves: replacement contract", w -> cs(w, 3).resolvedBy(w.initiator).binding(w.initiator), UPHELD, "contract-binds", "respondent"),
            line("cs R withholds me2, O aborts: no contract", w -> cs(w, 1).abortedBy().claim(w.initiator, NOT_BINDING, w.responder), UPHELD, "no-contract", null),
            line("cs O aborts after receiving me2, R resolves late: no contract", w -> cs(w, 2).abortedBy().resolvedBy(w.responder).binding(w.responder), DISMISSED, "no-contract", null),
            line("cs O aborts after completing: the contract stands (cs-3)", w -> cs(w, 4).abortedBy().binding(w.responder), UPHELD, "contract-binds", "respondent"),
            line("cs O hides its abort token and claims the contract binds", w -> cs(w, 2).abortedBy().binding(w.initiator), DISMISSED, "no-contract", null),
            line("cs replayed me2 from another exchange", w -> cs(w, 4).replayedMe2().binding(w.initiator), DISMISSED, "not-proved", null),
            line("cs re-labelled message: me3 offered as me4", w -> cs(w, 3).relabelledMe4().binding(w.initiator), DISMISSED, "not-proved", null),
            line("cs forged me4 (payload altered after signing)", w -> cs(w, 4).forgedMe4().binding(w.initiator), DISMISSED, "not-proved", null),
            line("cs contradictory TTP tokens: R claims against the TTP", w -> cs(w, 2).abortedBy().resolvedAgain().ttpClaim(w.responder), UPHELD, "ttp-misbehaved", "ttp"),
            line("cs contradictory TTP tokens: no party is bound on them", w -> cs(w, 2).abortedBy().resolvedAgain().binding(w.responder), DISMISSED, "ttp-misbehaved", null),
            line("cs TTP unreachable: an RC alone cannot rule out an abort token", w -> cs(w, 3).resolvedBy(w.initiator).noStatus().binding(w.initiator), INDETERMINATE, "ttp-status", null),
            line("cs claim by a stranger", w -> cs(w, 4).claim(w.stranger, BINDING, w.responder), DISMISSED, "claimant-not-party", null),
            line("cs certificate revoked before signing: me4 rejected", w -> cs(w, 4, Instant.parse("2025-06-01T11:00:00Z"), true).binding(w.initiator), DISMISSED, "not-proved", null),
            line("cs certificate revoked after signing, time-stamped: accepted", w -> cs(w, 4, Instant.parse("2025-06-01T18:00:00Z"), true).binding(w.initiator), UPHELD, "contract-binds", "respondent"),
            line("cs certificate revoked after signing, time only claimed", w -> cs(w, 4, Instant.parse("2025-06-01T18:00:00Z"), false).binding(w.initiator), INDETERMINATE, "time-stamp", null),
            line("cs expired certificate: me2 signed after notAfter", w -> cs(w, expiredResponder(w), 4).binding(w.initiator), DISMISSED, "not-proved", null),
            line("cs missing revocation data", w -> cs(w, 4).noCrl().binding(w.initiator), INDETERMINATE, "revocation-data", null),

            // ---- semper-px/1: payment for digital goods ----
            line("px honest run: M claims the payment", w -> px(w, 3).payment(), UPHELD, "payment-due", "respondent"),
            line("px M withholds the key, B resolves: payment due on the RC", w -> px(w, 2).resolvedByBuyer().payment(), UPHELD, "payment-due", "respondent"),
            line("px bogus escrow: B's refund", w -> px(w, 2, true).resolvedByBuyer().claim(w.responder, REFUND, w.initiator), UPHELD, "payment-void", "respondent"),
            line("px bogus escrow: M's payment claim", w -> px(w, 2, true).resolvedByBuyer().payment(), DISMISSED, "payment-void", null),
            line("px M aborts after receiving px2: no sale", w -> px(w, 2).abortedByMerchant().payment(), DISMISSED, "no-sale", null),
            line("px M aborts after receiving px2: B's refund", w -> px(w, 2).abortedByMerchant().claim(w.responder, REFUND, w.initiator), UPHELD, "no-sale", "respondent"),
            line("px goods not as offered", w -> px(w, 3).offered("the hardback").claim(w.responder, NOT_AS_DESCRIBED, w.initiator), UPHELD, "goods-not-as-described", "respondent"),
            line("px goods as offered: B's complaint", w -> px(w, 3).offered(null).claim(w.responder, NOT_AS_DESCRIBED, w.initiator), DISMISSED, "payment-due", null),
            line("px M withholds the ciphertext from the case", w -> px(w, 3).withoutCiphertext().payment(), DISMISSED, "not-proved", null),
            line("px forged px2", w -> px(w, 3).forgedPx2().payment(), DISMISSED, "not-proved", null),
            line("px B claims the payment", w -> px(w, 3).claim(w.responder, PAYMENT, w.initiator), DISMISSED, "wrong-claimant", null),
            line("px TTP unreachable", w -> px(w, 3).noStatus().payment(), INDETERMINATE, "ttp-status", null),

            // ---- semper-cm/1: certified mail ----
            line("cm honest run: S proves receipt", w -> cm(w, 3).claim(w.initiator, RECEIPT, w.responder), UPHELD, "receipt-proved", null),
            line("cm honest run: R proves origin", w -> cm(w, 3).claim(w.responder, ORIGIN, w.initiator), UPHELD, "origin-proved", "respondent"),
            line("cm S withholds the key, R resolves: receipt", w -> cm(w, 2).resolvedByRecipient().claim(w.initiator, RECEIPT, w.responder), UPHELD, "receipt-proved", null),
            line("cm S withholds the key, R resolves: origin", w -> cm(w, 2).resolvedByRecipient().claim(w.responder, ORIGIN, w.initiator), UPHELD, "origin-proved", "respondent"),
            line("cm S aborts after receiving the EOR and hides it", w -> cm(w, 3).abortedBySender().claim(w.initiator, RECEIPT, w.responder), DISMISSED, "receipt-void", null),
            line("cm bogus escrow, R resolves: S shows an EOK it never sent", w -> cm(w, 2, true).resolvedByRecipient().eokLate().claim(w.initiator, RECEIPT, w.responder), DISMISSED, "receipt-void", null),
            line("cm bogus escrow, R resolves: no key, no receipt", w -> cm(w, 2, true).resolvedByRecipient().claim(w.initiator, RECEIPT, w.responder), DISMISSED, "not-proved", null),
            line("cm re-labelled message: EOR offered as EOK", w -> cm(w, 2).relabelledEok().claim(w.initiator, RECEIPT, w.responder), DISMISSED, "not-proved", null),
            line("cm contradictory TTP tokens: S claims against the TTP", w -> cm(w, 2).abortedBySender().resolvedAgain().ttpClaim(w.initiator), UPHELD, "ttp-misbehaved", "ttp"),
            line("cm TTP unreachable", w -> cm(w, 3).noStatus().claim(w.initiator, RECEIPT, w.responder), INDETERMINATE, "ttp-status", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void scenario(Scenario scenario) throws Exception {
        ScenarioWorld world = new ScenarioWorld(PKI, INITIATOR, RESPONDER, STRANGER, NOTARY);
        Decision decision = scenario.run().decide(world);
        assertThat(decision.verdict()).as(scenario.name() + ": " + decision.reasons() + " / " + decision.missing())
                .isEqualTo(scenario.verdict());
        List<String> codes = Stream.concat(decision.reasons().stream().map(Reason::code),
                decision.missing().stream().map(MissingFact::code)).toList();
        assertThat(codes).as(scenario.name()).contains(scenario.code());
        assertThat(decision.liability().map(Liability::role)).as(scenario.name())
                .isEqualTo(Optional.ofNullable(scenario.liable()));
        List<String> ids = decision.items().stream().map(ItemCheck::id).toList();
        assertThat(decision.reasons()).allSatisfy(r -> assertThat(ids).containsAll(r.items()));
        if (scenario.verdict() != INDETERMINATE && !scenario.code().equals("not-proved")) {
            assertThat(decision.reasons().get(0).items()).as("the first reason names its evidence").isNotEmpty();
        }
    }

    private static Scenario line(String name, Run run, Verdict verdict, String code, String liable) {
        return new Scenario(name, run, verdict, code, liable);
    }

    // ---- semper-cs/1 ----

    static ContractCase cs(ScenarioWorld w, int messages) throws ExchangeRejection {
        return new ContractCase(w, w.responder, messages);
    }

    /** The responder's certificate revoked at {@code revokedAt} (key compromise); messages time-stamped or not. */
    static ContractCase cs(ScenarioWorld w, int messages, Instant revokedAt, boolean timeStamped) throws ExchangeRejection {
        CasePki.Party responder = w.pki.party("Revocable Responder", new CasePki.Cover("EUR", 2, 2));
        w.revocations.add(new CasePki.Revocation(responder.certificate(), revokedAt, CRLReason.KEY_COMPROMISE.ordinal(),
                null));
        w.timeStamped = timeStamped;
        return new ContractCase(w, responder, messages);
    }

    static ContractCase cs(ScenarioWorld w, CasePki.Party responder, int messages) throws ExchangeRejection {
        return new ContractCase(w, responder, messages);
    }

    static CasePki.Party expiredResponder(ScenarioWorld w) {
        return w.pki.party("Expired Responder", null, Instant.parse("2025-01-01T00:00:00Z"),
                Instant.parse("2025-05-31T00:00:00Z"));
    }

    /** A semper-cs/1 exchange run up to {@code messages} messages (1..4), with the TTP of the world. */
    static final class ContractCase {
        final ScenarioWorld w;
        final CasePki.Party responder;
        final byte[] nonceO = Hashes.random32();
        final byte[] nonceR = Hashes.random32();
        final SignedStatement me1;
        SignedStatement me2;
        boolean status = true;

        ContractCase(ScenarioWorld w, CasePki.Party responder, int messages) {
            this.w = w;
            this.responder = responder;
            me1 = w.stamped(ContractMessages.me1(w.at(w.initiator, FIRST), responder.certificate(), w.self,
                    ContractTerms.text("text/plain", "R buys O's bicycle for 100 EUR."), nonceO, Optional.empty()));
            w.add(ItemRole.ME1, me1);
            if (messages >= 2) {
                me2 = w.stamped(ContractMessages.me2(w.at(responder, SECOND), me1, nonceR));
                w.add(ItemRole.ME2, me2);
            }
            if (messages >= 3) {
                w.add(ItemRole.ME3, w.stamped(ContractMessages.me3(w.at(w.initiator, LATER), me1, nonceO, Hashes.h(nonceR))));
            }
            if (messages >= 4) {
                w.add(ItemRole.ME4, w.stamped(ContractMessages.me4(w.at(responder, LATER), me1, nonceR, Hashes.h(nonceO))));
            }
        }

        ContractCase abortedBy() throws ExchangeRejection {
            w.abort(w.initiator, me1);
            return this;
        }

        ContractCase resolvedBy(CasePki.Party requester) throws ExchangeRejection {
            w.add(ItemRole.RESOLVE_TOKEN, w.resolve(requester, me1, me2, Optional.empty()));
            return this;
        }

        /** The TTP resolves an exchange it already aborted (misbehaviour); the responder holds the RC. */
        ContractCase resolvedAgain() throws ExchangeRejection {
            w.add(ItemRole.RESOLVE_TOKEN, w.resolveAgain(w.responder, me1, me2, Optional.empty()));
            return this;
        }

        ContractCase replayedMe2() {
            SignedStatement otherMe1 = ContractMessages.me1(w.at(w.initiator, FIRST), responder.certificate(), w.self,
                    ContractTerms.text("text/plain", "another contract"), nonceO, Optional.empty());
            w.dropFirst(ItemRole.ME2);
            w.add(ItemRole.ME2, ContractMessages.me2(w.at(responder, SECOND), otherMe1, nonceR));
            return this;
        }

        ContractCase relabelledMe4() {
            w.add(ItemRole.ME4, ContractMessages.me3(w.at(w.initiator, LATER), me1, nonceO, Hashes.h(nonceR)));
            return this;
        }

        /** O forges R's me4 from R's me2: another message under R's signature. */
        ContractCase forgedMe4() {
            SignedStatement honest = ContractMessages.me4(w.at(responder, LATER), me1, nonceR, Hashes.h(nonceO));
            w.dropFirst(ItemRole.ME4);
            w.add(ItemRole.ME4, Forgery.withSignatureOf(honest, me2));
            return this;
        }


        ContractCase noStatus() {
            status = false;
            return this;
        }

        ContractCase noCrl() {
            w.withCrl = false;
            return this;
        }

        Decision binding(CasePki.Party claimant) {
            return claim(claimant, BINDING, claimant == w.initiator ? responder : w.initiator);
        }

        Decision claim(CasePki.Party claimant, ClaimType type, CasePki.Party respondent) {
            if (status) {
                w.status(ExchangeProtocol.CONTRACT_SIGNING, me1);
            }
            return w.claim(claimant, type, respondent.fingerprint(), type == NOT_BINDING ? "0" : "100.00", me1.id());
        }

        Decision ttpClaim(CasePki.Party claimant) {
            w.status(ExchangeProtocol.CONTRACT_SIGNING, me1);
            return w.claim(claimant, TTP, w.ttp.fingerprint(), "250.00", me1.id(), ExchangeProtocol.CONTRACT_SIGNING.id());
        }
    }

    // ---- semper-px/1 ----

    static PurchaseCase px(ScenarioWorld w, int messages) {
        return new PurchaseCase(w, messages, false);
    }

    static PurchaseCase px(ScenarioWorld w, int messages, boolean bogusEscrow) {
        return new PurchaseCase(w, messages, bogusEscrow);
    }

    static final class PurchaseCase {
        final ScenarioWorld w;
        final byte[] goods = "the e-book, as ordered".getBytes(StandardCharsets.UTF_8);
        final SealedContent sealed;
        final SignedStatement px1;
        SignedStatement px2;
        boolean status = true;
        boolean ciphertext = true;

        PurchaseCase(ScenarioWorld w, int messages, boolean bogusEscrow) {
            this.w = w;
            sealed = PurchaseMessages.seal(goods, bogusEscrow ? StatementPki.ecKey("secp256r1").getPublic()
                    : w.escrowKey.getPublic(), w.initiator.certificate(), w.responder.certificate());
            px1 = PurchaseMessages.px1(w.at(w.initiator, FIRST), w.responder.certificate(), w.self,
                    Hashes.h("order #1".getBytes(StandardCharsets.UTF_8)), new Price(1999, "EUR"), sealed, Optional.empty());
            w.add(ItemRole.PX1, px1);
            if (messages >= 2) {
                px2 = PurchaseMessages.px2(w.at(w.responder, SECOND), px1);
                w.add(ItemRole.PX2, px2);
            }
            if (messages >= 3) {
                w.add(ItemRole.PX3, PurchaseMessages.px3(w.at(w.initiator, LATER), px1, sealed.key()));
            }
        }

        PurchaseCase resolvedByBuyer() throws ExchangeRejection {
            w.resolve(w.responder, px1, px2, Optional.of(sealed.ek()));
            return this;
        }

        PurchaseCase abortedByMerchant() throws ExchangeRejection {
            w.abort(w.initiator, px1);
            return this;
        }

        /** The merchant's signed offer, describing {@code description}'s hash (null: the goods delivered). */
        PurchaseCase offered(String description) {
            byte[] described = description == null ? goods : description.getBytes(StandardCharsets.UTF_8);
            w.add(ItemRole.OFFER, w.initiator.sign("semper-offer+json", java.util.Map.of("goods",
                    java.util.Map.of("hashPlain", Hashes.h(described)), "price", "19.99 EUR"), FIRST.minusSeconds(600)));
            return this;
        }

        PurchaseCase withoutCiphertext() {
            ciphertext = false;
            return this;
        }

        /** M, holding px1 signed by itself, makes up B's px2 under the signature of another statement of B. */
        PurchaseCase forgedPx2() {
            SignedStatement other = w.responder.sign("semper-test", java.util.Map.of("msg", "hello"), SECOND);
            w.dropFirst(ItemRole.PX2);
            w.add(ItemRole.PX2, Forgery.withSignatureOf(px2, other));
            return this;
        }

        PurchaseCase noStatus() {
            status = false;
            return this;
        }

        Decision payment() {
            return claim(w.initiator, PAYMENT, w.responder);
        }

        Decision claim(CasePki.Party claimant, ClaimType type, CasePki.Party respondent) {
            if (ciphertext) {
                w.content(ItemRole.CIPHERTEXT, sealed.ciphertext());
            }
            if (status) {
                w.status(ExchangeProtocol.PURCHASE, px1);
            }
            return w.claim(claimant, type, respondent.fingerprint(), "19.99", px1.id());
        }
    }

    // ---- semper-cm/1 ----

    static MailCase cm(ScenarioWorld w, int messages) {
        return new MailCase(w, messages, false);
    }

    static MailCase cm(ScenarioWorld w, int messages, boolean bogusEscrow) {
        return new MailCase(w, messages, bogusEscrow);
    }

    static final class MailCase {
        final ScenarioWorld w;
        final SealedContent sealed;
        final SignedStatement eoo;
        SignedStatement eor;
        boolean status = true;

        MailCase(ScenarioWorld w, int messages, boolean bogusEscrow) {
            this.w = w;
            sealed = CertifiedMailMessages.seal("Notice of termination".getBytes(StandardCharsets.UTF_8),
                    bogusEscrow ? StatementPki.ecKey("secp256r1").getPublic() : w.escrowKey.getPublic(),
                    w.initiator.certificate(), w.responder.certificate());
            eoo = CertifiedMailMessages.eoo(w.at(w.initiator, FIRST), w.responder.certificate(), w.self, "Termination",
                    sealed, Optional.empty());
            w.add(ItemRole.EOO, eoo);
            w.content(ItemRole.CIPHERTEXT, sealed.ciphertext());
            if (messages >= 2) {
                eor = CertifiedMailMessages.eor(w.at(w.responder, SECOND), eoo);
                w.add(ItemRole.EOR, eor);
            }
            if (messages >= 3) {
                w.add(ItemRole.EOK, CertifiedMailMessages.eok(w.at(w.initiator, LATER), eoo, sealed.key()));
            }
        }

        MailCase resolvedByRecipient() throws ExchangeRejection {
            w.resolve(w.responder, eoo, eor, Optional.of(sealed.ek()));
            return this;
        }

        MailCase abortedBySender() throws ExchangeRejection {
            w.abort(w.initiator, eoo);
            return this;
        }

        MailCase resolvedAgain() throws ExchangeRejection {
            w.add(ItemRole.KEY_RELEASED, w.resolveAgain(w.responder, eoo, eor, Optional.of(sealed.ek())));
            return this;
        }

        MailCase eokLate() {
            w.add(ItemRole.EOK, CertifiedMailMessages.eok(w.at(w.initiator, LATER), eoo, sealed.key()));
            return this;
        }

        MailCase relabelledEok() {
            w.add(ItemRole.EOK, eor);
            return this;
        }

        MailCase noStatus() {
            status = false;
            return this;
        }

        Decision claim(CasePki.Party claimant, ClaimType type, CasePki.Party respondent) {
            if (status) {
                w.status(ExchangeProtocol.CERTIFIED_MAIL, eoo);
            }
            return w.claim(claimant, type, respondent.fingerprint(), type == ORIGIN ? "50.00" : "0", eoo.id());
        }

        Decision ttpClaim(CasePki.Party claimant) {
            w.status(ExchangeProtocol.CERTIFIED_MAIL, eoo);
            return w.claim(claimant, TTP, w.ttp.fingerprint(), "250.00", eoo.id(), ExchangeProtocol.CERTIFIED_MAIL.id());
        }
    }
}
