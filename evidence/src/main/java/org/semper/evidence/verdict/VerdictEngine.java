package org.semper.evidence.verdict;

import org.semper.evidence.exchange.Hashes;
import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.semper.evidence.cover.LiabilityCover;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.SubIndication;

/**
 * The verdict engine: a pure function from a {@link CaseFile} (bundle, claim, trust, policy, decision time) to a
 * {@link Decision}. It checks every item ({@link CaseEvidence}), checks that claimant and respondent are the parties
 * the claim type requires, asks the protocol's {@link ExchangeJudge} (or its own rules for a log fork and for
 * certificate liability) which facts the evidence establishes, and maps facts to the verdict with the table below.
 * It never guesses: when no deciding fact is established and a fact is missing, the verdict is
 * {@link Verdict#INDETERMINATE} and names what is missing.
 *
 * <table>
 * <caption>Which established fact decides which claim (first match wins)</caption>
 * <tr><th>claim</th><th>upheld by</th><th>dismissed by</th></tr>
 * <tr><td>contract-binding</td><td>contract-binds (the cs judge does not find it beside ttp-misbehaved unless the
 * standard contract is complete)</td><td>ttp-misbehaved (the respondent relied on a TTP token), no-contract</td></tr>
 * <tr><td>contract-not-binding</td><td>ttp-misbehaved, no-contract</td><td>contract-binds</td></tr>
 * <tr><td>payment-due</td><td>payment-due</td><td>ttp-misbehaved, payment-void, no-sale, goods-not-as-described</td></tr>
 * <tr><td>refund-due</td><td>payment-void, no-sale, goods-not-as-described</td><td>ttp-misbehaved, payment-due</td></tr>
 * <tr><td>goods-not-as-described</td><td>goods-not-as-described</td><td>ttp-misbehaved, payment-due</td></tr>
 * <tr><td>proof-of-receipt</td><td>receipt-proved</td><td>ttp-misbehaved, receipt-void</td></tr>
 * <tr><td>proof-of-origin</td><td>origin-proved</td><td>-</td></tr>
 * <tr><td>ttp-misbehaviour</td><td>ttp-misbehaved (by the respondent)</td><td>-</td></tr>
 * <tr><td>certificate-liability</td><td>certificate-miscertified</td><td>-</td></tr>
 * </table>
 *
 * <p>A fact that a TTP token withheld by the claimant could overturn ({@link Fact#needsTtpView()}: an abort token
 * behind a claimed receipt, say) upholds a claim only if the case holds the TTP's own signed status of the exchange
 * (fetched by the arbiter) and the token that status names; without them the verdict is indeterminate and names
 * {@code ttp-status} or {@code ttp-token} as missing.
 *
 * <p>Thread-safe; deterministic: the same case file gives a byte-identical {@link Decision#canonicalJson()}.
 */
public final class VerdictEngine {

    /** One row of the table: a fact and the verdict it gives the claim. */
    private record Rule(FactKind fact, Verdict verdict) {
    }

