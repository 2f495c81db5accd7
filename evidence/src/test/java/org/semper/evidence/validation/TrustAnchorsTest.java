package org.semper.evidence.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.evidence.testing.TestPki;

class TrustAnchorsTest {
    private static final X509Certificate FIRST = TestPki.rootCa("First Root").certificate();
    private static final X509Certificate SECOND = TestPki.rootCa("Second Root").certificate();

    private static String pem(Object... objects) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsEveryCertificateOfAPemBundleInOrder(@TempDir Path directory) throws Exception {
        String bundle = "# Semper roots\nsubject=CN=First Root\n" + pem(FIRST) + "\nsubject=CN=Second Root\n" + pem(SECOND);
        Path file = Files.writeString(directory.resolve("roots.pem"), bundle);

        assertThat(TrustAnchors.fromPem(file).certificates()).containsExactly(FIRST, SECOND);
        assertThat(TrustAnchors.fromPem(stream(bundle)).certificates()).containsExactly(FIRST, SECOND);
    }

    @Test
    void pemWithoutCertificatesIsRefused() {
        assertThatThrownBy(() -> TrustAnchors.fromPem(stream("nothing here\n"))).isInstanceOf(CertificateException.class);
    }

    @Test
    void pemWithAKeyIsRefused() throws Exception {
        String bundle = pem(FIRST) + pem(TestPki.newKey().getPrivate());

        assertThatThrownBy(() -> TrustAnchors.fromPem(stream(bundle))).isInstanceOf(CertificateException.class)
                .hasMessageContaining("not a certificate");
    }

    @Test
    void corruptPemIsRefused() {
        String corrupt = "-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n";

        assertThatThrownBy(() -> TrustAnchors.fromPem(stream(corrupt))).isInstanceOf(CertificateException.class);
    }

    @Test
    void isImmutableNonEmptyAndWithoutDuplicates() {
        TrustAnchors anchors = TrustAnchors.of(List.of(FIRST, SECOND, FIRST));

        assertThat(anchors.certificates()).containsExactly(FIRST, SECOND);
        assertThatThrownBy(() -> anchors.certificates().add(FIRST)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> TrustAnchors.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(anchors.toString()).contains("First Root", "Second Root");
    }
}
