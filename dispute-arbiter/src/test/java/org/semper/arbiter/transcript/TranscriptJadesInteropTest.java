package org.semper.arbiter.transcript;

import static io.restassured.RestAssured.given;
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
import org.junit.jupiter.api.Test;
import org.semper.arbiter.testing.ArbiterTestEnvironment;
import org.semper.arbiter.testing.Court;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A court transcript as the EU's reference validator (DSS 6.4, default policy) sees it: a JAdES baseline-T signature
 * of the arbiter, TOTAL_PASSED, given the trust anchor and its CRL offline (as evidence's DssJadesInteropTest).
 */
@QuarkusTest
class TranscriptJadesInteropTest {

    @Test
    void aTranscriptIsAValidJadesBaselineTSignature() throws Exception {
        String id = Court.decidedContractDispute("7");
        String transcript = org.semper.arbiter.api.DisputeLifecycleTestAccess.timeStamped(id).toJson();

        Path anchorDir = ArbiterTestEnvironment.dataDir().resolve("local-ca");
        String password = Files.readString(anchorDir.resolve("root.p12.pass"), StandardCharsets.US_ASCII).trim();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(anchorDir.resolve("root.p12"))) {
            store.load(in, password.toCharArray());
        }
        X509Certificate root = (X509Certificate) store.getCertificate("root");
        PrivateKey key = (PrivateKey) store.getKey("root", password.toCharArray());
        Instant now = Instant.now();
        X509v2CRLBuilder crl = new X509v2CRLBuilder(X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                Date.from(now));
        crl.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
        X509CRL signed = new JcaX509CRLConverter().getCRL(crl.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(key)));

        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(root));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(new ExternalResourcesCRLSource(new InMemoryDocument(signed.getEncoded())));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(
                new InMemoryDocument(transcript.getBytes(StandardCharsets.UTF_8), "transcript.json"));
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(Date.from(now.plusSeconds(60)));
        Reports reports = validator.validateDocument();
        SimpleReport simple = reports.getSimpleReport();
        String signature = simple.getFirstSignatureId();
        assertThat(simple.getIndication(signature)).as(reports.getXmlSimpleReport()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(signature)).as(reports.getXmlSimpleReport())
                .isEqualTo(SignatureLevel.JAdES_BASELINE_T);
    }
}
