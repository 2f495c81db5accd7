package org.semper.ca.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.ca.local.LocalServiceCertificates.Action;
import org.semper.ca.local.LocalServiceCertificates.Outcome;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.local.LocalEnvironment;
import org.semper.runtime.local.LocalKeyStores;
import org.semper.runtime.local.LocalServiceKeys;
import org.semper.runtime.local.LocalServiceSetup;
import org.semper.runtime.local.LocalTrustAnchor;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.testing.ExternalCommand.Result;
import org.semper.runtime.testing.LocalEnvironmentTestResource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The local bootstrap: the CA issues the other services' local certificates into a data root, where each service
 * finds its keystore on start; existing keystores are kept unless reissued.
 */
@QuarkusTest
class LocalServiceCertificatesTest {

    /** What tsa-service's local profile sets up for its signing key (TsaMain.LOCAL_SETUP uses the same spec). */
    private static final LocalServiceSetup TSA_SERVICE = new LocalServiceSetup("tsa-service", "tsa",
            List.of(LocalServiceKeys.TSA.spec()), List.of());

    @Inject
    LocalServiceCertificates certificates;

    @TestHTTPResource("/ocsp")
    URL ocspUrl;

    @TempDir
    Path data;

    @TempDir
    Path work;

    private X509Certificate root;

