package org.semper.ca.revocation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.ca.hierarchy.KeyCeremony;
import org.semper.ca.hierarchy.RootCrl;
import org.semper.ca.testing.CaClient;
import org.semper.ca.testing.CaClient.Enrolled;
import org.semper.ca.testing.CaTestEnvironment;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;
import org.semper.runtime.exchange.trust.HttpRevocationFetcher;
import org.semper.runtime.exchange.trust.PartyTrust;
import org.semper.runtime.exchange.trust.PartyTrustConfig;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.testing.ExternalCommand.Result;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The issuing CA certificate's revocation source, the root's CRL of CA certificates: a party certified by this CA
 * (real enrollment) validates with only the root as trust anchor and revocation required for every certificate, as
 * the notary's {@link PartyTrust} does, following the URLs in the certificates to the running CA; once the root
 * revokes the issuing CA ({@code ceremony arl --revoke}, on the local root's folder) its parties are {@code REVOKED};
 * OpenSSL's {@code verify -crl_check_all} agrees.
 */
@QuarkusTest
class IssuingCaRevocationTest {

    private static final HttpRevocationFetcher FETCHER = new HttpRevocationFetcher(Duration.ofSeconds(5));

    record Revocation(Duration maxAge, Duration timeout, int cacheSize) implements PartyTrustConfig.Revocation {
    }

    @TempDir
    Path dir;

    private X509Certificate root;
    private X509Certificate issuing;

    @BeforeEach
    void chain() {
        List<X509Certificate> chain = CaClient.certificates(given().get("/ca/certs").asString());
        issuing = chain.get(0);
        root = chain.get(1);
        assertThat(CertificatePem.encode(List.of(root)))
                .isEqualTo(CertificatePem.encode(org.semper.runtime.keys.KeySources.readPemChain(
                        LocalEnvironmentTestResource.trustAnchorPem())));
    }

    private static PartyTrust partyTrust(X509Certificate anchor) {
        return new PartyTrust(TrustAnchors.of(anchor), FETCHER, new Revocation(Duration.ofMinutes(5), Duration.ofSeconds(5), 100),
                Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @Test
    void theIssuingCaNamesTheRootsCrlWhichTheCaServes() throws Exception {
        assertThat(new String(issuing.getExtensionValue(Extension.cRLDistributionPoints.getId()), StandardCharsets.ISO_8859_1))
                .contains(CaTestEnvironment.baseUrl() + "/crl/root.crl");

        byte[] der = given().get("/crl/root.crl").then().statusCode(200).contentType("application/pkix-crl")
                .extract().asByteArray();
        X509CRL arl = RootCrl.parse(der);
        arl.verify(root.getPublicKey());
        assertThat(arl.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(
                arl.getExtensionValue(Extension.issuingDistributionPoint.getId())).getOctets()).onlyContainsCACerts()).isTrue();
        assertThat(Duration.between(arl.getThisUpdate().toInstant(), arl.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(365));
        assertThat(arl.getRevokedCertificate(issuing)).isNull();
        assertThat(given().get("/q/health/ready").then().extract().asString()).contains("rootCrlNextUpdate")
                .contains(arl.getNextUpdate().toInstant().toString());
    }

    @Test
    void aCertifiedPartyValidatesWithOnlyTheRootAsAnchorAndRevocationRequired() {
        Enrolled ivan = CaClient.enroll("CN=Ivan,O=Ivan's Shop", "merchant");
        String statement = CaClient.signed(ivan, "semper-test", Map.of("msg", "hello"));

        // online, as the notary: OCSP for the party, the root's CRL for the issuing CA, fetched from the CA
        StatementValidation online = partyTrust(root).validator().validate(statement, RevocationData.empty());
        assertThat(online.passed()).as(online.message()).isTrue();
        assertThat(online.certificateChain()).containsExactly(ivan.certificate(), issuing, root);
        assertThat(online.revocation()).extracting(RevocationCheck::status)
                .containsExactly(RevocationCheck.Status.GOOD, RevocationCheck.Status.GOOD);
        assertThat(online.revocation()).extracting(RevocationCheck::source)
                .containsExactly(RevocationCheck.Source.OCSP, RevocationCheck.Source.CRL);
        assertThat(online.revocation().get(1).signedBy()).contains(root);

        // offline, default policy, with the same revocation data handed over as evidence
        RevocationData evidence = FETCHER.fetch(ivan.certificate(), issuing).with(FETCHER.fetch(issuing, root));
        StatementValidation offline = new StatementValidator(TrustAnchors.of(root), ValidationPolicy.defaults())
                .validate(statement, evidence);
        assertThat(offline.passed()).as(offline.message()).isTrue();

        // without the root's CRL the issuing CA's status is unknown
        StatementValidation partyOnly = new StatementValidator(TrustAnchors.of(root), ValidationPolicy.defaults())
                .validate(statement, FETCHER.fetch(ivan.certificate(), issuing));
        assertThat(partyOnly.subIndication()).isEqualTo(SubIndication.TRY_LATER);
        assertThat(partyOnly.message()).contains("Semper Local Issuing CA");
    }

    @Test
    void revokingTheIssuingCaMakesItsPartiesRevokedForValidatorsAndOpenSsl() throws Exception {
        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        Enrolled judy = CaClient.enroll("CN=Judy,O=Judy's Shop", "merchant");
        Files.writeString(dir.resolve("root.pem"), CertificatePem.encode(List.of(root)));
        Files.writeString(dir.resolve("issuing.pem"), CertificatePem.encode(List.of(issuing)));
        Files.writeString(dir.resolve("cert.pem"), CertificatePem.encode(List.of(judy.certificate())));
        writeCrlPem("/crl/issuing.crl", "crl.pem");
        writeCrlPem("/crl/root.crl", "arl.pem");
        Result fresh = verifyAll();
        assertThat(fresh.exitCode()).as(fresh.describe("openssl verify -crl_check_all")).isZero();
        assertThat(fresh.stdout()).contains("cert.pem: OK");

        Path localRoot = LocalEnvironmentTestResource.trustAnchorPem().getParent();
        byte[] before = Files.readAllBytes(localRoot.resolve(RootCrl.FILE));
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = KeyCeremony.main(List.of("arl", localRoot.toString(), "--revoke=" + dir.resolve("issuing.pem"),
                    "--reason=keyCompromise"), new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
            String statement = CaClient.signed(judy, "semper-test", Map.of("msg", "after the revocation"));

            StatementValidation result = partyTrust(root).validator().validate(statement, RevocationData.empty());
            assertThat(result.subIndication()).as(result.message()).isEqualTo(SubIndication.REVOKED);
            assertThat(result.message()).contains("Semper Local Issuing CA");
            assertThat(result.revocation().get(1).status()).isEqualTo(RevocationCheck.Status.REVOKED);
            assertThat(result.revocation().get(1).revocationReason()).contains("KEY_COMPROMISE");

            writeCrlPem("/crl/root.crl", "arl.pem");
            Result revoked = verifyAll();
            assertThat(revoked.exitCode()).isNotZero();
            assertThat(revoked.output()).contains("certificate revoked");
        } finally {
            Files.write(localRoot.resolve(RootCrl.FILE), before); // the other tests share this CA
        }
        assertThat(given().get("/crl/root.crl").then().statusCode(200).extract().asByteArray())
                .isEqualTo(RootCrl.parse(before).getEncoded());
    }

    private void writeCrlPem(String path, String file) throws Exception {
        X509CRL crl = RootCrl.parse(given().get(path).then().statusCode(200).extract().asByteArray());
        Files.writeString(dir.resolve(file), "-----BEGIN X509 CRL-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(crl.getEncoded())
                + "\n-----END X509 CRL-----\n", StandardCharsets.US_ASCII);
    }

    private Result verifyAll() {
        return ExternalCommand.run(dir, "openssl", "verify", "-crl_check_all", "-CAfile", "root.pem", "-untrusted",
                "issuing.pem", "-CRLfile", "arl.pem", "-CRLfile", "crl.pem", "cert.pem");
    }
}
