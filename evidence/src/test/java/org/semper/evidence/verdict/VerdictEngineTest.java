package org.semper.evidence.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.testing.StatementPki.REVOCATION_TIME;
import static org.semper.evidence.testing.StatementPki.SIGNING_TIME;
import static org.semper.evidence.testing.StatementPki.TST_TIME;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.InMemoryMerkleTree;
import org.semper.evidence.tlog.MerkleProofs;
import org.semper.evidence.tlog.TlogProof;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The engine's own rules (log forks, certificate liability), the claim checks, the verdict table, determinism. */
class VerdictEngineTest {
    private static final CasePki PKI = new CasePki("Verdict");
    private static final Instant DECIDED = Instant.parse("2025-07-01T00:00:00Z");
    private static final CasePki.Party ALICE = PKI.party("Alice", new CasePki.Cover("EUR", 1, 3));
    private static final CasePki.Party SHOP = PKI.party("Shop", new CasePki.Cover("EUR", 10, 3));
    private static final CasePki.Party BUYER = PKI.party("Buyer", new CasePki.Cover("EUR", 2, 2));
    private static final CasePki.LogKey LOG = PKI.logKey("notary.example/log", "Notary Log");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Trust trust = Trust.of(PKI.anchors());

    // ---- TTP misbehaviour: a split view of its log ----

