package org.semper.evidence.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIFreeText;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.asn1.cmp.PKIStatusInfo;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.semper.evidence.testing.TestPki;
import org.semper.evidence.testing.TestPki.Ca;
import org.semper.evidence.testing.TestPki.Tsa;
import org.semper.evidence.validation.TrustAnchors;

class TimeStampReplyTest {
    private static final byte[] DATA = "an order".getBytes(StandardCharsets.UTF_8);
    private static final Ca ROOT = TestPki.rootCa("Semper Reply Root");
    private static final Tsa TSA = ROOT.tsa("Semper Reply TSA");

    /** The BC constant for each RFC 3161 failure bit. */
    private static final Map<FailureInfo, Integer> BC_BITS = Map.of(
            FailureInfo.BAD_ALG, PKIFailureInfo.badAlg,
            FailureInfo.BAD_REQUEST, PKIFailureInfo.badRequest,
            FailureInfo.BAD_DATA_FORMAT, PKIFailureInfo.badDataFormat,
            FailureInfo.TIME_NOT_AVAILABLE, PKIFailureInfo.timeNotAvailable,
            FailureInfo.UNACCEPTED_POLICY, PKIFailureInfo.unacceptedPolicy,
            FailureInfo.UNACCEPTED_EXTENSION, PKIFailureInfo.unacceptedExtension,
            FailureInfo.ADD_INFO_NOT_AVAILABLE, PKIFailureInfo.addInfoNotAvailable,
            FailureInfo.SYSTEM_FAILURE, PKIFailureInfo.systemFailure);

    /** A BC TSA that accepts exactly Semper's accepted algorithms, as the TSA service should. */
    private static TimeStampResponseGenerator bcTsa() throws Exception {
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().setProvider(TestPki.BC)
                        .build("SHA256withECDSA", TSA.key().getPrivate(), TSA.certificate()),
                new JcaDigestCalculatorProviderBuilder().setProvider(TestPki.BC).build()
                        .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier(TestPki.POLICY));
        tokens.addCertificates(new JcaCertStore(List.of(TSA.certificate())));
        Set<ASN1ObjectIdentifier> accepted = new HashSet<>();
        for (ImprintAlgorithm algorithm : ImprintAlgorithm.values()) {
            if (algorithm.accepted()) {
                accepted.add(algorithm.oid());
            }
        }
        return new TimeStampResponseGenerator(tokens, accepted);
    }

    @Test
    void grantedResponseCarriesATokenThatAnswersTheQuery() throws Exception {
        TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).build();
        byte[] response = bcTsa().generate(new TimeStampRequest(query.encoded()), BigInteger.TEN, new Date())
                .getEncoded();

        TimeStampReply reply = TimeStampReply.parse(response);

        assertThat(reply.status()).isEqualTo(PkiStatus.GRANTED);
        assertThat(reply.granted()).isTrue();
        assertThat(reply.failureInfo()).isEmpty();
        assertThat(reply.token()).isPresent();
        TimeStampVerification verification = new TimeStampTokenVerifier(TrustAnchors.of(ROOT.certificate()))
                .verifyReplyTo(query, reply.token().orElseThrow());
        assertThat(verification.passed()).as(verification.message()).isTrue();
        assertThat(verification.serialNumber()).contains(BigInteger.TEN);
    }

    @Test
    void rejectionResponseDecodesStatusBitsAndText() throws Exception {
        byte[] response = bcTsa().generateFailResponse(PKIStatus.REJECTION,
                PKIFailureInfo.badAlg | PKIFailureInfo.unacceptedPolicy, "policy and algorithm refused").getEncoded();

        TimeStampReply reply = TimeStampReply.parse(response);

        assertThat(reply.status()).isEqualTo(PkiStatus.REJECTION);
        assertThat(reply.granted()).isFalse();
        assertThat(reply.failureInfo()).containsExactlyInAnyOrder(FailureInfo.BAD_ALG, FailureInfo.UNACCEPTED_POLICY);
        assertThat(reply.statusText()).contains("policy and algorithm refused");
        assertThat(reply.token()).isEmpty();
    }

    @Test
    void md5RequestIsRefusedByATsaThatKnowsTheRule() throws Exception {
        TimeStampRequest md5 = new TimeStampRequestGenerator()
                .generate(ImprintAlgorithm.MD5.oid(), TestPki.digest("MD5", DATA));

        TimeStampReply reply = TimeStampReply.parse(bcTsa().generate(md5, BigInteger.ONE, new Date()).getEncoded());

        assertThat(reply.status()).isEqualTo(PkiStatus.REJECTION);
        assertThat(reply.failureInfo()).containsExactly(FailureInfo.BAD_ALG);
    }

    @ParameterizedTest
    @EnumSource(FailureInfo.class)
    void everyRfc3161FailureBitIsDecoded(FailureInfo info) throws Exception {
        byte[] response = bcTsa().generateFailResponse(PKIStatus.REJECTION, BC_BITS.get(info), null).getEncoded();

        TimeStampReply reply = TimeStampReply.parse(response);

        assertThat(reply.failureInfo()).containsExactly(info);
        assertThat(reply.statusText()).isEmpty();
    }

    @Test
    void failureBitsOutsideRfc3161AreIgnored() throws Exception {
        byte[] response = bcTsa().generateFailResponse(PKIStatus.REJECTION,
                PKIFailureInfo.badPOP | PKIFailureInfo.systemFailure, null).getEncoded();

        assertThat(TimeStampReply.parse(response).failureInfo()).containsExactly(FailureInfo.SYSTEM_FAILURE);
    }

    @Test
    void waitingResponseHasNoToken() throws Exception {
        byte[] response = new TimeStampResp(new PKIStatusInfo(PKIStatus.getInstance(new ASN1Integer(3)), new PKIFreeText("busy")), null)
                .getEncoded(ASN1Encoding.DER);

        TimeStampReply reply = TimeStampReply.parse(response);

        assertThat(reply.status()).isEqualTo(PkiStatus.WAITING);
        assertThat(reply.statusText()).contains("busy");
    }

    @Test
    void malformedResponsesAreATypedError() throws Exception {
        byte[] granted = bcTsa().generate(
                new TimeStampRequest(TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).build().encoded()),
                BigInteger.ONE, new Date()).getEncoded();
        ContentInfo token = ContentInfo.getInstance(ASN1Primitive.fromByteArray(TimeStampReply.parse(granted).token().orElseThrow()));
        byte[] grantedWithoutToken = new TimeStampResp(new PKIStatusInfo(PKIStatus.granted), null).getEncoded();
        byte[] rejectedWithToken = new TimeStampResp(new PKIStatusInfo(PKIStatus.rejection), token).getEncoded();
        byte[] unknownStatus = new TimeStampResp(new PKIStatusInfo(PKIStatus.getInstance(new ASN1Integer(9))), null).getEncoded();
        byte[] tokenNotSigned = new TimeStampResp(new PKIStatusInfo(PKIStatus.granted),
                new ContentInfo(token.getContentType(), new DEROctetString(new byte[3]))).getEncoded();

        for (byte[] malformed : List.of("<html>busy</html>".getBytes(StandardCharsets.US_ASCII), new byte[0],
                Arrays.copyOf(granted, granted.length - 1), Arrays.copyOf(granted, granted.length + 2),
                grantedWithoutToken, rejectedWithToken, unknownStatus, tokenNotSigned)) {
            assertThatThrownBy(() -> TimeStampReply.parse(malformed)).isInstanceOf(MalformedTimeStampException.class);
        }
    }
}