    private static final Map<ClaimType, List<Rule>> TABLE = Map.of(
            ClaimType.CONTRACT_BINDING, List.of(new Rule(FactKind.CONTRACT_BINDS, Verdict.UPHELD),
                    new Rule(FactKind.TTP_MISBEHAVED, Verdict.DISMISSED), new Rule(FactKind.NO_CONTRACT, Verdict.DISMISSED)),
            ClaimType.CONTRACT_NOT_BINDING, List.of(new Rule(FactKind.CONTRACT_BINDS, Verdict.DISMISSED),
                    new Rule(FactKind.TTP_MISBEHAVED, Verdict.UPHELD), new Rule(FactKind.NO_CONTRACT, Verdict.UPHELD)),
            ClaimType.PAYMENT_DUE, List.of(new Rule(FactKind.TTP_MISBEHAVED, Verdict.DISMISSED),
                    new Rule(FactKind.PAYMENT_VOID, Verdict.DISMISSED), new Rule(FactKind.NO_SALE, Verdict.DISMISSED),
                    new Rule(FactKind.GOODS_NOT_AS_DESCRIBED, Verdict.DISMISSED),
                    new Rule(FactKind.PAYMENT_DUE, Verdict.UPHELD)),
            ClaimType.REFUND_DUE, List.of(new Rule(FactKind.TTP_MISBEHAVED, Verdict.DISMISSED),
                    new Rule(FactKind.PAYMENT_VOID, Verdict.UPHELD), new Rule(FactKind.NO_SALE, Verdict.UPHELD),
                    new Rule(FactKind.GOODS_NOT_AS_DESCRIBED, Verdict.UPHELD),
                    new Rule(FactKind.PAYMENT_DUE, Verdict.DISMISSED)),
            ClaimType.GOODS_NOT_AS_DESCRIBED, List.of(new Rule(FactKind.TTP_MISBEHAVED, Verdict.DISMISSED),
                    new Rule(FactKind.GOODS_NOT_AS_DESCRIBED, Verdict.UPHELD),
                    new Rule(FactKind.PAYMENT_DUE, Verdict.DISMISSED)),
            ClaimType.PROOF_OF_RECEIPT, List.of(new Rule(FactKind.TTP_MISBEHAVED, Verdict.DISMISSED),
                    new Rule(FactKind.RECEIPT_VOID, Verdict.DISMISSED), new Rule(FactKind.RECEIPT_PROVED, Verdict.UPHELD)),
            ClaimType.PROOF_OF_ORIGIN, List.of(new Rule(FactKind.ORIGIN_PROVED, Verdict.UPHELD)),
            ClaimType.TTP_MISBEHAVIOUR, List.of(new Rule(FactKind.TTP_MISBEHAVED, Verdict.UPHELD)),
            ClaimType.CERTIFICATE_LIABILITY, List.of(new Rule(FactKind.CERTIFICATE_MISCERTIFIED, Verdict.UPHELD)));

    /** Which party of the exchange may bring a claim of each protocol type (null: either). */
    private static final Map<ClaimType, Boolean> CLAIMANT_IS_INITIATOR = new TreeMap<>(Map.of(
            ClaimType.PAYMENT_DUE, true, ClaimType.REFUND_DUE, false, ClaimType.GOODS_NOT_AS_DESCRIBED, false,
            ClaimType.PROOF_OF_RECEIPT, true, ClaimType.PROOF_OF_ORIGIN, false));

    private final Map<String, ExchangeJudge> judges = new TreeMap<>();

    /** The engine with the judge rules of semper-cs/1, semper-px/1 and semper-cm/1. */
    public static VerdictEngine standard() {
        return new VerdictEngine(List.of(new ContractRules(), new PurchaseRules(), new CertifiedMailRules()));
    }

    /** An engine applying {@code judges} (one per protocol) and its own rules. */
    public VerdictEngine(Collection<? extends ExchangeJudge> judges) {
        for (ExchangeJudge judge : judges) {
            if (this.judges.put(judge.protocol(), judge) != null) {
                throw new IllegalArgumentException("two judges for " + judge.protocol());
            }
        }
    }

    /**
     * Decides the case.
     *
     * @throws ClaimRejection if the claim item is not a claim at all (a claim whose signature does not validate is
     *                        decided: dismissed, or indeterminate if its validation is)
     */
    public Decision decide(CaseFile file) throws ClaimRejection {
        Objects.requireNonNull(file, "file");
        Claim claim = Claim.of(file.claim());
        CaseEvidence evidence = CaseEvidence.check(file.bundle(), file.trust(), file.policy(), file.decidedAt());
        CaseItem claimItem = evidence.item(file.claimItem().id()).orElseThrow();
        Outcome outcome = new Outcome();
        if (!claimItem.valid()) {
            if (claimItem.check().indication().orElse(null) == Indication.INDETERMINATE) {
                outcome.missing.add(missingFor(claimItem));
            } else {
                outcome.decide(Verdict.DISMISSED, new Reason("claim-invalid", "the claim's signature is invalid: "
                        + claimItem.check().message(), List.of(claimItem.id())));
            }
        } else {
            switch (claim.type()) {
                case TTP_MISBEHAVIOUR -> ttpMisbehaviour(claim, evidence, outcome);
                case CERTIFICATE_LIABILITY -> certificateLiability(claim, evidence, outcome);
                default -> protocolClaim(claim, evidence, outcome);
            }
        }
        if (outcome.verdict == null) {
            if (!outcome.missing.isEmpty()) {
                outcome.verdict = Verdict.INDETERMINATE;
            } else {
                outcome.verdict = Verdict.DISMISSED;
                outcome.reasons.add(new Reason("not-proved", "the evidence establishes none of the facts that decide a "
                        + claim.type().code() + " claim", List.of()));
            }
        } else {
            outcome.missing.clear();
        }
        Optional<String> respondentSubject = evidence.certificate(claim.respondent()).map(CaseEvidence::subject);
        Optional<Liability> liability = outcome.verdict == Verdict.UPHELD && claim.amount().signum() > 0
                ? Optional.of(liability(claim, evidence, outcome)) : Optional.empty();
        return new Decision(claim, claimItem.id(), respondentSubject, file.bundle().id(), evidence.manifest(),
                file.decidedAt(), outcome.verdict, liability, outcome.reasons, outcome.missing, evidence.checks());
    }

