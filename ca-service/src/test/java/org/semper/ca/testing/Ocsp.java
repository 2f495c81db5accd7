package org.semper.ca.testing;

import static io.restassured.RestAssured.given;

import java.math.BigInteger;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** A Bouncy Castle OCSP client for the tests. */
public final class Ocsp {

    private Ocsp() {
    }

    public static OCSPReq request(X509Certificate issuer, BigInteger serial, byte[] nonce) {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new X509CertificateHolder(issuer.getEncoded()), serial);
            OCSPReqBuilder builder = new OCSPReqBuilder().addRequest(id);
            if (nonce != null) {
                builder.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                        new DEROctetString(nonce))));
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static OCSPResp post(byte[] body) {
        try {
            byte[] der = given().contentType("application/ocsp-request").body(body).when().post("/ocsp")
                    .then().statusCode(200).contentType("application/ocsp-response").extract().asByteArray();
            return new OCSPResp(der);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