    @Test
    void twoCheckpointsOfOneSizeWithDifferentRootsMakeTheTtpLiable() throws Exception {
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.TTP_MISBEHAVIOUR, LOG.certificate(), "500.00", null, null);
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "e2"), 2), "seen by Alice");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "x2"), 2), "seen by Bob");
        bundle.add(ItemRole.CERTIFICATE, "application/pkix-cert", CasePki.der(LOG.certificate()), "log key");

        Decision decision = decide(bundle);
        assertThat(decision.verdict()).isEqualTo(Verdict.UPHELD);
        assertThat(decision.reasons().get(0).code()).isEqualTo("ttp-misbehaved");
        assertThat(decision.reasons().get(0).items()).contains("checkpoint-1", "checkpoint-2", "certificate-1");
        Liability liability = decision.liability().orElseThrow();
        assertThat(liability.role()).isEqualTo("ttp");
        assertThat(liability.party()).isEqualTo(CasePki.Party.fingerprint(LOG.certificate()));
        assertThat(liability.amount()).isEqualByComparingTo("500");
        assertThat(liability.cover()).isEmpty();
        assertThat(liability.coveredAmount()).isEqualByComparingTo("0");
        assertThat(decision.items()).filteredOn(i -> i.kind().equals("checkpoint")).allMatch(ItemCheck::passed);
    }

    @Test
    void checkpointsOfDifferentSizesNeedAConsistencyProof() throws Exception {
        InMemoryMerkleTree tree = tree("e1", "e2", "e3");
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.TTP_MISBEHAVIOUR, LOG.certificate(), "500.00", null, null);
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree, 2), "");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree, 3), "");
        bundle.add(ItemRole.CERTIFICATE, "application/pkix-cert", CasePki.der(LOG.certificate()), "log key");

        Decision without = decide(bundle);
        assertThat(without.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(without.missing()).extracting(MissingFact::code).containsExactly("consistency-proof");
        assertThat(without.liability()).isEmpty();

        bundle.add(ItemRole.TLOG_PROOF, "application/json", consistencyProof(tree, 2, 3), "GET /log/proof/consistency");
        Decision with = decide(bundle);
        assertThat(with.verdict()).isEqualTo(Verdict.DISMISSED);
        assertThat(with.reasons()).extracting(Reason::code).contains("log-consistent");
        assertThat(with.missing()).isEmpty();
    }

    @Test
    void aConsistencyProofThatDoesNotJoinTheCheckpointsProvesNothing() throws Exception {
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.TTP_MISBEHAVIOUR, LOG.certificate(), "1", null, null);
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "e2"), 2), "");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "y2", "e3"), 3), "");
        bundle.add(ItemRole.CERTIFICATE, "application/pkix-cert", CasePki.der(LOG.certificate()), "log key");
        bundle.add(ItemRole.TLOG_PROOF, "application/json", consistencyProof(tree("e1", "e2", "e3"), 2, 3), "");
        assertThat(decide(bundle).verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void twoEntriesProvenAtOneIndexAreASplitView() throws Exception {
        InMemoryMerkleTree honest = tree("e1", "e2");
        InMemoryMerkleTree forked = tree("e1", "x2", "e3");
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.TTP_MISBEHAVIOUR, LOG.certificate(), "500.00", null, null);
        bundle.add(ItemRole.OTHER, "text/plain", "e2".getBytes(StandardCharsets.UTF_8), "entry seen at index 1");
        bundle.add(ItemRole.TLOG_PROOF, "text/plain", inclusion(honest, 1, 2), "");
        bundle.add(ItemRole.OTHER, "text/plain", "x2".getBytes(StandardCharsets.UTF_8), "entry seen later at index 1");
        bundle.add(ItemRole.TLOG_PROOF, "text/plain", inclusion(forked, 1, 3), "");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(honest, 2), "");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(forked, 3), "");
        bundle.add(ItemRole.CERTIFICATE, "application/pkix-cert", CasePki.der(LOG.certificate()), "log key");

        Decision decision = decide(bundle);
        assertThat(decision.verdict()).isEqualTo(Verdict.UPHELD);
        assertThat(decision.reasons().get(0).items()).contains("tlog-proof-1", "other-1", "tlog-proof-2", "other-2");
        assertThat(decision.items()).filteredOn(i -> i.id().startsWith("tlog-proof")).allMatch(ItemCheck::passed);
    }

    @Test
    void aPinnedLogKeyWithoutCertificateCannotBeAttributedToTheRespondent() throws Exception {
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.TTP_MISBEHAVIOUR, SHOP.certificate(), "5", null, null);
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "e2"), 2), "");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "x2"), 2), "");
        Trust pinned = new Trust(PKI.anchors(), PKI.anchors(), List.of(LOG.signer().verifier()));

        Decision decision = decide(bundle, pinned);
        assertThat(decision.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(decision.missing()).extracting(MissingFact::code).containsExactly("log-key-certificate");
        assertThat(decision.items()).filteredOn(i -> i.kind().equals("checkpoint")).allMatch(ItemCheck::passed);
    }

    @Test
    void aCheckpointOfAnUnknownLogIsIndeterminateAndProvesNothing() throws Exception {
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.TTP_MISBEHAVIOUR, LOG.certificate(), "5", null, null);
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "e2"), 2), "");
        bundle.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1", "x2"), 2), "");
        Decision decision = decide(bundle);
        assertThat(decision.verdict()).isEqualTo(Verdict.DISMISSED);
        assertThat(decision.reasons()).extracting(Reason::code).contains("no-checkpoints");
        assertThat(decision.items()).filteredOn(i -> i.kind().equals("checkpoint"))
                .allMatch(i -> i.subIndication().map(Enum::name).orElse("").equals("NO_CERTIFICATE_CHAIN_FOUND"));
    }

    // ---- certificate liability ----

    @Test
    void aCaIsLiableUpToTheCoverForAStatementMadeWhileItSaidACompromisedKeyWasGood() throws Exception {
        CasePki.Party mallory = PKI.party("Mallory", new CasePki.Cover("EUR", 5, 3));
        Decision decision = decide(certificateLiability(mallory, Instant.parse("2025-06-10T00:00:00Z"),
                CRLReason.KEY_COMPROMISE.ordinal(), Instant.parse("2025-05-01T00:00:00Z"), "8000.00"));
        assertThat(decision.verdict()).isEqualTo(Verdict.UPHELD);
        assertThat(decision.reasons().get(0).code()).isEqualTo("certificate-miscertified");
        assertThat(decision.reasons().get(0).items()).containsExactly("offer-1", "crl-1");
        Liability liability = decision.liability().orElseThrow();
        assertThat(liability.role()).isEqualTo("ca");
        assertThat(liability.party()).isEqualTo(CasePki.Party.fingerprint(PKI.root().certificate()));
        assertThat(liability.amount()).isEqualByComparingTo("5000");
        assertThat(liability.coveredAmount()).isEqualByComparingTo("5000");
        assertThat(liability.cover().orElseThrow().certificate()).isEqualTo(mallory.fingerprint());
        assertThat(liability.cover().get().value().value()).isEqualByComparingTo("5000");
    }

    @Test
    void withoutAnInvalidityDateBeforeTheStatementTheCaWasRight() throws Exception {
        CasePki.Party mallory = PKI.party("Mallory2", new CasePki.Cover("EUR", 5, 3));
        Decision decision = decide(certificateLiability(mallory, Instant.parse("2025-06-10T00:00:00Z"),
                CRLReason.KEY_COMPROMISE.ordinal(), null, "100"));
        assertThat(decision.verdict()).isEqualTo(Verdict.DISMISSED);
        assertThat(decision.reasons()).extracting(Reason::code).contains("status-was-right");
        Decision late = decide(certificateLiability(mallory, Instant.parse("2025-06-10T00:00:00Z"),
                CRLReason.KEY_COMPROMISE.ordinal(), Instant.parse("2025-06-05T00:00:00Z"), "100"));
        assertThat(late.verdict()).isEqualTo(Verdict.DISMISSED);
    }

    @Test
    void aStatementMadeAfterTheRevocationWasNeverReliable() throws Exception {
        CasePki.Party mallory = PKI.party("Mallory3", new CasePki.Cover("EUR", 5, 3));
        Decision decision = decide(certificateLiability(mallory, Instant.parse("2025-05-20T00:00:00Z"),
                CRLReason.KEY_COMPROMISE.ordinal(), Instant.parse("2025-05-01T00:00:00Z"), "100"));
        assertThat(decision.verdict()).isEqualTo(Verdict.DISMISSED);
        assertThat(decision.reasons()).extracting(Reason::code).contains("no-reliance");
        assertThat(decision.items()).filteredOn(i -> i.id().equals("offer-1"))
                .allMatch(i -> i.subIndication().map(Enum::name).orElse("").equals("REVOKED"));
    }

    @Test
    void theRespondentOfACertificateLiabilityClaimIsTheIssuingCa() throws Exception {
        CasePki.Party mallory = PKI.party("Mallory4", new CasePki.Cover("EUR", 5, 3));
        SignedStatement offer = PKI.timeStamped(mallory.sign("semper-test", Map.of("msg", "offer"), SIGNING_TIME), TST_TIME);
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.CERTIFICATE_LIABILITY, SHOP.certificate(), "10", null,
                mallory.fingerprint());
        bundle.add(ItemRole.OFFER, offer, "");
        bundle.add(ItemRole.CRL, "application/pkix-crl", CasePki.der(PKI.crl(REVOCATION_TIME)), "");
        assertThat(decide(bundle).reasons().get(0).code()).isEqualTo("claimant-not-party");
    }

    // ---- the claim itself ----

    @Test
    void missingRevocationDataForTheClaimantIsIndeterminate() throws Exception {
        EvidenceBundle.Builder bundle = EvidenceBundle.builder();
        bundle.add(ItemRole.CLAIM, ALICE.sign(Claim.TYPE, Claim.payload(ClaimType.TTP_MISBEHAVIOUR,
                CasePki.Party.fingerprint(LOG.certificate()), "1", "EUR", null, null, null, "fork"), SIGNING_TIME), "");
        Decision decision = decide(bundle);
        assertThat(decision.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(decision.missing()).extracting(MissingFact::code).containsExactly("revocation-data");
        assertThat(decision.missing().get(0).items()).containsExactly("claim-1");
    }

    @Test
    void aClaimSignedWithARevokedCertificateIsDismissed() throws Exception {
        CasePki.Party revoked = PKI.party("Revoked", null);
        EvidenceBundle.Builder bundle = EvidenceBundle.builder();
        bundle.add(ItemRole.CLAIM, revoked.sign(Claim.TYPE, Claim.payload(ClaimType.TTP_MISBEHAVIOUR,
                CasePki.Party.fingerprint(LOG.certificate()), "1", "EUR", null, null, null, "fork"), SIGNING_TIME), "");
        bundle.add(ItemRole.CRL, "application/pkix-crl", CasePki.der(PKI.crl(REVOCATION_TIME, new CasePki.Revocation(
                revoked.certificate(), Instant.parse("2025-05-01T00:00:00Z"), 1, null))), "");
        Decision decision = decide(bundle);
        assertThat(decision.verdict()).isEqualTo(Verdict.DISMISSED);
        assertThat(decision.reasons().get(0).code()).isEqualTo("claim-invalid");
    }

    // ---- the verdict table, with a judge standing in for the protocol rules ----

    @Test
    void anUpheldPaymentClaimIsCappedAtThePaymentAndFallsUnderTheBuyersCover() throws Exception {
        Decision decision = decideWith(new StandInJudge(List.of(Fact.of(FactKind.PAYMENT_DUE, "x3 opens the goods",
                List.of("px1-1")).amount(new BigDecimal("90.00"), "EUR")), List.of()), SHOP, BUYER, "100.00");
        assertThat(decision.verdict()).isEqualTo(Verdict.UPHELD);
        Liability liability = decision.liability().orElseThrow();
        assertThat(liability.role()).isEqualTo("respondent");
        assertThat(liability.party()).isEqualTo(BUYER.fingerprint());
        assertThat(liability.amount()).isEqualByComparingTo("90");
        assertThat(liability.cover().orElseThrow().value().value()).isEqualByComparingTo("200");
        assertThat(liability.coveredAmount()).isEqualByComparingTo("90");
        assertThat(decision.reasons()).extracting(Reason::code).containsExactly("payment-due", "amount-capped");
    }

    @Test
    void aVoidPaymentDismissesThePaymentClaimEvenWithAPaymentDueFact() throws Exception {
        Decision decision = decideWith(new StandInJudge(List.of(
                Fact.of(FactKind.PAYMENT_DUE, "x3", List.of("px1-1")),
                Fact.of(FactKind.PAYMENT_VOID, "affidavit", List.of("px1-1"))), List.of()), SHOP, BUYER, "100");
        assertThat(decision.verdict()).isEqualTo(Verdict.DISMISSED);
        assertThat(decision.reasons().get(0).code()).isEqualTo("payment-void");
    }

    @Test
    void missingFactsWithoutADecidingFactAreIndeterminate() throws Exception {
        Decision decision = decideWith(new StandInJudge(List.of(), List.of(new MissingFact("ttp-status",
                "the notary was unreachable", List.of()))), SHOP, BUYER, "100");
        assertThat(decision.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(decision.missing()).extracting(MissingFact::code).containsExactly("ttp-status");
    }

    @Test
    void claimsByNonPartiesAndByTheWrongPartyAreDismissed() throws Exception {
        StandInJudge judge = new StandInJudge(List.of(Fact.of(FactKind.PAYMENT_DUE, "x3", List.of())), List.of());
        assertThat(decideWith(judge, ALICE, BUYER, "1").reasons().get(0).code()).isEqualTo("claimant-not-party");
        assertThat(decideWith(judge, BUYER, SHOP, "1").reasons().get(0).code()).isEqualTo("wrong-claimant");
    }

    @Test
    void withoutJudgeRulesForTheProtocolTheVerdictIsIndeterminate() throws Exception {
        EvidenceBundle.Builder bundle = purchaseCase(SHOP, BUYER, "1");
        Decision decision = decide(bundle);
        assertThat(decision.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(decision.missing()).extracting(MissingFact::code).containsExactly("judge-rules");
    }

    // ---- determinism ----

    @Test
    void theSameCaseFileGivesByteIdenticalVerdicts() throws Exception {
        CasePki.Party mallory = PKI.party("Mallory5", new CasePki.Cover("EUR", 5, 3));
        EvidenceBundle.Builder builder = certificateLiability(mallory, Instant.parse("2025-06-10T00:00:00Z"),
                CRLReason.KEY_COMPROMISE.ordinal(), Instant.parse("2025-05-01T00:00:00Z"), "8000.00");
        builder.add(ItemRole.CHECKPOINT, "text/plain", checkpoint(tree("e1"), 1), "");
        builder.add(ItemRole.CERTIFICATE, "application/pkix-cert", CasePki.der(LOG.certificate()), "");
        byte[] document = builder.sign(ALICE.signer(SIGNING_TIME)).toJson();

        byte[] first = new VerdictEngine(List.of()).decide(CaseFile.of(new EvidenceBundleReader().read(document), trust,
                ValidationPolicy.defaults(), DECIDED)).canonicalJson();
        byte[] second = new VerdictEngine(List.of()).decide(CaseFile.of(new EvidenceBundleReader().read(document),
                Trust.of(PKI.anchors()), ValidationPolicy.builder().build(), DECIDED)).canonicalJson();
        assertThat(second).isEqualTo(first);

        JsonNode payload = JSON.readTree(first);
        assertThat(payload.path("format").asText()).isEqualTo(Decision.FORMAT);
        assertThat(payload.path("verdict").asText()).isEqualTo("upheld");
        assertThat(payload.path("items")).hasSize(5);
        EvidenceBundle bundle = new EvidenceBundleReader().read(document);
        for (JsonNode item : payload.path("items")) {
            assertThat(item.path("sha256").asText()).isEqualTo(bundle.item(item.path("id").asText()).orElseThrow().sha256());
        }
        byte[] later = new VerdictEngine(List.of()).decide(CaseFile.of(bundle, trust, ValidationPolicy.defaults(),
                DECIDED.plusSeconds(1))).canonicalJson();
        assertThat(later).isNotEqualTo(first);
    }

    // ---- helpers ----

    private Decision decide(EvidenceBundle.Builder bundle) throws ClaimRejection {
        return decide(bundle, trust);
    }

    private Decision decide(EvidenceBundle.Builder bundle, Trust trust) throws ClaimRejection {
        return new VerdictEngine(List.of()).decide(CaseFile.of(bundle.sign(ALICE.signer(SIGNING_TIME)), trust,
                ValidationPolicy.defaults(), DECIDED));
    }

    private Decision decideWith(ExchangeJudge judge, CasePki.Party claimant, CasePki.Party respondent, String amount)
            throws ClaimRejection {
        return new VerdictEngine(List.of(judge)).decide(CaseFile.of(purchaseCase(claimant, respondent, amount)
                .sign(claimant.signer(SIGNING_TIME)), trust, ValidationPolicy.defaults(), DECIDED));
    }

    /** A claim, a px1 naming SHOP and BUYER, and a CRL covering everybody. */
    private EvidenceBundle.Builder purchaseCase(CasePki.Party claimant, CasePki.Party respondent, String amount) {
        SignedStatement px1 = SHOP.sign("semper-px/1/px1", Map.of("protocol", "semper-px/1", "msg", "px1",
                "merchant", SHOP.fingerprint(), "buyer", BUYER.fingerprint()), SIGNING_TIME);
        EvidenceBundle.Builder bundle = EvidenceBundle.builder();
        bundle.add(ItemRole.CLAIM, claimant.sign(Claim.TYPE, Claim.payload(ClaimType.PAYMENT_DUE, respondent.fingerprint(),
                amount, "EUR", px1.id(), null, null, "unpaid"), SIGNING_TIME), "");
        bundle.add(ItemRole.PX1, px1, "");
        bundle.add(ItemRole.CERTIFICATE, "application/pkix-cert", CasePki.der(BUYER.certificate()), "the buyer");
        bundle.add(ItemRole.CRL, "application/pkix-crl", CasePki.der(PKI.crl(REVOCATION_TIME)), "");
        return bundle;
    }

    private static EvidenceBundle.Builder claim(CasePki.Party claimant, ClaimType type,
            java.security.cert.X509Certificate respondent, String amount, String exchange, String certificate) {
        EvidenceBundle.Builder bundle = EvidenceBundle.builder();
        bundle.add(ItemRole.CLAIM, claimant.sign(Claim.TYPE, Claim.payload(type, CasePki.Party.fingerprint(respondent),
                amount, "EUR", exchange, null, certificate, "grounds"), SIGNING_TIME), "");
        if (type != ClaimType.CERTIFICATE_LIABILITY) {
            bundle.add(ItemRole.CRL, "application/pkix-crl", CasePki.der(PKI.crl(REVOCATION_TIME)), "");
        }
        return bundle;
    }

    private EvidenceBundle.Builder certificateLiability(CasePki.Party mallory, Instant revokedAt, int reason,
            Instant invalidSince, String amount) {
        SignedStatement offer = PKI.timeStamped(mallory.sign("semper-test", Map.of("msg", "offer", "price", "7000"),
                SIGNING_TIME), TST_TIME);
        EvidenceBundle.Builder bundle = claim(ALICE, ClaimType.CERTIFICATE_LIABILITY, PKI.root().certificate(), amount,
                null, mallory.fingerprint());
        bundle.add(ItemRole.OFFER, offer, "the offer Alice paid for");
        bundle.add(ItemRole.CRL, "application/pkix-crl", CasePki.der(PKI.crl(Instant.parse("2025-06-20T00:00:00Z"),
                new CasePki.Revocation(mallory.certificate(), revokedAt, reason, invalidSince))), "");
        return bundle;
    }

    private static InMemoryMerkleTree tree(String... entries) {
        InMemoryMerkleTree tree = new InMemoryMerkleTree();
        for (String entry : entries) {
            tree.append(entry.getBytes(StandardCharsets.UTF_8));
        }
        return tree;
    }

    private static byte[] checkpoint(InMemoryMerkleTree tree, long size) {
        return LOG.signer().sign(new Checkpoint(LOG.signer().keyName(), size, tree.root(size)).body())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] inclusion(InMemoryMerkleTree tree, long index, long size) {
        String note = new String(checkpoint(tree, size), StandardCharsets.UTF_8);
        return TlogProof.of(index, MerkleProofs.inclusion(tree, index, size), note).encode()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] consistencyProof(InMemoryMerkleTree tree, long from, long to) throws Exception {
        List<String> hashes = new ArrayList<>();
        MerkleProofs.consistency(tree, from, to).forEach(h -> hashes.add(Base64.getEncoder().encodeToString(h)));
        return JSON.writeValueAsBytes(Map.of("from", from, "to", to, "hashes", hashes));
    }

    /** Stands in for a protocol's judge rules: the parties from px1, and the facts it is given. */
    private record StandInJudge(List<Fact> facts, List<MissingFact> missing) implements ExchangeJudge {
        @Override
        public String protocol() {
            return "semper-px/1";
        }

        @Override
        public Optional<ExchangeParties> parties(ExchangeCase exchange) {
            return exchange.evidence().validStatements(ItemRole.PX1).stream().findFirst()
                    .map(px1 -> new ExchangeParties(px1.statement().get().payload().path("merchant").asText(),
                            px1.statement().get().payload().path("buyer").asText(), Optional.empty(), Optional.empty(),
                            List.of(px1.id())));
        }

        @Override
        public JudgeFinding judge(ExchangeCase exchange) {
            return new JudgeFinding(facts, missing);
        }
    }

    static Set<String> codes(List<Reason> reasons) {
        return Set.copyOf(reasons.stream().map(Reason::code).toList());
    }
}
