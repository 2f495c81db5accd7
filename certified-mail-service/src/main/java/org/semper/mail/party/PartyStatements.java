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
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.SignatureChecks;
import org.semper.evidence.statement.MalformedStatementException;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.mail.MailConfig;
import org.semper.mail.problem.MailProblems;
import org.semper.runtime.keys.KeySourceException;
import org.semper.runtime.problem.ProblemException;

/**
 * Judges the signatures of senders and recipients: the statement parses, its signature is valid, its certificate
 * chains to a configured anchor and was valid and not revoked when it signed. The one place where the service
 * validates party signatures; the reasons are those of {@link SignatureChecks}.
 */
@ApplicationScoped
public class PartyStatements {

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

    /** Parses a statement as received; {@code malformed} if it is none. */
    public static SignedStatement parse(String json, String what) {
        try {
            return SignedStatement.parse(json);
        } catch (MalformedStatementException e) {
            throw MailProblems.of(new ExchangeRejection(org.semper.evidence.exchange.ExchangeReason.MALFORMED,
                    what + " is not a signed statement: " + e.getMessage()));
        }
    }

    /**
     * Validates the signature and certificate of {@code statement} (the {@code what}, for messages).
     *
     * @throws ProblemException {@code bad-signature}, {@code certificate-untrusted}, {@code certificate-revoked},
     *                          {@code certificate-expired} or {@code revocation-unknown}
     */
    public void requireValid(SignedStatement statement, String what) {
        StatementValidation result = validator.validate(statement, RevocationData.empty());
        if (!result.passed() && !acceptable(result)) {
            throw MailProblems.of(new ExchangeRejection(SignatureChecks.reasonOf(result.subIndication()), what + " ("
                    + statement.id() + "): " + result.indication() + "/" + result.subIndication() + ": " + result.message()));
        }
    }

    // Interim, until party trust with cached CRL/OCSP (ttp-runtime exchange) is wired in: a certificate whose CA
    // publishes no revocation information cannot be checked, and is accepted.
    private static boolean acceptable(StatementValidation validation) {
        return validation.subIndication() == SubIndication.TRY_LATER && validation.findings().size() == 1;
    }
}
