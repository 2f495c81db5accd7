package org.semper.arbiter.filing;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.dispute.DisputeRecord;
import org.semper.arbiter.dispute.Disputes;
import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.arbiter.trust.ArbiterTrust;
import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.verdict.Claim;
import org.semper.evidence.verdict.ClaimReason;
import org.semper.evidence.verdict.ClaimRejection;
import org.semper.evidence.verdict.ClaimType;
import org.semper.runtime.problem.ProblemException;

/**
 * Filing a dispute: the claim must be a claim statement whose signature validates under the arbiter's anchors; the
 * bundle must match its manifest, be signed by the claimant and, if the claim names it, be that bundle; for a claim
 * about an exchange, the bundle must hold its first message and claimant and respondent must be its parties (the
 * respondent of a TTP-misbehaviour claim: the TTP it names); the bundle must hold the respondent's certificate,
 * which the notice is sealed to. Then the dispute is recorded with its {@code filed} event and a pending notice.
 */
@ApplicationScoped
public class DisputeFiling {
    private final BundleIntake intake;
    private final ArbiterTrust trust;
    private final Disputes disputes;
    private final ArbiterConfig config;

    @Inject
    public DisputeFiling(BundleIntake intake, ArbiterTrust trust, Disputes disputes, ArbiterConfig config) {
        this.intake = intake;
        this.trust = trust;
        this.disputes = disputes;
        this.config = config;
    }

    public DisputeRecord file(String claimJson, byte[] bundleDocument, Map<String, byte[]> detached) {
        SignedStatement statement;
        try {
            statement = SignedStatement.parse(claimJson);
        } catch (MalformedStatementException e) {
            throw new ProblemException(ArbiterProblem.UNSIGNED_CLAIM, "The claim is not a signed statement: "
                    + e.getMessage());
        }
        Claim claim = claim(statement);
        requireValidSignature(statement);
        EvidenceBundle bundle = intake.read(bundleDocument, detached, claim.claimant());
        if (claim.bundle().isPresent() && !claim.bundle().get().equals(bundle.id())) {
            throw new ProblemException(ArbiterProblem.BUNDLE_MISMATCH, "The claim names bundle " + claim.bundle().get()
                    + ", the bundle submitted is " + bundle.id());
        }
        if (claim.exchange().isPresent()) {
            requireParties(claim, bundle);
        }
        X509Certificate respondent = BundleIntake.certificate(bundle, claim.respondent()).orElseThrow(
                () -> new ProblemException(ArbiterProblem.RESPONDENT_UNKNOWN, "The bundle holds no certificate with "
                        + "fingerprint " + claim.respondent() + " (a certificate item, or a statement the respondent signed)"));
        boolean notice = config.notice().relayUrl().isPresent();
        UUID id = UUID.randomUUID();
        disputes.file(new Disputes.Filing(id, claim.id(), claim.type().code(),
                statement.toJson().getBytes(StandardCharsets.UTF_8), claim.claimant(),
                claim.claimantCertificate().getSubjectX500Principal().getName(), claim.respondent(),
                Optional.of(respondent.getSubjectX500Principal().getName()), der(respondent), claim.amount(),
                claim.currency(), claim.protocol(), claim.exchange(), bundle.id(), bundle.toJson(java.util.Set.of()),
                notice ? Optional.empty() : Optional.of(Instant.now().plus(config.disputes().responseWindow())), notice));
        return disputes.find(id).orElseThrow();
    }

    private static Claim claim(SignedStatement statement) {
        try {
            return Claim.of(statement);
        } catch (ClaimRejection e) {
            throw new ProblemException(ArbiterProblem.of(e.reason()), e.getMessage());
        }
    }

    /** A claim must be a valid signature of a certificate under the anchors; revocation is judged with the evidence. */
    private void requireValidSignature(SignedStatement statement) {
        StatementValidation validation = trust.validator().validate(statement, RevocationData.empty());
        if (validation.indication() == Indication.TOTAL_FAILED) {
            throw new ProblemException(ArbiterProblem.CLAIM_SIGNATURE_INVALID, validation.subIndication() + ": "
                    + validation.message());
        }
        if (validation.subIndication() == SubIndication.NO_CERTIFICATE_CHAIN_FOUND
                || validation.subIndication() == SubIndication.CHAIN_CONSTRAINTS_FAILURE
                || validation.subIndication() == SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE
                || validation.subIndication() == SubIndication.CRYPTO_CONSTRAINTS_FAILURE) {
            throw new ProblemException(ArbiterProblem.CLAIM_UNTRUSTED, validation.subIndication() + ": "
                    + validation.message());
        }
    }

    /** The first message of the exchange (exchange library: {@link FirstMessage}) names claimant and respondent. */
    private static void requireParties(Claim claim, EvidenceBundle bundle) {
        FirstMessage first = null;
        for (BundleItem item : bundle.items()) {
            if (!"application/jose+json".equals(item.mediaType())) {
                continue;
            }
            try {
                SignedStatement statement = SignedStatement.parse(new String(item.content(), StandardCharsets.UTF_8));
                if (statement.id().equals(claim.exchange().get())) {
                    first = FirstMessage.read(statement);
                    break;
                }
            } catch (MalformedStatementException | ExchangeRejection e) {
                // not the first message
            }
        }
        if (first == null) {
            throw new ProblemException(ArbiterProblem.EXCHANGE_NOT_IN_BUNDLE, "No valid first message with id "
                    + claim.exchange().get() + " in the bundle");
        }
        if (claim.protocol().isPresent() && !claim.protocol().get().equals(first.protocol().id())) {
            throw new ProblemException(ArbiterProblem.MALFORMED_CLAIM, "The exchange is a " + first.protocol().id()
                    + " exchange, the claim says " + claim.protocol().get());
        }
        boolean claimantIsParty = claim.claimant().equals(first.initiator()) || claim.claimant().equals(first.responder());
        boolean respondentIsParty = claim.type() == ClaimType.TTP_MISBEHAVIOUR
                ? claim.respondent().equals(first.ttp().certSha256())
                : !claim.respondent().equals(claim.claimant())
                        && (claim.respondent().equals(first.initiator()) || claim.respondent().equals(first.responder()));
        if (!claimantIsParty || !respondentIsParty) {
            throw new ProblemException(ArbiterProblem.CLAIMANT_NOT_PARTY, ClaimReason.CLAIMANT_NOT_PARTY.title()
                    + ": the first message names " + first.initiator() + " and " + first.responder() + " (TTP "
                    + first.ttp().certSha256() + ")");
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
