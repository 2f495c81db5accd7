package org.semper.ca.hierarchy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.runtime.testing.ExternalCommand;
import org.semper.runtime.keys.KeySources;
import org.semper.runtime.keys.SigningKey;

/** The key ceremony makes a hierarchy the CA accepts, OpenSSL verifies, and whose printed fingerprints are right. */
class KeyCeremonyTest {

    @TempDir
    Path dir;

    @Test
    void ceremonyCreatesAnIssuingCaTheServiceAcceptsAndPrintsFingerprints() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = KeyCeremony.main(List.of(dir.resolve("ca").toString(), "CN=Test Root,O=T", "CN=Test Issuing,O=T"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(printed).isZero();

        Path ca = dir.resolve("ca");
        String password = Files.readString(ca.resolve("issuing-ca.p12.pass")).trim();
        SigningKey key = KeySources.openPkcs12(ca.resolve("issuing-ca.p12"), password, Optional.empty(), Optional.empty());
        IssuingCa issuing = new IssuingCa(key); // throws unless cA, keyCertSign + cRLSign, chain to a self-signed root
        assertThat(issuing.root().getSubjectX500Principal().getName()).isEqualTo("O=T,CN=Test Root");
        assertThat(issuing.certificate().getBasicConstraints()).isZero();
        assertThat(printed).contains(KeyCeremony.fingerprint(issuing.root())).contains(KeyCeremony.fingerprint(issuing.certificate()));

        ExternalCommand.requireTool("openssl", "apt-get install openssl");
        var verify = ExternalCommand.run(ca, "openssl", "verify", "-CAfile", "root.pem", "issuing-ca.pem").assertSuccess();
        assertThat(verify.stdout()).contains("issuing-ca.pem: OK");
        var fp = ExternalCommand.run(ca, "openssl", "x509", "-in", "root.pem", "-noout", "-fingerprint", "-sha256").assertSuccess();
        assertThat(fp.stdout()).contains(KeyCeremony.fingerprint(issuing.root()));

        // never overwrites
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(KeyCeremony.main(List.of(ca.toString()), new PrintStream(again, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("never overwrites");
    }
}
