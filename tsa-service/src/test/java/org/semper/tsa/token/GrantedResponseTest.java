package org.semper.tsa.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.runtime.crypto.CryptoProviders;
import org.semper.runtime.keys.SigningKey;

class GrantedResponseTest {

    @Test
    void isByteIdenticalToBouncyCastlesEncodingForRealTokens() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair keys = ec.generateKeyPair();
        X500Name name = new X500Name("CN=Granted Response Test TSA");
        var certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                java.util.Date.from(Instant.now().minusSeconds(60)), java.util.Date.from(Instant.now().plusSeconds(3600)), name,
                keys.getPublic())
                .addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        SigningKey key = new SigningKey(keys.getPrivate(), List.of(certificate), CryptoProviders.signing(), "test");
        TimeStampTokenSigner signer = new TimeStampTokenSigner(key, new ASN1ObjectIdentifier("1.2.3"), Duration.ofSeconds(1),
                Optional.of(name));
        for (boolean certReq : new boolean[] { true, false }) {
            var generator = new org.bouncycastle.tsp.TimeStampRequestGenerator();
            generator.setCertReq(certReq);
            var request = generator.generate(ImprintAlgorithm.SHA_256.oid(), new byte[32], BigInteger.TEN);
            byte[] tokenDer = signer.sign(request, BigInteger.valueOf(77), Instant.now()).getEncoded(ASN1Encoding.DER);
            byte[] expected = new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), ContentInfo.getInstance(tokenDer))
                    .getEncoded(ASN1Encoding.DER);
            assertThat(GrantedResponse.encode(tokenDer)).isEqualTo(expected);
            new TimeStampResponse(GrantedResponse.encode(tokenDer)).validate(request);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1, 100, 119, 120, 121, 122, 250, 251, 300, 65_000, 65_600, 70_000 })
    void encodesLengthsLikeDer(int size) throws Exception {
        byte[] element = new DEROctetString(new byte[size]).getEncoded(ASN1Encoding.DER);
        byte[] encoded = GrantedResponse.encode(element);
        ASN1Sequence parsed = (ASN1Sequence) ASN1Primitive.fromByteArray(encoded);
        assertThat(parsed.size()).isEqualTo(2);
        assertThat(parsed.getEncoded(ASN1Encoding.DER)).isEqualTo(encoded);
        assertThat(parsed.getObjectAt(1).toASN1Primitive().getEncoded(ASN1Encoding.DER)).isEqualTo(element);
    }
}
