package org.semper.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local keystore layout and write protocol shared by a service's own start and the local CA. */
class LocalKeyStoresTest {

    @TempDir
    Path data;

    @Test
    void escrowKeyIsCertifiedForKeyAgreementOnly() throws Exception {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(data));
        Path keystore = LocalServiceKeys.NOTARY_ESCROW.keyStore(data);
        anchor.ensureKeyStore(LocalServiceKeys.NOTARY_ESCROW.spec(), keystore);

        assertThat(keystore).isEqualTo(data.resolve("fair-exchange-notary/keys/escrow.p12"));
        X509Certificate leaf = LocalKeyStores.chain(keystore).orElseThrow().get(0);
        boolean[] usage = leaf.getKeyUsage();
        assertThat(usage[4]).as("keyAgreement").isTrue();
        assertThat(usage[0]).as("digitalSignature").isFalse();
        assertThat(usage[1]).as("nonRepudiation").isFalse();
        assertThat(leaf.getExtendedKeyUsage()).isNull();
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void theIssuingCaCertificateNamesTheRootsCrlAndFollowsItWhenItMoves() throws Exception {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(data));
        Path keystore = LocalKeyStores.path(data, "ca-service", "issuing-ca");
        // created before the root's CRL existed: no distribution point
        anchor.ensureKeyStore(LocalKeySpec.issuingCa("test.ca", "issuing-ca", "CN=Test Issuing CA,O=Semper"), keystore);
        X509Certificate before = LocalKeyStores.chain(keystore).orElseThrow().get(0);
        assertThat(before.getExtensionValue("2.5.29.31")).isNull();

        LocalKeySpec spec = LocalKeySpec.issuingCa("test.ca", "issuing-ca", "CN=Test Issuing CA,O=Semper",
                "http://127.0.0.1:8082/crl/root.crl");
        String password = anchor.ensureKeyStore(spec, keystore);
        X509Certificate withCdp = LocalKeyStores.chain(keystore).orElseThrow().get(0);
        assertThat(distributionPoints(withCdp)).containsExactly("http://127.0.0.1:8082/crl/root.crl");
        assertThat(withCdp.getPublicKey()).as("the same key, certified again").isEqualTo(before.getPublicKey());
        assertThat(withCdp.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
        assertThat(withCdp.getBasicConstraints()).isZero();
        withCdp.verify(anchor.certificate().getPublicKey());

        assertThat(anchor.ensureKeyStore(spec, keystore)).isEqualTo(password);
        assertThat(LocalKeyStores.chain(keystore).orElseThrow().get(0)).as("kept while the URL is the same").isEqualTo(withCdp);

        anchor.ensureKeyStore(LocalKeySpec.issuingCa("test.ca", "issuing-ca", "CN=Test Issuing CA,O=Semper",
                "http://127.0.0.1:9999/crl/root.crl"), keystore);
        assertThat(distributionPoints(LocalKeyStores.chain(keystore).orElseThrow().get(0)))
                .containsExactly("http://127.0.0.1:9999/crl/root.crl");
    }

    private static List<String> distributionPoints(X509Certificate certificate) {
        org.bouncycastle.asn1.x509.CRLDistPoint cdp = org.bouncycastle.asn1.x509.CRLDistPoint.getInstance(
                org.bouncycastle.asn1.ASN1OctetString.getInstance(certificate.getExtensionValue("2.5.29.31")).getOctets());
        List<String> urls = new ArrayList<>();
        for (org.bouncycastle.asn1.x509.DistributionPoint point : cdp.getDistributionPoints()) {
            for (org.bouncycastle.asn1.x509.GeneralName name : org.bouncycastle.asn1.x509.GeneralNames.getInstance(
                    point.getDistributionPoint().getName()).getNames()) {
                urls.add(name.getName().toString());
            }
        }
        return urls;
    }

    @Test
    void anExistingKeystoreIsUsedAsItIsWhoeverCertifiedIt() throws Exception {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(data));
        Path keystore = LocalServiceKeys.TSA.keyStore(data);
        KeyPair pair = ec();
        X509Certificate foreign = selfSigned(pair);
        String written = LocalKeyStores.locked(keystore, () -> LocalKeyStores.write(keystore, "tsa", pair.getPrivate(), List.of(foreign)));

        assertThat(anchor.ensureKeyStore(LocalServiceKeys.TSA.spec(), keystore)).isEqualTo(written);
        assertThat(LocalKeyStores.chain(keystore).orElseThrow()).containsExactly(foreign);
    }

    @Test
    void replacingAKeystoreKeepsItsPassword() throws Exception {
        Path keystore = LocalKeyStores.path(data, "some-service", "key");
        KeyPair first = ec();
        KeyPair second = ec();
        X509Certificate original = selfSigned(first);
        String p1 = LocalKeyStores.locked(keystore, () -> LocalKeyStores.write(keystore, "key", first.getPrivate(), List.of(original)));
        X509Certificate replacement = selfSigned(second);
        String p2 = LocalKeyStores.locked(keystore, () -> LocalKeyStores.write(keystore, "key", second.getPrivate(), List.of(replacement)));

        assertThat(p2).isEqualTo(p1);
        assertThat(LocalKeyStores.password(keystore)).contains(p1);
        assertThat(LocalKeyStores.chain(keystore).orElseThrow()).containsExactly(replacement);
    }

    @Test
    void concurrentFirstStartsCreateOneKey() throws Exception {
        LocalTrustAnchor anchor = LocalTrustAnchor.loadOrCreate(LocalTrustAnchor.directory(data));
        Path keystore = LocalServiceKeys.ARBITER.keyStore(data);
        int starters = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        List<Future<X509Certificate>> results = new ArrayList<>();
        for (int i = 0; i < starters; i++) {
            Callable<X509Certificate> task = () -> {
                start.await();
                anchor.ensureKeyStore(LocalServiceKeys.ARBITER.spec(), keystore);
                return LocalKeyStores.chain(keystore).orElseThrow().get(0);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        List<X509Certificate> seen = new ArrayList<>();
        for (Future<X509Certificate> f : results) {
            seen.add(f.get());
        }
        pool.shutdown();
        assertThat(seen).allMatch(c -> c.equals(seen.get(0)));
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair pair) throws Exception {
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=Elsewhere");
        var now = java.time.Instant.now();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.TEN,
                java.util.Date.from(now), java.util.Date.from(now.plusSeconds(3600)), name, pair.getPublic());
        return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}