    // ---- protocol claims: the protocol's judge rules ----

    private void protocolClaim(Claim claim, CaseEvidence evidence, Outcome outcome) {
        Optional<ExchangeJudge> judge = judge(claim, outcome);
        if (judge.isEmpty()) {
            return;
        }
        ExchangeCase exchange = new ExchangeCase(claim.protocol().orElseThrow(), claim.exchange().orElseThrow(), evidence);
        JudgeFinding finding = judge.get().judge(exchange);
        Optional<ExchangeParties> parties = judge.get().parties(exchange);
        if (parties.isEmpty()) {
            outcome.noFirstMessage(finding, claim);
            return;
        }
        ExchangeParties named = parties.get();
        if (!named.isParty(claim.claimant()) || !named.isParty(claim.respondent())
                || claim.claimant().equals(claim.respondent())) {
            outcome.decide(Verdict.DISMISSED, new Reason(ClaimReason.CLAIMANT_NOT_PARTY.code(), "claimant "
                    + claim.claimant() + " and respondent " + claim.respondent() + " are not the two parties the "
                    + "exchange's first message names", named.items()));
            return;
        }
        Boolean initiator = CLAIMANT_IS_INITIATOR.get(claim.type());
        if (initiator != null && initiator != named.initiator().equals(claim.claimant())) {
            outcome.decide(Verdict.DISMISSED, new Reason("wrong-claimant", "a " + claim.type().code() + " claim is the "
                    + (initiator ? "initiator's" : "responder's") + " (" + (initiator ? "merchant or sender"
                            : "buyer or recipient") + "), not the other party's", named.items()));
            return;
        }
        outcome.apply(TABLE.get(claim.type()), finding);
        if (outcome.verdict == Verdict.UPHELD && outcome.decisive.needsTtpView()) {
            requireTtpView(judge.get(), exchange, outcome);
        }
    }

    /** An upholding fact a withheld token could overturn needs the TTP's status and the token it names. */
    private static void requireTtpView(ExchangeJudge judge, ExchangeCase exchange, Outcome outcome) {
        Optional<TtpStatus> status = judge.ttpStatus(exchange);
        if (status.isEmpty()) {
            outcome.undecide(new MissingFact("ttp-status", "the TTP's signed status of exchange " + exchange.exchange()
                    + " (GET <ttp>/api/v1/exchanges/{id}): only it shows that no token of the TTP overturns "
                    + outcome.decisive.kind().code(), outcome.decisive.items()));
            return;
        }
        Optional<String> token = status.get().token();
        if (token.isPresent() && exchange.evidence().items().stream()
                .noneMatch(i -> i.statement().map(s -> s.id().equals(token.get())).orElse(false))) {
            outcome.undecide(new MissingFact("ttp-token", "the token " + token.get() + " the TTP's status names ("
                    + status.get().state() + ")", List.of(status.get().item())));
            return;
        }
        outcome.reasons.add(new Reason("ttp-status", "the TTP's signed status of the exchange (" + status.get().state()
                + ") and the token it names are in the case file", List.of(status.get().item())));
    }

