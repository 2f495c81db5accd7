package org.semper.arbiter.filing;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.arbiter.problem.ArbiterProblem;
import org.semper.arbiter.trust.ArbiterTrust;
import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.BundleRejection;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.EvidenceBundleReader;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.validation.Indication;
import org.semper.runtime.problem.ProblemException;

/**
 * Reads a party's evidence bundle at the door: the format and its items against the signed manifest (size and item
 * limits first), then that the manifest is signed by the party submitting it. Whether the evidence proves anything
 * is the verdict engine's question, later.
 */
@ApplicationScoped
public class BundleIntake {
    private final EvidenceBundleReader reader;
    private final ArbiterTrust trust;

    @Inject
    public BundleIntake(ArbiterConfig config, ArbiterTrust trust) {
        this.reader = new EvidenceBundleReader(config.disputes().maxBundleBytes(), config.disputes().maxBundleItems());
        this.trust = trust;
    }

    /**
     * The bundle, checked against its manifest and signed by {@code submitter} (h(DER) of its certificate).
     *
     * @throws ProblemException with the {@code BundleReason} code, {@code bundle-not-submitters} or
     *                          {@code manifest-signature-invalid}
     */
    public EvidenceBundle read(byte[] document, Map<String, byte[]> detached, String submitter) {
        EvidenceBundle bundle;
        try {
            bundle = reader.read(document, detached);
        } catch (BundleRejection e) {
            throw new ProblemException(ArbiterProblem.of(e.reason()), e.getMessage());
        }
        String signer = Hashes.fingerprint(bundle.manifest().signerCertificate());
        if (!signer.equals(submitter)) {
            throw new ProblemException(ArbiterProblem.BUNDLE_NOT_SUBMITTERS, "The manifest is signed by "
                    + bundle.manifest().signerCertificate().getSubjectX500Principal().getName() + " (" + signer
                    + "), not by the submitting party " + submitter);
        }
        StatementValidation validation = trust.validator().validate(bundle.manifest(),
                org.semper.evidence.validation.RevocationData.empty());
        if (validation.indication() == Indication.TOTAL_FAILED) {
            throw new ProblemException(ArbiterProblem.MANIFEST_SIGNATURE_INVALID, validation.subIndication() + ": "
                    + validation.message());
        }
        return bundle;
    }

    /** The certificate with fingerprint {@code fingerprint} among the bundle's certificate items and signers' chains. */
    public static Optional<X509Certificate> certificate(EvidenceBundle bundle, String fingerprint) {
        for (BundleItem item : bundle.items()) {
            try {
                if ("application/pkix-cert".equals(item.mediaType())) {
                    X509Certificate certificate = (X509Certificate) java.security.cert.CertificateFactory
                            .getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(item.content()));
                    if (Hashes.fingerprint(certificate).equals(fingerprint)) {
                        return Optional.of(certificate);
                    }
                } else if ("application/jose+json".equals(item.mediaType())) {
                    for (X509Certificate certificate : org.semper.evidence.statement.SignedStatement
                            .parse(new String(item.content(), java.nio.charset.StandardCharsets.UTF_8)).certificateChain()) {
                        if (Hashes.fingerprint(certificate).equals(fingerprint)) {
                            return Optional.of(certificate);
                        }
                    }
                }
            } catch (java.security.cert.CertificateException | org.semper.evidence.statement.MalformedStatementException
                    | RuntimeException e) {
                // not a certificate or statement: the verdict engine reports it
            }
        }
        return Optional.empty();
    }
}
