package org.semper.mail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * Checks the service's statements as a court would, with the evidence library: signature, chain to the (local)
 * trust anchor the TTP's key is certified by, validity and revocation (a current CRL of that anchor, signed here).
 */
public final class TtpEvidence {

    private TtpEvidence() {
    }

    /** Validates a statement issued by the TTP and returns it; fails the test unless it passes. */
    public static SignedStatement verify(String json) {
        StatementValidation result = validator().validate(json, revocationData());
        assertThat(result.passed()).as("TTP statement validates: %s", result).isTrue();
        try {
            return SignedStatement.parse(json);
        } catch (org.semper.evidence.statement.MalformedStatementException e) {
            throw new AssertionError(e);
        }
    }

    public static StatementValidation validate(String json) {
        return validator().validate(json, revocationData());
    }

    private static StatementValidator validator() {
        try {
            return new StatementValidator(TrustAnchors.fromPem(anchorDir().resolve("root.pem")), ValidationPolicy.defaults());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path anchorDir() {
        return MailTestEnvironment.dataDir().resolve("local-ca");
    }

    /** A fresh, empty CRL of the local trust anchor: nothing it certified is revoked. */
    private static RevocationData revocationData() {
        try {
            String password = Files.readString(anchorDir().resolve("root.p12.pass"), StandardCharsets.US_ASCII).trim();
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(anchorDir().resolve("root.p12"))) {
                store.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("root", password.toCharArray());
            X509Certificate root = (X509Certificate) store.getCertificate("root");
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
            X509CRL crl = new JcaX509CRLConverter().getCRL(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
            return RevocationData.builder().crl(crl).build();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make the local anchor's CRL", e);
        }
    }
}