    private Optional<ExchangeJudge> judge(Claim claim, Outcome outcome) {
        String protocol = claim.protocol().orElse("");
        ExchangeJudge judge = judges.get(protocol);
        if (judge == null) {
            outcome.missing.add(new MissingFact("judge-rules", "this engine has no judge rules for protocol '"
                    + protocol + "'", List.of()));
        }
        return Optional.ofNullable(judge);
    }

    // ---- TTP misbehaviour: contradictory tokens (protocol judge) or a log fork (LogFork) ----

    private void ttpMisbehaviour(Claim claim, CaseEvidence evidence, Outcome outcome) {
        if (claim.exchange().isEmpty()) {
            outcome.apply(TABLE.get(ClaimType.TTP_MISBEHAVIOUR), LogFork.judge(evidence, claim.respondent()));
            return;
        }
        Optional<ExchangeJudge> judge = judge(claim, outcome);
        if (judge.isEmpty()) {
            return;
        }
        ExchangeCase exchange = new ExchangeCase(claim.protocol().orElseThrow(), claim.exchange().get(), evidence);
        JudgeFinding finding = judge.get().judge(exchange);
        Optional<ExchangeParties> parties = judge.get().parties(exchange);
        if (parties.isEmpty()) {
            outcome.noFirstMessage(finding, claim);
            return;
        }
        if (!parties.get().isParty(claim.claimant())
                || !parties.get().ttpCertificate().map(claim.respondent()::equals).orElse(false)) {
            outcome.decide(Verdict.DISMISSED, new Reason(ClaimReason.CLAIMANT_NOT_PARTY.code(), "a TTP-misbehaviour "
                    + "claim about an exchange is brought by one of its parties against the TTP its first message "
                    + "names", parties.get().items()));
            return;
        }
        List<Fact> about = finding.facts().stream().filter(f -> f.kind() != FactKind.TTP_MISBEHAVED
                || f.party().map(claim.respondent()::equals).orElse(true)).toList();
        outcome.apply(TABLE.get(ClaimType.TTP_MISBEHAVIOUR), new JudgeFinding(about, finding.missing(), finding.notes()));
    }

    // ---- certificate liability (Miscertification) ----

    private void certificateLiability(Claim claim, CaseEvidence evidence, Outcome outcome) {
        Optional<X509Certificate> certificate = evidence.certificate(claim.certificate().orElseThrow());
        if (certificate.isEmpty()) {
            outcome.decide(Verdict.DISMISSED, new Reason("certificate-not-in-evidence", "the certificate "
                    + claim.certificate().get() + " the claim is about is not in the case file", List.of()));
            return;
        }
        Optional<X509Certificate> issuer = Miscertification.issuer(evidence, certificate.get());
        if (issuer.isEmpty()) {
            outcome.missing.add(new MissingFact("issuer-certificate", "the certificate of the CA that issued "
                    + CaseEvidence.subject(certificate.get()), List.of()));
            return;
        }
        if (!Hashes.fingerprint(issuer.get()).equals(claim.respondent())) {
            outcome.decide(Verdict.DISMISSED, new Reason(ClaimReason.CLAIMANT_NOT_PARTY.code(), "the respondent of a "
                    + "certificate-liability claim is the CA that issued the certificate, "
                    + Hashes.fingerprint(issuer.get()), List.of()));
            return;
        }
        outcome.apply(TABLE.get(ClaimType.CERTIFICATE_LIABILITY),
                Miscertification.judge(evidence, certificate.get(), issuer.get(), claim.respondent()));
    }

    // ---- liability and cover ----

