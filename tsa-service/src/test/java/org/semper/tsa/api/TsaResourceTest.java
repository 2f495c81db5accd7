package org.semper.tsa.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.evidence.timestamp.TimeStampTokenVerifier;
import org.semper.evidence.timestamp.TimeStampVerification;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.runtime.testing.LocalEnvironmentTestResource;
import org.semper.tsa.TsaConfig;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class TsaResourceTest {

    private static final byte[] DATA = "contract text".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(value = ImprintAlgorithm.class, names = { "SHA_256", "SHA_384", "SHA_512", "SHA3_256", "SHA3_384", "SHA3_512" })
    void grantsEveryAcceptedHashAlgorithmWithAValidSignature(ImprintAlgorithm algorithm) throws Exception {
        byte[] digest = TsaHttp.digest(algorithm, DATA);
        TimeStampRequest request = TsaHttp.request(algorithm, digest, BigInteger.valueOf(4242), true, null);
        TimeStampResponse response = TsaHttp.post(request);

        assertThat(response.getStatus()).isEqualTo(PKIStatus.GRANTED);
        response.validate(request); // imprint, nonce, policy and certReq answered as asked
        TimeStampToken token = response.getTimeStampToken();
        X509CertificateHolder tsaCert = (X509CertificateHolder) token.getCertificates().getMatches(token.getSID()).iterator().next();
        token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert)); // signature + ESSCertIDv2 + EKU
        assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(4242));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(TsaConfig.SEMPER_DEFAULT_POLICY);
        assertThat(token.getTimeStampInfo().getTsa()).isNotNull();
        assertThat(token.getTimeStampInfo().getAccuracy().getSeconds().intValueExact()).isEqualTo(1);
        assertThat(token.getTimeStampInfo().getGenTime().toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(token.getSignedAttributes().get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2))
                .as("RFC 5816 ESSCertIDv2").isNotNull();
    }

    @Test
    void tokensPassTheEvidenceLibraryVerifierAgainstTheTrustAnchor() throws Exception {
        TimeStampTokenVerifier verifier = new TimeStampTokenVerifier(TrustAnchors.fromPem(LocalEnvironmentTestResource.trustAnchorPem()));
        TimeStampToken token = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256,
                TsaHttp.digest(ImprintAlgorithm.SHA_256, DATA), null, true, null)).getTimeStampToken();
        TimeStampVerification good = verifier.verify(token.getEncoded("DER"), DATA);
        assertThat(good.indication()).as(good.message()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(good.certificateChain()).hasSize(2);
        TimeStampVerification tampered = verifier.verify(token.getEncoded("DER"), "contract text!".getBytes(StandardCharsets.UTF_8));
        assertThat(tampered.indication()).isEqualTo(Indication.TOTAL_FAILED);
    }

    @Test
    void includesTheChainOnlyWhenCertReqIsSet() {
        byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA_256, DATA);
        TimeStampToken with = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, digest, null, true, null)).getTimeStampToken();
        TimeStampToken without = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, digest, null, false, null)).getTimeStampToken();
        assertThat(with.getCertificates().getMatches(null)).hasSize(2);
        assertThat(without.getCertificates().getMatches(null)).isEmpty();
    }

    @Test
    void recordsEveryTokenDurablyBeforeReplying() throws Exception {
        byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA_512, DATA);
        TimeStampToken token = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_512, digest, BigInteger.TEN, true, null))
                .getTimeStampToken();
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement(
                        "SELECT token, imprint, hash_algorithm, nonce, policy FROM issued_token WHERE serial_number = ?")) {
            q.setBigDecimal(1, new java.math.BigDecimal(token.getTimeStampInfo().getSerialNumber()));
            try (ResultSet r = q.executeQuery()) {
                assertThat(r.next()).as("token recorded when the reply arrives").isTrue();
                assertThat(r.getBytes("token")).isEqualTo(token.getEncoded("DER"));
                assertThat(r.getBytes("imprint")).isEqualTo(digest);
                assertThat(r.getString("hash_algorithm")).isEqualTo("SHA-512");
                assertThat(r.getBigDecimal("nonce").toBigInteger()).isEqualTo(BigInteger.TEN);
                assertThat(r.getString("policy")).isEqualTo(TsaConfig.SEMPER_DEFAULT_POLICY);
            }
        }
    }

    @Test
    void serialNumbersAreUniqueAndGenTimeNeverGoesBack() throws Exception {
        byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA_256, DATA);
        Set<BigInteger> serials = new HashSet<>();
        List<Instant> genTimes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            var info = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, digest, null, false, null)).getTimeStampToken()
                    .getTimeStampInfo();
            serials.add(info.getSerialNumber());
            genTimes.add(info.getGenTime().toInstant());
        }
        assertThat(serials).hasSize(200);
        assertThat(genTimes).isSorted();
    }

    @ParameterizedTest
    @EnumSource(value = ImprintAlgorithm.class, names = { "MD5", "SHA_1" })
    void refusesBrokenHashAlgorithmsWithBadAlg(ImprintAlgorithm algorithm) {
        TimeStampResponse response = TsaHttp.post(TsaHttp.request(algorithm, new byte[algorithm.digestLength()], null, true, null));
        assertRejected(response, PKIFailureInfo.badAlg);
    }

    @Test
    void refusesUnknownHashAlgorithmWithBadAlg() {
        TimeStampRequest request = new TimeStampRequestGenerator().generate(new ASN1ObjectIdentifier("1.2.3.4.5"), new byte[32]);
        assertRejected(TsaHttp.post(request), PKIFailureInfo.badAlg);
    }

    @Test
    void refusesWrongImprintLengthWithBadDataFormat() {
        TimeStampRequest request = new TimeStampRequestGenerator().generate(ImprintAlgorithm.SHA_256.oid(), new byte[31]);
        assertRejected(TsaHttp.post(request), PKIFailureInfo.badDataFormat);
    }

    @Test
    void refusesMalformedDerWithBadRequest() throws Exception {
        assertRejected(new TimeStampResponse(TsaHttp.postRaw("not a DER request".getBytes(StandardCharsets.US_ASCII))),
                PKIFailureInfo.badRequest);
        byte[] valid = TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], null, true, null).getEncoded();
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 3);
        assertRejected(new TimeStampResponse(TsaHttp.postRaw(trailing)), PKIFailureInfo.badRequest);
        assertRejected(new TimeStampResponse(TsaHttp.postRaw(java.util.Arrays.copyOf(valid, valid.length - 5))),
                PKIFailureInfo.badRequest);
        assertRejected(new TimeStampResponse(TsaHttp.postRaw(new byte[0])), PKIFailureInfo.badRequest);
    }

    @Test
    void refusesUnknownPolicyWithUnacceptedPolicy() {
        assertRejected(TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], null, true, "1.2.3.4")),
                PKIFailureInfo.unacceptedPolicy);
    }

    @Test
    void honoursTheDefaultPolicyWhenRequestedExplicitly() {
        TimeStampToken token = TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, new byte[32], null, true,
                TsaConfig.SEMPER_DEFAULT_POLICY)).getTimeStampToken();
        assertThat(token.getTimeStampInfo().getPolicy().getId()).isEqualTo(TsaConfig.SEMPER_DEFAULT_POLICY);
    }

    @Test
    void refusesRequestExtensionsWithUnacceptedExtension() throws Exception {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.addExtension(new ASN1ObjectIdentifier("1.2.3.4.6"), false, new DEROctetString(new byte[] { 1 }));
        assertRejected(TsaHttp.post(generator.generate(ImprintAlgorithm.SHA_256.oid(), new byte[32])),
                PKIFailureInfo.unacceptedExtension);
    }

    @Test
    void answersWrongContentTypeWith415Problem() {
        given().contentType("application/octet-stream").body(new byte[] { 0x30, 0x00 })
                .when().post("/tsa")
                .then().statusCode(415).contentType("application/problem+json")
                .body("code", equalTo("unsupported-media-type")).body("status", equalTo(415));
    }

    @Test
    void answersOversizedBodyWith413Problem() {
        given().contentType("application/timestamp-query").body(new byte[16 * 1024 + 1])
                .when().post("/tsa")
                .then().statusCode(413).contentType("application/problem+json")
                .body("code", equalTo("payload-too-large"));
    }

    @Test
    void servesThePemChainTsaFirstRootLast() throws Exception {
        String pem = given().when().get("/tsa/certs")
                .then().statusCode(200).contentType(startsWith("application/pem-certificate-chain"))
                .extract().asString();
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .forEach(c -> chain.add((X509Certificate) c));
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(chain.get(1).getSubjectX500Principal()).isEqualTo(chain.get(1).getIssuerX500Principal());
        chain.get(0).verify(chain.get(1).getPublicKey());
    }

    private static void assertRejected(TimeStampResponse response, int failureBit) {
        assertThat(response.getStatus()).isEqualTo(PKIStatus.REJECTION);
        assertThat(response.getFailInfo()).isNotNull();
        assertThat(response.getFailInfo().intValue()).isEqualTo(failureBit);
        assertThat(response.getTimeStampToken()).isNull();
        assertThat(response.getStatusString()).isNotBlank();
    }
}
