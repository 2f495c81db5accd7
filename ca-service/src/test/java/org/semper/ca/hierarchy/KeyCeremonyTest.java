package org.semper.ca.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.keys.CertificatePem;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/**
 * The key ceremony makes a hierarchy the CA accepts, OpenSSL verifies (with the root's CRL of CA certificates), and
 * whose printed fingerprints are right; {@code ceremony arl} re-signs that CRL and revokes a CA certificate.
 */
class KeyCeremonyTest {

    private static final String BASE_URL = "--base-url=https://ca.example";

    @TempDir
    Path dir;

    private static int ceremony(ByteArrayOutputStream out, String... args) {
        return KeyCeremony.main(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void ceremonyCreatesAnIssuingCaTheServiceAcceptsAndPrintsFingerprints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ceremony(out, dir.resolve("ca").toString(), "CN=Test Root,O=T", "CN=Test Issuing,O=T", BASE_URL,
                "--arl-validity=P400D");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();

        Path ca = dir.resolve("ca");
        String password = Files.readString(ca.resolve("issuing-ca.p12.pass")).trim();
        SigningKey key = KeySources.openPkcs12(ca.resolve("issuing-ca.p12"), password, Optional.empty(), Optional.empty());
        IssuingCa issuing = new IssuingCa(key); // throws unless cA, keyCertSign + cRLSign, chain to a self-signed root
        assertThat(issuing.root().getSubjectX500Principal().getName()).isEqualTo("O=T,CN=Test Root");
        assertThat(issuing.certificate().getBasicConstraints()).isZero();
        assertThat(printed).contains(KeyCeremony.fingerprint(issuing.root())).contains(KeyCeremony.fingerprint(issuing.certificate()));

        // the root's first CRL: empty, of CA certificates only, 400 days, and the issuing CA points at it
        X509CRL arl = RootCrl.read(ca.resolve("root.crl")).orElseThrow();
        arl.verify(issuing.root().getPublicKey());
        assertThat(arl.getRevokedCertificates()).isNull();
        assertThat(RootCrl.number(arl)).isEqualTo(1);
        assertThat(java.time.Duration.between(arl.getThisUpdate().toInstant(), arl.getNextUpdate().toInstant()))
                .isEqualTo(java.time.Duration.ofDays(400));
        assertThat(IssuingDistributionPoint.getInstance(ASN1OctetString.getInstance(
                arl.getExtensionValue(Extension.issuingDistributionPoint.getId())).getOctets()).onlyContainsCACerts()).isTrue();
        assertThat(new String(issuing.certificate().getExtensionValue(Extension.cRLDistributionPoints.getId()),
                StandardCharsets.ISO_8859_1)).contains("https://ca.example/crl/root.crl");
        assertThat(printed).contains("https://ca.example/crl/root.crl").contains("root.crl");

        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        var verify = ExternalCommand.run(ca, "openssl", "verify", "-CAfile", "root.pem", "issuing-ca.pem").assertSuccess();
        assertThat(verify.stdout()).contains("issuing-ca.pem: OK");
        var fp = ExternalCommand.run(ca, "openssl", "x509", "-in", "root.pem", "-noout", "-fingerprint", "-sha256").assertSuccess();
        assertThat(fp.stdout()).contains(KeyCeremony.fingerprint(issuing.root()));
        Files.writeString(ca.resolve("issuing.pem"), CertificatePem.encode(List.of(issuing.certificate())));
        ExternalCommand.run(ca, "openssl", "crl", "-inform", "DER", "-in", "root.crl", "-out", "arl.pem").assertSuccess();
        var withArl = ExternalCommand.run(ca, "openssl", "verify", "-crl_check", "-CAfile", "root.pem", "-CRLfile", "arl.pem",
                "issuing.pem");
        assertThat(withArl.exitCode()).as(withArl.describe("openssl verify -crl_check")).isZero();

        // never overwrites
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(ceremony(again, ca.toString(), BASE_URL)).isEqualTo(1);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("never overwrites");
    }

    @Test
    void withoutABaseUrlTheCeremonyRefusesToMakeAnIssuingCaWithoutRevocationSource() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ceremony(out, dir.resolve("ca").toString(), "--base-url", "https://ca.example")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("option without a value: --base-url");
        int exit = ceremony(out, dir.resolve("ca").toString());
        // SEMPER_CA_BASE_URL may be set in a developer's shell: then the ceremony runs, and that is fine too
        if (System.getenv("SEMPER_CA_BASE_URL") == null) {
            assertThat(exit).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("--base-url");
            assertThat(dir.resolve("ca/root.p12")).doesNotExist();
        }
    }

    @Test
    void arlReSignsKeepingEntriesAndRevokesTheIssuingCa() throws Exception {
        Path ca = dir.resolve("ca");
        assertThat(ceremony(new ByteArrayOutputStream(), ca.toString(), BASE_URL)).isZero();
        X509CRL first = RootCrl.read(ca.resolve("root.crl")).orElseThrow();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ceremony(out, "arl", ca.toString(), "--revoke=" + ca.resolve("issuing-ca.pem"), "--reason=keyCompromise");
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        X509CRL revoking = RootCrl.read(ca.resolve("root.crl")).orElseThrow();
        var issuing = KeySources.readPemChain(ca.resolve("issuing-ca.pem")).get(0);
        var root = KeySources.readPemChain(ca.resolve("root.pem")).get(0);
        revoking.verify(root.getPublicKey());
        assertThat(RootCrl.number(revoking)).isEqualTo(RootCrl.number(first).add(java.math.BigInteger.ONE));
        assertThat(revoking.getRevokedCertificate(issuing).getRevocationReason()).isEqualTo(java.security.cert.CRLReason.KEY_COMPROMISE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Revoked:").contains("Semper Issuing CA");

        // re-signing keeps the entry; revoking twice is refused
        assertThat(ceremony(new ByteArrayOutputStream(), "arl", ca.toString())).isZero();
        X509CRL resigned = RootCrl.read(ca.resolve("root.crl")).orElseThrow();
        assertThat(resigned.getRevokedCertificate(issuing)).isNotNull();
        assertThat(RootCrl.number(resigned)).isEqualTo(RootCrl.number(revoking).add(java.math.BigInteger.ONE));
        ByteArrayOutputStream twice = new ByteArrayOutputStream();
        assertThat(ceremony(twice, "arl", ca.toString(), "--revoke=" + ca.resolve("issuing-ca.pem"))).isEqualTo(1);
        assertThat(twice.toString(StandardCharsets.UTF_8)).contains("already revoked");

        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        Files.writeString(ca.resolve("issuing.pem"), CertificatePem.encode(List.of(issuing)));
        ExternalCommand.run(ca, "openssl", "crl", "-inform", "DER", "-in", "root.crl", "-out", "arl.pem").assertSuccess();
        var refused = ExternalCommand.run(ca, "openssl", "verify", "-crl_check", "-CAfile", "root.pem", "-CRLfile", "arl.pem",
                "issuing.pem");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("certificate revoked");
    }
}
