package org.semper.mail.party;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.mail.MailConfig;
import org.semper.mail.problem.MailProblem;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.problem.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a statement signed by a sender or recipient: well-formed, signature valid, certificate chaining to a
 * configured anchor, valid and not revoked at the signing time, and carrying the expected protocol and label.
 * The one place where party signatures are judged.
 */
@ApplicationScoped
public class PartyStatements {

    /** The protocol tag of certified mail ({@code protocols.md} §3). */
    public static final String PROTOCOL = "semper-cm/1";

    private final StatementValidator validator;

    @Inject
    public PartyStatements(MailConfig config) {
        this.validator = new StatementValidator(anchors(config), ValidationPolicy.defaults());
    }

    static TrustAnchors anchors(MailConfig config) {
        List<Path> files = new ArrayList<>(config.trust().anchors().orElse(List.of()));
        ConfigProvider.getConfig().getOptionalValue("semper.local.trust-anchor", Path.class).ifPresent(files::add);
        if (files.isEmpty()) {
            throw new KeySourceException("No trusted CA: set semper.mail.trust.anchors (SEMPER_MAIL_TRUST_ANCHORS)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Path file : files) {
            try {
                certificates.addAll(TrustAnchors.fromPem(file).certificates());
            } catch (IOException | CertificateException e) {
                throw new KeySourceException("Cannot read trust anchors from " + file + ": " + e.getMessage(), e);
            }
        }
        return TrustAnchors.of(certificates);
    }

    /**
     * Verifies {@code json} as a {@code semper-cm/1} statement labelled {@code msg}.
     *
     * @throws ProblemException with the reason code of the first check that fails
     */
    public VerifiedStatement verify(String json, String msg) {
        SignedStatement statement;
        try {
            statement = SignedStatement.parse(json);
        } catch (MalformedStatementException e) {
            throw new ProblemException(MailProblem.MALFORMED, "Not a signed statement: " + e.getMessage());
        }
        return verify(statement, msg);
    }

    public VerifiedStatement verify(SignedStatement statement, String msg) {
        StatementValidation validation = validator.validate(statement, RevocationData.empty());
        if (!validation.passed() && !acceptable(validation)) {
            throw new ProblemException(problemFor(validation.subIndication()), validation.message());
        }
        JsonNode protocol = statement.payload().get("protocol");
        if (protocol == null || !PROTOCOL.equals(protocol.asText())) {
            throw new ProblemException(MailProblem.WRONG_PROTOCOL, "The statement is not a " + PROTOCOL + " message");
        }
        JsonNode label = statement.payload().get("msg");
        if (label == null || !msg.equals(label.asText())) {
            throw new ProblemException(MailProblem.WRONG_LABEL, "Expected a \"" + msg + "\" statement, got "
                    + (label == null ? "none" : "\"" + label.asText() + "\""));
        }
        return new VerifiedStatement(statement, statement.signerCertificate(),
                Fingerprints.of(statement.signerCertificate()));
    }

    // Interim, until party trust with cached CRL/OCSP (ttp-runtime exchange) is wired in: a certificate whose CA
    // publishes no revocation information cannot be checked, and is accepted.
    private static boolean acceptable(StatementValidation validation) {
        return validation.subIndication() == SubIndication.TRY_LATER && validation.findings().size() == 1;
    }

    static MailProblem problemFor(SubIndication sub) {
        return switch (sub) {
            case FORMAT_FAILURE -> MailProblem.MALFORMED;
            case SIG_CRYPTO_FAILURE, CRYPTO_CONSTRAINTS_FAILURE, HASH_FAILURE, SIG_CONSTRAINTS_FAILURE -> MailProblem.BAD_SIGNATURE;
            case REVOKED, REVOKED_NO_POE -> MailProblem.CERTIFICATE_REVOKED;
            case EXPIRED, NOT_YET_VALID, OUT_OF_BOUNDS_NO_POE -> MailProblem.CERTIFICATE_EXPIRED;
            case TRY_LATER, NO_POE -> MailProblem.REVOCATION_UNKNOWN;
            default -> MailProblem.CERTIFICATE_UNTRUSTED;
        };
    }
}
