package org.semper.agent.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semper.agent.testing.Pki;
import org.semper.agent.testing.TestCa;

/** The party's PKCS#12 identity and its enrollment with a CA over EST and REST. */
class PartyIdentityTest {
    @TempDir
    Path home;

    private final Pki.Entity ca = Pki.rootCa("Enrollment CA");

    @Test
    void aNewKeyHasAPlaceholderAndAValidRequestAndIsNeverOverwritten() throws Exception {
        PartyIdentity identity = PartyIdentity.create(home, "CN=Alice,O=Alice Ltd");
        assertThat(identity.enrolled()).isFalse();
        assertThat(identity.displayName()).isEqualTo("Alice");
        JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(
                new PKCS10CertificationRequest(identity.certificationRequest()));
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getPublicKey()))).isTrue();
        assertThat(csr.getSubject().toString()).contains("CN=Alice");
        assertThat(Files.getPosixFilePermissions(home.resolve(PartyIdentity.PASSWORD_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThatThrownBy(() -> PartyIdentity.create(home, "CN=Mallory")).isInstanceOf(IdentityException.class)
                .hasMessageContaining("never overwritten");
        assertThatThrownBy(() -> PartyIdentity.create(home.resolve("x"), "not a name"))
                .isInstanceOf(IdentityException.class).hasMessageContaining("X.500");
    }

    @Test
    void aCertificateForAnotherKeyIsRefusedAndTheRightOneIsKept() throws Exception {
        PartyIdentity identity = PartyIdentity.create(home, "CN=Alice");
        Pki.Entity other = ca.issue("Alice", Pki.Usage.SIGNING);
        assertThatThrownBy(() -> identity.install(List.of(other.certificate()))).isInstanceOf(IdentityException.class)
                .hasMessageContaining("another key");
        assertThat(identity.enrolled()).isFalse();
        identity.install(List.of(ca.certify(Pki.name("Alice"), identity.certificate().getPublicKey(),
                Pki.Usage.SIGNING)));
        PartyIdentity reopened = PartyIdentity.open(home);
        assertThat(reopened.enrolled()).isTrue();
        assertThat(reopened.fingerprint()).isEqualTo(identity.fingerprint());
    }

    @Test
    void enrollmentOverEstWithAToken() throws Exception {
        try (TestCa server = new TestCa(ca)) {
            PartyIdentity identity = PartyIdentity.create(home, "CN=Alice");
            CaEnrollment enrollment = new CaEnrollment(java.net.URI.create(server.url()), Duration.ofSeconds(5));
            assertThatThrownBy(() -> enrollment.enrollEst(identity.certificationRequest(), "buyer", "wrong"))
                    .isInstanceOf(EnrollmentException.class).hasMessageContaining("ask a registration officer")
                    .extracting(e -> ((EnrollmentException) e).code().orElseThrow()).isEqualTo("enrollment-token-invalid");
            identity.install(enrollment.enrollEst(identity.certificationRequest(), "buyer", server.token()));
            assertThat(identity.enrolled()).isTrue();
            assertThat(identity.certificate().getIssuerX500Principal()).isEqualTo(ca.certificate()
                    .getSubjectX500Principal());
            assertThat(identity.chain()).hasSize(1);   // the self-signed root stays out of x5c
        }
    }

    @Test
    void enrollmentOverRestWithATokenAndByApproval() throws Exception {
        try (TestCa server = new TestCa(ca)) {
            CaEnrollment enrollment = new CaEnrollment(java.net.URI.create(server.url()), Duration.ofSeconds(5));
            PartyIdentity withToken = PartyIdentity.create(home.resolve("a"), "CN=Alice");
            String token = server.token();
            withToken.install(enrollment.enrollWithToken(withToken.certificationRequest(), "buyer", token));
            assertThat(withToken.enrolled()).isTrue();
            assertThatThrownBy(() -> enrollment.enrollWithToken(withToken.certificationRequest(), "buyer", token))
                    .isInstanceOf(EnrollmentException.class).hasMessageContaining("works once");

            PartyIdentity byApproval = PartyIdentity.create(home.resolve("b"), "CN=Bob,O=Bob Books");
            List<String> pending = new ArrayList<>();
            byApproval.install(enrollment.enrollByApproval(byApproval.certificationRequest(), "merchant",
                    "bob@books.example", "register HRB 1", Duration.ofMillis(20), Duration.ofSeconds(5), pending::add));
            assertThat(pending).singleElement().asString().startsWith("req-");
            assertThat(byApproval.enrolled()).isTrue();
        }
    }
}
