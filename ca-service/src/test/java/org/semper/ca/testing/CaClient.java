package org.semper.ca.testing;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.semper.runtime.crypto.CryptoProviders;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test client of the CA's HTTP API: keys, CSRs, enrollment tokens from an officer, enrollment. */
public final class CaClient {

    private CaClient() {
    }

    /** A certificate and its key, as a subject holds them. */
    public record Enrolled(KeyPair keys, X509Certificate certificate, List<X509Certificate> chain, String serial) {
    }

    public static String officerBearer() {
        return OidcWiremockTestResource.getAccessToken("rita", Set.of("ra-officer"));
    }

    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static PKCS10CertificationRequest csr(KeyPair keys, String subject) {
        try {
            String alg = keys.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), keys.getPublic())
                    .build(new JcaContentSignerBuilder(alg).setProvider(CryptoProviders.bouncyCastle()).build(keys.getPrivate()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** An officer's token for subject + profile, optionally with a raised cover. */
    public static String token(String subject, String profile, Integer coverAmount, Integer coverExponent) {
        Map<String, Object> body = new HashMap<>();
        body.put("subject", subject);
        body.put("profile", profile);
        if (coverAmount != null) {
            body.put("coverAmount", coverAmount);
            body.put("coverExponent", coverExponent);
        }
        return given().auth().oauth2(officerBearer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/enrollment-tokens").then().statusCode(201).extract().path("token");
    }

    public static String token(String subject, String profile) {
        return token(subject, profile, null, null);
    }

    public static Response post(String csrPem, String profile, String token) {
        Map<String, Object> body = new HashMap<>();
        body.put("csr", csrPem);
        body.put("profile", profile);
        if (token != null) {
            body.put("enrollmentToken", token);
        }
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/certificates");
    }

    /** Submits a request without a token (it waits for an officer); {@code extra} adds e.g. contact and details. */
    public static Response submit(String csrPem, String profile, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("csr", csrPem);
        body.put("profile", profile);
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/certificates");
    }

    /** An officer's decision on an enrollment request. */
    public static Response decide(String requestId, Map<String, Object> decision) {
        return given().auth().oauth2(officerBearer()).contentType(ContentType.JSON).body(decision)
                .when().post("/api/v1/enrollment-requests/" + requestId + "/decision");
    }

    /** Enrolls a fresh P-256 key for {@code subject} under {@code profile}. */
    public static Enrolled enroll(String subject, String profile) {
        return enroll(ec("secp256r1"), subject, profile, token(subject, profile));
    }

    public static Enrolled enroll(KeyPair keys, String subject, String profile, String token) {
        Response r = post(pem(csr(keys, subject)), profile, token);
        r.then().statusCode(201);
        return new Enrolled(keys, certificates(r.path("certificate")).get(0), certificates(r.path("chain")), r.path("serial"));
    }

    public static List<X509Certificate> certificates(String pem) {
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes()))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A statement of {@code type} signed with an enrolled key (evidence format), as JSON. */
    public static String signed(Enrolled signer, String type, Map<String, ?> payload) {
        return org.semper.evidence.statement.StatementSigner.of(signer.keys().getPrivate(),
                List.of(signer.certificate(), signer.chain().get(0))).sign(type, payload).toJson();
    }
}
