package org.semper.evidence.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.semper.evidence.testing.StatementPki.b64u;
import static org.semper.evidence.testing.StatementPki.unb64u;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.ClaimedTimeHeader;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

/**
 * Semper's statements checked by the EU's reference validator, DSS 6.4 (dss-jades), with its default validation
 * policy. The signer is issued directly by the trust anchor; the anchor's CRL, produced after the signature, is
 * given to DSS as an offline CRL source (DSS's default policy requires revocation data for the signing and the
 * TSA certificate). No network access: DSS gets no AIA, OCSP or online CRL source.
 */
class DssJadesInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestPki.Ca CA = TestPki.rootCa("DSS Interop Root");
    private static final TestPki.Tsa TSA = CA.tsa("DSS Interop TSA");
    private static final StatementPki.Signer SIGNER = StatementPki.signer(CA, "DSS Interop Signer");

    /** Before 2025-07-15, when DSS 6.4 still takes sigT as the JAdES claimed signing time. */
    private static final Instant EARLY_SIGNING = StatementPki.SIGNING_TIME;
    private static final Instant EARLY_VALIDATION = StatementPki.NOW;
    /** After 2025-07-15: TS 119 182-1 (and DSS 6.4) want iat instead of sigT for new signatures. */
    private static final Instant LATE_SIGNING = Instant.parse("2025-09-01T10:00:00Z");
    private static final Instant LATE_VALIDATION = Instant.parse("2025-10-01T00:00:00Z");

    private static Reports validate(String json, Instant validationTime, X509CRL crl) throws Exception {
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        trusted.addCertificate(new CertificateToken(CA.certificate()));
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(trusted);
        verifier.setCrlSource(crl == null ? null
                : new ExternalResourcesCRLSource(new InMemoryDocument(crl.getEncoded())));
        verifier.setOcspSource(null);
        verifier.setAIASource(null);
        SignedDocumentValidator validator = SignedDocumentValidator.fromDocument(
                new InMemoryDocument(json.getBytes(StandardCharsets.UTF_8), "statement.json"));
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(Date.from(validationTime));
        return validator.validateDocument();
    }

    private static String describe(Reports reports) {
        return reports.getXmlSimpleReport();
    }

    @Test
    void baselineBStatementIsTotalPassed() throws Exception {
        SignedStatement statement = SIGNER.sign(EARLY_SIGNING);
        Reports reports = validate(statement.toJson(), EARLY_VALIDATION, StatementPki.emptyCrl(CA));
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getIndication(id)).as(describe(reports)).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).as(describe(reports)).isEqualTo(SignatureLevel.JAdES_BASELINE_B);
        assertThat(simple.getSignatureIdList()).hasSize(1);
    }

    @Test
    void baselineTStatementIsTotalPassedWithItsTimeStamp() throws Exception {
        SignedStatement signed = SIGNER.sign(EARLY_SIGNING);
        SignedStatement statement = signed.withSignatureTimeStamp(
                StatementPki.signatureTimeStamp(TSA, signed, StatementPki.TST_TIME));
        Reports reports = validate(statement.toJson(), EARLY_VALIDATION, StatementPki.emptyCrl(CA));
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getIndication(id)).as(describe(reports)).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).as(describe(reports)).isEqualTo(SignatureLevel.JAdES_BASELINE_T);
        assertThat(reports.getDiagnosticData().getTimestampList()).singleElement().satisfies(tst -> {
            assertThat(tst.isMessageImprintDataFound()).isTrue();
            assertThat(tst.isMessageImprintDataIntact()).isTrue();
            assertThat(tst.getProductionTime()).isEqualTo(Date.from(StatementPki.TST_TIME));
        });
        assertThat(simple.getBestSignatureTime(id)).isEqualTo(Date.from(StatementPki.TST_TIME));
    }

    @Test
    void tamperedPayloadIsTotalFailed() throws Exception {
        String[] parts = SIGNER.sign(EARLY_SIGNING).compact().split("\\.");
        String payload = new String(unb64u(parts[1]), StandardCharsets.UTF_8).replace("\"n\":7", "\"n\":8");
        String forged = flattened(parts[0], b64u(payload.getBytes(StandardCharsets.UTF_8)), parts[2]);
        Reports reports = validate(forged, EARLY_VALIDATION, StatementPki.emptyCrl(CA));
        SimpleReport simple = reports.getSimpleReport();

        assertThat(simple.getIndication(simple.getFirstSignatureId())).as(describe(reports))
                .isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void tamperedSignatureIsTotalFailed() throws Exception {
        String[] parts = SIGNER.sign(EARLY_SIGNING).compact().split("\\.");
        byte[] signature = unb64u(parts[2]);
        signature[10] ^= 0x01;
        Reports reports = validate(flattened(parts[0], parts[1], b64u(signature)), EARLY_VALIDATION,
                StatementPki.emptyCrl(CA));
        SimpleReport simple = reports.getSimpleReport();

        assertThat(simple.getIndication(simple.getFirstSignatureId())).as(describe(reports))
                .isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void sigTAfter20250715IsNoLongerBaselineBForDss() throws Exception {
        SignedStatement statement = SIGNER.sign(LATE_SIGNING);
        X509CRL crl = StatementPki.crl(CA, LATE_SIGNING.plusSeconds(86_400), Map.of());
        Reports reports = validate(statement.toJson(), LATE_VALIDATION, crl);
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getIndication(id)).as(describe(reports)).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).as(describe(reports)).isEqualTo(SignatureLevel.JSON_NOT_ETSI);
    }

    @Test
    void iatStatementIsBaselineBAfter20250715() throws Exception {
        SignedStatement statement = StatementSigner.builder(SIGNER.key().getPrivate(), SIGNER.chain())
                .clock(StatementPki.clockAt(LATE_SIGNING)).claimedTimeHeader(ClaimedTimeHeader.IAT).build()
                .sign("semper-test", Map.of("msg", "me1"));
        X509CRL crl = StatementPki.crl(CA, LATE_SIGNING.plusSeconds(86_400), Map.of());
        Reports reports = validate(statement.toJson(), LATE_VALIDATION, crl);
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getIndication(id)).as(describe(reports)).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(simple.getSignatureFormat(id)).as(describe(reports)).isEqualTo(SignatureLevel.JAdES_BASELINE_B);
    }

    /**
     * DSS 6.4 needs the CRL: without revocation data it reports INDETERMINATE with
     * CERTIFICATE_CHAIN_GENERAL_FAILURE ("No revocation data found for the certificate!", BBB_XCV_IRDPFC_ANS).
     * Semper's validator says INDETERMINATE/TRY_LATER for the same case (EN 319 102-1's sub-indication for it).
     */
    @Test
    void withoutRevocationDataDssIsIndeterminate() throws Exception {
        Reports reports = validate(SIGNER.sign(EARLY_SIGNING).toJson(), EARLY_VALIDATION, null);
        SimpleReport simple = reports.getSimpleReport();
        String id = simple.getFirstSignatureId();

        assertThat(simple.getIndication(id)).as(describe(reports)).isEqualTo(Indication.INDETERMINATE);
        assertThat(simple.getSubIndication(id)).as(describe(reports))
                .isEqualTo(SubIndication.CERTIFICATE_CHAIN_GENERAL_FAILURE);
        assertThat(describe(reports)).contains("BBB_XCV_IRDPFC_ANS");
    }

    private static String flattened(String encodedProtected, String encodedPayload, String encodedSignature) {
        ObjectNode node = JSON.createObjectNode().put("protected", encodedProtected).put("payload", encodedPayload)
                .put("signature", encodedSignature);
        return node.toString();
    }
}