    private static Liability liability(Claim claim, CaseEvidence evidence, Outcome outcome) {
        String role = switch (claim.type()) {
            case TTP_MISBEHAVIOUR -> "ttp";
            case CERTIFICATE_LIABILITY -> "ca";
            default -> "respondent";
        };
        BigDecimal amount = claim.amount();
        Fact decisive = outcome.decisive;
        if (decisive != null && decisive.amount().isPresent() && decisive.currency().orElse("").equals(claim.currency())
                && decisive.amount().get().compareTo(amount) < 0) {
            amount = decisive.amount().get();
            outcome.reasons.add(new Reason("amount-capped", "the award is capped at the amount the evidence states ("
                    + amount.toPlainString() + " " + claim.currency() + ")", decisive.items()));
        }
        Optional<X509Certificate> covered = claim.type() == ClaimType.CERTIFICATE_LIABILITY
                ? evidence.certificate(claim.certificate().orElseThrow()) : evidence.certificate(claim.respondent());
        Optional<Liability.Cover> cover = Optional.empty();
        BigDecimal coveredAmount = BigDecimal.ZERO;
        if (covered.isPresent()) {
            try {
                Optional<LiabilityCover> value = LiabilityCover.of(covered.get());
                if (value.isPresent()) {
                    cover = Optional.of(new Liability.Cover(Hashes.fingerprint(covered.get()),
                            covered.get().getSerialNumber().toString(16),
                            covered.get().getIssuerX500Principal().getName(), value.get()));
                    if (value.get().currency().equals(claim.currency())) {
                        coveredAmount = amount.min(value.get().value());
                    }
                }
            } catch (IllegalArgumentException e) {
                outcome.reasons.add(new Reason("cover-unreadable", "the QCStatements of the liable party's certificate "
                        + "are not readable: " + e.getMessage(), List.of()));
            }
        }
        if (claim.type() == ClaimType.CERTIFICATE_LIABILITY && cover.isPresent()
                && cover.get().value().currency().equals(claim.currency()) && amount.compareTo(coveredAmount) > 0) {
            outcome.reasons.add(new Reason("amount-capped", "a CA answers for a certificate up to the cover it states ("
                    + cover.get().value() + ")", List.of()));
            amount = coveredAmount;
        }
        return new Liability(role, claim.respondent(), evidence.certificate(claim.respondent()).map(CaseEvidence::subject),
                amount, claim.currency(), cover, coveredAmount);
    }

    /** The missing fact an INDETERMINATE item stands for. */
    static MissingFact missingFor(CaseItem item) {
        SubIndication sub = item.check().subIndication().orElse(null);
        String code = sub == null ? "valid-evidence" : switch (sub) {
            case TRY_LATER -> "revocation-data";
            case REVOKED_NO_POE, OUT_OF_BOUNDS_NO_POE, NO_POE -> "time-stamp";
            case NO_CERTIFICATE_CHAIN_FOUND -> "certificate-chain";
            case SIGNED_DATA_NOT_FOUND -> "signed-data";
            default -> "acceptable-signature";
        };
        return new MissingFact(code, "item " + item.id() + " is " + item.check().indication().map(Enum::name).orElse("")
                + (sub == null ? "" : "/" + sub.name()) + ": " + item.check().message(), List.of(item.id()));
    }

    /** The decision under construction. */
    private static final class Outcome {
        Verdict verdict;
        Fact decisive;
        final List<Reason> reasons = new ArrayList<>();
        final List<MissingFact> missing = new ArrayList<>();

        void decide(Verdict verdict, Reason reason) {
            this.verdict = verdict;
            reasons.add(reason);
        }

        void apply(List<Rule> rules, JudgeFinding finding) {
            for (Rule rule : rules) {
                Optional<Fact> fact = finding.fact(rule.fact());
                if (fact.isPresent()) {
                    verdict = rule.verdict();
                    decisive = fact.get();
                    reasons.add(Reason.of(fact.get()));
                    break;
                }
            }
            for (Fact fact : finding.facts()) {
                if (fact != decisive) {
                    reasons.add(Reason.of(fact));
                }
            }
            reasons.addAll(finding.notes());
            missing.addAll(finding.missing());
        }

        /** Takes back a verdict that lacks a fact; the reasons stay, the verdict becomes indeterminate. */
        void undecide(MissingFact fact) {
            verdict = null;
            decisive = null;
            missing.add(fact);
        }

        void noFirstMessage(JudgeFinding finding, Claim claim) {
            missing.addAll(finding.missing());
            reasons.addAll(finding.notes());
            if (missing.isEmpty()) {
                decide(Verdict.DISMISSED, new Reason("no-first-message", "the case file holds no valid first message of "
                        + "exchange " + claim.exchange().orElse("?"), List.of()));
            }
        }
    }
}
