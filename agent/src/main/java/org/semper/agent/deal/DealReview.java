package org.semper.agent.deal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.cert.ocsp.OCSPResp;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.judge.CertifiedMailEvidence;
import org.semper.evidence.exchange.judge.CertifiedMailJudge;
import org.semper.evidence.exchange.judge.ContractEvidence;
import org.semper.evidence.exchange.judge.ContractJudge;
import org.semper.evidence.exchange.judge.JudgeReason;
import org.semper.evidence.exchange.judge.Judgment;
import org.semper.evidence.exchange.judge.PurchaseEvidence;
import org.semper.evidence.exchange.judge.PurchaseJudge;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.CertificationPath;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationFetcher;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * What {@code semper deal show} prints: the timeline, each archived item and whether it verifies, and what a judge
 * would find. Statements are validated by the evidence library with the trust anchors and the revocation data in
 * the archive (fetching what is missing); ciphertext, escrow, key and content are compared with what the first
 * message commits to; and the protocol's judge ({@code docs/protocols.md} §8) is run on the whole archive.
 */
public final class DealReview {
    /** One item's check: whether it verifies, and in words what was found. */
    public record ItemCheck(DealFile.Item item, Optional<Boolean> verifies, String result) {
    }

    /** The deal, its timeline, each item's check, and the judge's outcomes with reasons. */
    public record Review(Deal deal, List<DealEvent> timeline, Map<String, ItemCheck> checks, List<String> outcomes,
            List<JudgeReason> reasons) {
    }

    private DealReview() {
    }

    public static Review review(DealFile file, TrustAnchors anchors, RevocationFetcher fetcher)
            throws DealArchiveException {
        Deal deal = file.deal();
        List<DealFile.Item> items = file.items();
        RevocationData archived = archivedRevocation(file, items);
        ValidationPolicy policy = ValidationPolicy.builder().revocationFetcher(fetcher).build();
        StatementValidator validator = new StatementValidator(anchors, policy);
        StatementTrust trust = StatementTrust.of(validator, archived);
        Optional<FirstMessage> first = firstMessage(file, deal);
        List<X509Certificate> certificates = archivedCertificates(file, items);
        Map<String, ItemCheck> checks = new LinkedHashMap<>();
        for (DealFile.Item item : items) {
            checks.put(item.file(), check(file, item, validator, archived, anchors, certificates, first));
        }
        List<String> outcomes = new ArrayList<>();
        List<JudgeReason> reasons = new ArrayList<>();
        if (first.isPresent()) {
            Judgment<?> judgment = judge(file, deal, trust);
            judgment.outcomes().forEach(o -> outcomes.add(o.name()));
            reasons.addAll(judgment.reasons());
        }
        return new Review(deal, file.timeline(), checks, outcomes, reasons);
    }

    private static ItemCheck check(DealFile file, DealFile.Item item, StatementValidator validator,
            RevocationData archived, TrustAnchors anchors, List<X509Certificate> certificates,
            Optional<FirstMessage> first) throws DealArchiveException {
        byte[] content = file.read(item.file());
        try {
            if (item.mediaType().equals("application/jose+json")) {
                SignedStatement statement = SignedStatement.parse(new String(content, StandardCharsets.UTF_8));
                StatementValidation validation = validator.validate(statement, archived);
                String signer = statement.signerCertificate().getSubjectX500Principal().getName();
                return new ItemCheck(item, Optional.of(validation.passed()), validation.indication()
                        + (validation.passed() ? "" : " / " + validation.subIndication()) + ": " + statement.type()
                        + " signed by " + signer + " at " + statement.claimedSigningTime() + ", id "
                        + statement.id() + (validation.passed() ? "" : " (" + validation.message() + ")"));
            }
            return switch (item.role()) {
                case CIPHERTEXT -> committed(item, content, first.flatMap(FirstMessage::hashCipher), "hashCipher");
                case ESCROW -> committed(item, content, first.flatMap(FirstMessage::escrow), "escrow");
                case KEY -> committed(item, content, first.flatMap(FirstMessage::keyCommit), "keyCommit");
                case PLAINTEXT -> plaintext(item, content, first);
                case CERTIFICATE -> certificate(item, content, anchors, certificates);
                case CRL -> {
                    X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                            .generateCRL(new ByteArrayInputStream(content));
                    yield new ItemCheck(item, Optional.empty(), "CRL of " + crl.getIssuerX500Principal().getName()
                            + ", this update " + crl.getThisUpdate().toInstant() + " (checked with the statements)");
                }
                case OCSP -> {
                    OCSPResp response = new OCSPResp(content);
                    yield new ItemCheck(item, Optional.empty(), "OCSP response, status " + response.getStatus()
                            + " (checked with the statements)");
                }
                default -> new ItemCheck(item, Optional.empty(), content.length + " bytes, SHA-256 " + Hashes.h(content));
            };
        } catch (MalformedStatementException e) {
            return new ItemCheck(item, Optional.of(false), "not a signed statement: " + e.getMessage());
        } catch (Exception e) {
            return new ItemCheck(item, Optional.of(false), "cannot be read: " + e.getMessage());
        }
    }

