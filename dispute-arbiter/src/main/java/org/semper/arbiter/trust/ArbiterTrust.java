package org.semper.arbiter.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.semper.arbiter.ArbiterConfig;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.evidence.verdict.Trust;

/**
 * What the arbiter trusts: the parties' CAs, the TSAs' anchors and pinned log keys ({@code semper.arbiter.trust.*}),
 * as the verdict engine's {@link Trust}. Verdicts are computed with {@link ValidationPolicy#defaults()} and nothing
 * fetched, so that a court recomputes them from the case bundle alone.
 */
@ApplicationScoped
public class ArbiterTrust {
    private final Trust trust;

    @Inject
    public ArbiterTrust(ArbiterConfig config) {
        TrustAnchors anchors = read(config.trust().anchors());
        TrustAnchors tsa = config.trust().tsaAnchors().map(ArbiterTrust::read).orElse(anchors);
        List<NoteVerifier> logKeys = new ArrayList<>();
        config.trust().logKeys().orElse(List.of()).forEach(k -> logKeys.add(NoteVerifier.fromVerifierKey(k)));
        this.trust = new Trust(anchors, tsa, logKeys);
    }

    public Trust trust() {
        return trust;
    }

    /** The policy of every verdict. */
    public ValidationPolicy policy() {
        return ValidationPolicy.defaults();
    }

    /** A validator for checks at the door (claims, manifests, access requests): the anchors, now, nothing fetched. */
    public StatementValidator validator() {
        return new StatementValidator(trust.signers(), trust.timeStamping(), ValidationPolicy.defaults());
    }

    private static TrustAnchors read(List<Path> files) {
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        for (Path file : files) {
            try {
                certificates.addAll(TrustAnchors.fromPem(file).certificates());
            } catch (IOException | CertificateException e) {
                throw new IllegalStateException("Cannot read trust anchors from " + file + ": " + e.getMessage(), e);
            }
        }
        return TrustAnchors.of(certificates);
    }
}
