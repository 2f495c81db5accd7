package org.semper.ca.revocation.crl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.ca.hierarchy.RootCrl;
import org.semper.runtime.keys.SigningKey;
import org.semper.runtime.local.LocalTrustAnchor;

/** Serving the root's CRL from its file, and signing it where the root key is on disk (the local profile). */
class RootCrlPublisherTest {

    @TempDir
    Path data;

    @Test
    void aConfiguredFileIsServedWhileTheRootSignedItAndReReadWhenItChanges() throws Exception {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(data.resolve("ceremony"));
        SigningKey root = RootCrl.rootKey(data.resolve("ceremony"), null);
        Path file = data.resolve("served/root.crl");
        Files.createDirectories(file.getParent());
        RootCrlPublisher publisher = new RootCrlPublisher(anchor.certificate(), Optional.of(file), Optional.empty(),
                Duration.ofDays(365));

        assertThat(publisher.der()).as("no file yet").isEmpty();
        X509CRL first = RootCrl.sign(root, Instant.now(), Duration.ofDays(365), BigInteger.ONE, List.of());
        Files.write(file, first.getEncoded());
        assertThat(publisher.crl()).map(RootCrl::number).contains(BigInteger.ONE);

        X509CRL second = RootCrl.sign(root, Instant.now(), Duration.ofDays(365), BigInteger.TWO,
                List.of(new RootCrl.Entry(BigInteger.TEN, Instant.now(), 1)));
        byte[] secondDer = second.getEncoded();
        Files.write(file, secondDer);
        assertThat(publisher.der()).hasValueSatisfying(der -> assertThat(der).isEqualTo(secondDer));

        LocalTrustAnchor other = LocalTrustAnchor.loadOrCreate(data.resolve("other"));
        Files.write(file, RootCrl.sign(RootCrl.rootKey(data.resolve("other"), null), Instant.now(), Duration.ofDays(1),
                BigInteger.valueOf(3), List.of()).getEncoded());
        assertThat(other.certificate()).isNotEqualTo(anchor.certificate());
        assertThat(publisher.der()).as("not signed by this CA's root").isEmpty();
        assertThat(Files.exists(data.resolve("ceremony/root.crl"))).as("never signs without the local root").isFalse();
    }

    @Test
    void withTheLocalRootKeyItSignsWhenMissingOrDueKeepingEntries() throws Exception {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(data));
        Path folder = LocalTrustAnchor.directory(data);
        RootCrlPublisher publisher = new RootCrlPublisher(anchor.certificate(), Optional.empty(), Optional.of(data),
                Duration.ofDays(30));

        X509CRL signed = publisher.crl().orElseThrow();
        assertThat(folder.resolve(RootCrl.FILE)).exists();
        assertThat(Duration.between(signed.getThisUpdate().toInstant(), signed.getNextUpdate().toInstant()))
                .isEqualTo(Duration.ofDays(30));
        assertThat(publisher.crl().orElseThrow()).as("not due: kept").isEqualTo(signed);

        // one past half its validity, with an entry: re-signed, the entry kept, the number incremented
        Instant old = Instant.now().minus(Duration.ofDays(20));
        Files.write(folder.resolve(RootCrl.FILE), RootCrl.sign(RootCrl.rootKey(folder, null), old, Duration.ofDays(30),
                BigInteger.valueOf(7), List.of(new RootCrl.Entry(BigInteger.TEN, old, 1))).getEncoded());
        X509CRL resigned = publisher.crl().orElseThrow();
        assertThat(RootCrl.number(resigned)).isEqualTo(BigInteger.valueOf(8));
        assertThat(resigned.getThisUpdate().toInstant()).isAfter(old.plus(Duration.ofDays(19)));
        assertThat(resigned.getRevokedCertificates()).singleElement()
                .satisfies(entry -> assertThat(entry.getSerialNumber()).isEqualTo(BigInteger.TEN));
    }

    @Test
    void aDataRootOfAnotherRootIsNotUsed() throws Exception {
        LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(data));
        LocalTrustAnchor production = LocalTrustAnchor.loadOrCreate(data.resolve("elsewhere"));
        RootCrlPublisher publisher = new RootCrlPublisher(production.certificate(), Optional.empty(), Optional.of(data),
                Duration.ofDays(30));
        assertThat(publisher.der()).isEmpty();
        assertThat(LocalTrustAnchor.directory(data).resolve(RootCrl.FILE)).doesNotExist();
    }
}