    /** A data root whose trust anchor is the test CA's root (as on the local profile, where both share data/local-ca). */
    @BeforeEach
    void shareTheTrustAnchor() throws Exception {
        Path testAnchor = LocalEnvironmentTestResource.trustAnchorPem().getParent();
        Path anchor = LocalTrustAnchor.directory(data);
        Files.createDirectories(anchor);
        try (Stream<Path> files = Files.list(testAnchor)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
                Files.copy(f, anchor.resolve(f.getFileName()));
            }
        }
        root = KeySources.readPemChain(LocalTrustAnchor.rootPem(data)).get(0);
    }

    @Test
    void theTsaStartedAfterTheCaSignsWithACaIssuedCertificateThatOcspReportsGood() throws Exception {
        List<Outcome> outcomes = certificates.provide(data, Set.of());
        assertThat(outcomes).extracting(Outcome::action).containsOnly(Action.ISSUED);
        assertThat(outcomes).extracting(o -> o.key().service()).containsExactly("tsa", "notary", "notary", "mail", "mail", "arbiter");

        // the TSA starts on the local profile: it finds the keystore where it looks, and loads it with its password
        SigningKey key;
        try (LocalEnvironment tsa = LocalEnvironment.prepare(TSA_SERVICE, data, false)) {
            Map<String, String> config = tsa.properties();
            assertThat(config.get("semper.tsa.signing-key.pkcs12.path")).isEqualTo(data.resolve("tsa-service/keys/tsa.p12").toString());
            key = KeySources.openPkcs12(Path.of(config.get("semper.tsa.signing-key.pkcs12.path")),
                    config.get("semper.tsa.signing-key.pkcs12.password"), Optional.empty(), Optional.empty());
        }
        assertThat(key.selfTest()).isTrue();
        List<X509Certificate> chain = key.chain();
        assertThat(chain).hasSize(3);
        X509Certificate leaf = chain.get(0);
        X509Certificate issuing = chain.get(1);
        assertThat(chain.get(2)).isEqualTo(root);
        assertThat(issuing.getBasicConstraints()).isZero();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("O=Semper,CN=Semper Local TSA");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
        assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.37");
        assertThat(leaf).isEqualTo(outcomes.get(0).certificate());
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf, issuing)), pkix);

        // the CA knows it: recorded with its profile, and OpenSSL's OCSP client gets "good"
        String serial = leaf.getSerialNumber().toString(16);
        given().when().get("/api/v1/certificates/" + serial).then().statusCode(200)
                .body("profile", equalTo("ttp-tsa")).body("status", equalTo("good")).body("cover.amount", equalTo(1));
        Result ocsp = ocsp(leaf, issuing);
        assertThat(ocsp.exitCode()).as(ocsp.describe("openssl ocsp")).isZero();
        assertThat(ocsp.output()).contains("tsa.pem: good").contains("Response verify OK");
    }

    @Test
    void theNotaryGetsASigningKeyAndAnEscrowKeyForKeyAgreement() throws Exception {
        certificates.provide(data, Set.of());
        X509Certificate signing = leaf(LocalServiceKeys.NOTARY.keyStore(data));
        X509Certificate escrow = leaf(LocalServiceKeys.NOTARY_ESCROW.keyStore(data));
        assertThat(LocalServiceKeys.NOTARY_ESCROW.keyStore(data)).isEqualTo(data.resolve("fair-exchange-notary/keys/escrow.p12"));

        assertThat(signing.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(signing.getKeyUsage()[1]).as("nonRepudiation").isTrue();
        boolean[] usage = escrow.getKeyUsage();
        assertThat(usage[4]).as("keyAgreement").isTrue();
        assertThat(usage[0] || usage[1] || usage[2] || usage[3] || usage[5] || usage[6]).as("nothing but keyAgreement").isFalse();
        assertThat(escrow.getExtendedKeyUsage()).isNull();
        assertThat(escrow.getPublicKey().getAlgorithm()).isEqualTo("EC");
        given().when().get("/api/v1/certificates/" + signing.getSerialNumber().toString(16)).then().body("profile", equalTo("ttp-notary"));
        given().when().get("/api/v1/certificates/" + escrow.getSerialNumber().toString(16)).then().body("profile", equalTo("ttp-escrow"));
    }

    @Test
    void keystoresThatExistAreKeptUntilReissuedAndTheSupersededCertificateIsRevoked() throws Exception {
        // the TSA ran alone first: its key comes from the local root
        try (LocalEnvironment tsa = LocalEnvironment.prepare(TSA_SERVICE, data, false)) {
            assertThat(tsa.describe()).anyMatch(line -> line.contains("tsa.p12") && line.contains("Semper Local Development Root CA"));
        }
        Path tsaStore = LocalServiceKeys.TSA.keyStore(data);
        byte[] rootIssued = Files.readAllBytes(tsaStore);
        String tsaPassword = LocalKeyStores.password(tsaStore).orElseThrow();

        List<Outcome> first = certificates.provide(data, Set.of());
        assertThat(first.get(0).action()).isEqualTo(Action.KEPT);
        assertThat(first.get(0).issuedHere()).isFalse();
        assertThat(first.get(0).describe()).contains("--reissue-local=tsa");
        assertThat(Files.readAllBytes(tsaStore)).isEqualTo(rootIssued);
        X509Certificate notary = leaf(LocalServiceKeys.NOTARY.keyStore(data));
        byte[] notaryStore = Files.readAllBytes(LocalServiceKeys.NOTARY.keyStore(data));

        // a second start changes nothing
        List<Outcome> second = certificates.provide(data, Set.of());
        assertThat(second).extracting(Outcome::action).containsOnly(Action.KEPT);
        assertThat(second.get(1).issuedHere()).isTrue();
        assertThat(Files.readAllBytes(LocalServiceKeys.NOTARY.keyStore(data))).isEqualTo(notaryStore);

        // asked to: the TSA's keystore is replaced by a CA-issued one, with the password the TSA already has
        List<Outcome> tsaReissued = certificates.provide(data, Set.of("tsa"));
        assertThat(tsaReissued.get(0).action()).isEqualTo(Action.REISSUED);
        assertThat(tsaReissued.stream().skip(1)).extracting(Outcome::action).containsOnly(Action.KEPT);
        assertThat(leaf(tsaStore).getIssuerX500Principal().getName()).isEqualTo("O=Semper,CN=Semper Local Issuing CA");
        assertThat(LocalKeyStores.password(tsaStore)).contains(tsaPassword);

        // reissuing a CA-issued key revokes the certificate it replaces
        certificates.provide(data, Set.of("notary"));
        X509Certificate newNotary = leaf(LocalServiceKeys.NOTARY.keyStore(data));
        assertThat(newNotary.getSerialNumber()).isNotEqualTo(notary.getSerialNumber());
        given().when().get("/api/v1/certificates/" + notary.getSerialNumber().toString(16)).then()
                .body("status", equalTo("revoked")).body("revocationReason", equalTo(4));
        given().when().get("/api/v1/certificates/" + newNotary.getSerialNumber().toString(16)).then().body("status", equalTo("good"));
    }

    @Test
    void aDataRootWithAnotherTrustAnchorGetsNothing() throws Exception {
        Path foreign = work.resolve("foreign");
        LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(foreign));
        assertThatThrownBy(() -> certificates.provide(foreign, Set.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not the local trust anchor");
        assertThat(LocalServiceKeys.TSA.keyStore(foreign)).doesNotExist();
        assertThatThrownBy(() -> certificates.provide(work.resolve("empty"), Set.of())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No local trust anchor");
    }

    @Test
    void anUnknownServiceToReissueIsRefused() {
        assertThatThrownBy(() -> certificates.provide(data, Set.of("tsa", "bank"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"bank\"").hasMessageContaining("tsa, notary, mail, arbiter");
        assertThat(LocalServiceKeys.TSA.keyStore(data)).doesNotExist();
    }

    private static X509Certificate leaf(Path keyStore) {
        return LocalKeyStores.chain(keyStore).orElseThrow().get(0);
    }

    private Result ocsp(X509Certificate leaf, X509Certificate issuing) throws Exception {
        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        Files.writeString(work.resolve("tsa.pem"), CertificatePem.encode(List.of(leaf)));
        Files.writeString(work.resolve("issuing.pem"), CertificatePem.encode(List.of(issuing)));
        Files.copy(LocalTrustAnchor.rootPem(data), work.resolve("root.pem"));
        return ExternalCommand.run(work, "openssl", "ocsp", "-issuer", "issuing.pem", "-cert", "tsa.pem", "-url", ocspUrl.toString(),
                "-CAfile", "root.pem", "-resp_text");
    }
}
