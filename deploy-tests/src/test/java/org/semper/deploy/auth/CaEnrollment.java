package org.semper.deploy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.semper.evidence.statement.StatementSigner;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Certificates and claims at the running CA, the way a subject and an RA officer with a real token make them. */
final class CaEnrollment {

    /** A certificate with its key and chain (issuing CA, root). */
    record Enrolled(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain, String serial) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakAuthIT test;

    CaEnrollment(KeycloakAuthIT test) {
        this.test = test;
    }

    /** An officer's one-time enrollment token for {@code subject} under {@code profile}. */
    String enrollmentToken(String subject, String profile) {
        HttpResponse<String> r = test.call("POST", test.service("ca-service").url("/api/v1/enrollment-tokens"), test.officerToken(),
                json(Map.of("subject", subject, "profile", profile, "validHours", 1)));
        assertThat(r.statusCode()).as("enrollment token: " + r.body()).isEqualTo(201);
        return KeycloakAuthIT.read(r).get("token").asText();
    }

    Enrolled enroll(String subject, String profile) {
        KeyPair keys = keyPair();
        HttpResponse<String> r = test.call("POST", test.service("ca-service").url("/api/v1/certificates"), null,
                json(Map.of("csr", csr(keys, subject), "profile", profile, "enrollmentToken", enrollmentToken(subject, profile))));
        assertThat(r.statusCode()).as("enrollment of " + subject + ": " + r.body()).isEqualTo(201);
        var body = KeycloakAuthIT.read(r);
        return new Enrolled(keys, certificates(body.get("certificate").asText()).get(0),
                certificates(body.get("chain").asText()), body.get("serial").asText());
    }

    /** A CSR sent without a token: queued for an officer's approval; returns the request's id. */
    String requestApproval(String subject, String profile) {
        HttpResponse<String> r = test.call("POST", test.service("ca-service").url("/api/v1/certificates"), null,
                json(Map.of("csr", csr(keyPair(), subject), "profile", profile)));
        assertThat(r.statusCode()).as("enrollment request of " + subject + ": " + r.body()).isEqualTo(202);
        return KeycloakAuthIT.read(r).get("id").asText();
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String csr(KeyPair keys, String subject) {
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(csr);
            }
            return pem.toString();
        } catch (java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files a claim (signed statement of the claimant) against {@code serial}'s cover; returns its id. */
    String fileClaim(Enrolled claimant, String serial) {
        String statement = StatementSigner.of(claimant.keys().getPrivate(), List.of(claimant.certificate(), claimant.chain().get(0)))
                .sign("semper-ca-claim", Map.of("certificateSerial", serial, "amount", "100.00", "currency", "EUR",
                        "grounds", "end-to-end test claim", "evidence", List.of("e2e:claim")))
                .toJson();
        HttpResponse<String> r = test.call("POST", test.service("ca-service").url("/api/v1/claims"), null, statement);
        assertThat(r.statusCode()).as("claim: " + r.body()).isEqualTo(201);
        return KeycloakAuthIT.read(r).get("id").asText();
    }

    static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