    private static ItemCheck committed(DealFile.Item item, byte[] content, Optional<String> commitment, String member) {
        if (commitment.isEmpty()) {
            return new ItemCheck(item, Optional.empty(), content.length + " bytes (no first message to compare with)");
        }
        boolean matches = Hashes.h(content).equals(commitment.get());
        return new ItemCheck(item, Optional.of(matches), content.length + " bytes; SHA-256 " + (matches ? "matches "
                : "does NOT match ") + member + " of the first message");
    }

    private static ItemCheck plaintext(DealFile.Item item, byte[] content, Optional<FirstMessage> first) {
        Optional<String> hashPlain = first.map(f -> f.payload().path("goods").path("hashPlain").asText(""))
                .filter(h -> !h.isEmpty());
        if (hashPlain.isEmpty()) {
            return new ItemCheck(item, Optional.empty(), content.length + " bytes, SHA-256 " + Hashes.h(content));
        }
        return committed(item, content, hashPlain, "goods.hashPlain");
    }

    /** A certificate, with the other archived certificates as the intermediates a path may need. */
    private static ItemCheck certificate(DealFile.Item item, byte[] content, TrustAnchors anchors,
            List<X509Certificate> certificates) throws Exception {
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(content));
        Optional<CertificationPath> path = CertificationPath.find(certificate, certificates, anchors);
        String subject = certificate.getSubjectX500Principal().getName();
        if (path.isEmpty()) {
            boolean issuer = certificate.getBasicConstraints() >= 0;
            return new ItemCheck(item, issuer ? Optional.empty() : Optional.of(false), subject + (issuer
                    ? " (a CA certificate)" : ": no path to a trust anchor through the archived certificates"));
        }
        try {
            path.get().validateAt(Instant.now());
            return new ItemCheck(item, Optional.of(true), subject + ": chains to " + path.get().anchor()
                    .getSubjectX500Principal().getName() + ", valid now");
        } catch (CertPathValidatorException e) {
            return new ItemCheck(item, Optional.of(false), subject + ": " + e.getMessage());
        }
    }

    private static Optional<FirstMessage> firstMessage(DealFile file, Deal deal) throws DealArchiveException {
        ItemRole role = switch (deal.kind()) {
            case PURCHASE -> ItemRole.PX1;
            case CONTRACT -> ItemRole.ME1;
            case MAIL -> ItemRole.EOO;
        };
        Optional<SignedStatement> statement = file.statement(role);
        if (statement.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FirstMessage.read(statement.get()));
        } catch (ExchangeRejection e) {
            return Optional.empty();
        }
    }

    /** The protocol's judge on what the archive holds. */
    private static Judgment<?> judge(DealFile file, Deal deal, StatementTrust trust) throws DealArchiveException {
        List<SignedStatement> tokens = new ArrayList<>();
        for (ItemRole role : List.of(ItemRole.ABORT_TOKEN, ItemRole.RESOLVE_TOKEN, ItemRole.AFFIDAVIT,
                ItemRole.KEY_RELEASED)) {
            tokens.addAll(file.statements(role));
        }
        return switch (deal.kind()) {
            case PURCHASE -> new PurchaseJudge(trust).judge(new PurchaseEvidence(file.statement(ItemRole.PX1).get(),
                    file.latest(ItemRole.CIPHERTEXT), file.statement(ItemRole.PX2), file.statement(ItemRole.PX3),
                    tokens, file.statement(ItemRole.OFFER).map(o -> o.payload().path("goods").path("sha256").asText())));
            case CONTRACT -> new ContractJudge(trust).judge(new ContractEvidence(file.statement(ItemRole.ME1).get(),
                    file.statement(ItemRole.ME2), file.statement(ItemRole.ME3), file.statement(ItemRole.ME4), tokens));
            case MAIL -> new CertifiedMailJudge(trust).judge(new CertifiedMailEvidence(file.statement(ItemRole.EOO).get(),
                    file.latest(ItemRole.CIPHERTEXT), file.statement(ItemRole.EOR), file.statement(ItemRole.EOK),
                    tokens));
        };
    }

    private static List<X509Certificate> archivedCertificates(DealFile file, List<DealFile.Item> items)
            throws DealArchiveException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (DealFile.Item item : items) {
            if (item.role() == ItemRole.CERTIFICATE) {
                try {
                    certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                            .generateCertificate(new ByteArrayInputStream(file.read(item.file()))));
                } catch (java.security.cert.CertificateException e) {
                    // unreadable: its own check says so
                }
            }
        }
        return certificates;
    }

    private static RevocationData archivedRevocation(DealFile file, List<DealFile.Item> items)
            throws DealArchiveException {
        RevocationData.Builder builder = RevocationData.builder();
        for (DealFile.Item item : items) {
            try {
                if (item.role() == ItemRole.CRL) {
                    builder.crl((X509CRL) CertificateFactory.getInstance("X.509")
                            .generateCRL(new ByteArrayInputStream(file.read(item.file()))));
                } else if (item.role() == ItemRole.OCSP) {
                    builder.ocsp(new OCSPResp(file.read(item.file())));
                }
            } catch (Exception e) {
                // unreadable revocation data is simply not used; its check says so
            }
        }
        return builder.build();
    }
}
