package org.semper.evidence.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.semper.evidence.testing.TestPki;

class TimeStampQueryTest {
    private static final byte[] DATA = "an offer".getBytes(StandardCharsets.UTF_8);

    @Test
    void encodesARequestThatBouncyCastleReadsBack() throws Exception {
        byte[] digest = TestPki.digest("SHA-384", DATA);
        TimeStampQuery query = TimeStampQuery.forDigest(ImprintAlgorithm.SHA_384, digest)
                .nonce(new BigInteger("18446744073709551615")).policy("1.3.6.1.4.1.99999.1.1").build();

        TimeStampRequest request = new TimeStampRequest(query.encoded());

        assertThat(request.getVersion()).isEqualTo(1);
        assertThat(request.getMessageImprintAlgOID()).isEqualTo(ImprintAlgorithm.SHA_384.oid());
        assertThat(request.getMessageImprintDigest()).isEqualTo(digest);
        assertThat(request.getNonce()).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(request.getCertReq()).isTrue();
        assertThat(request.getReqPolicy()).isEqualTo(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1.1"));
        assertThat(request.getEncoded()).as("DER, as BC would write it").isEqualTo(query.encoded());
        assertThat(query.policy()).contains("1.3.6.1.4.1.99999.1.1");
    }

    @ParameterizedTest
    @EnumSource(value = ImprintAlgorithm.class, names = {"MD5", "SHA_1"}, mode = EnumSource.Mode.EXCLUDE)
    void forDataHashesWithTheChosenAlgorithm(ImprintAlgorithm algorithm) throws Exception {
        TimeStampQuery query = TimeStampQuery.forData(algorithm, DATA).build();

        TimeStampRequest request = new TimeStampRequest(query.encoded());

        assertThat(request.getMessageImprintAlgOID()).isEqualTo(algorithm.oid());
        assertThat(request.getMessageImprintDigest()).isEqualTo(TestPki.digest(algorithm.jcaName(), DATA));
        assertThat(query.digest()).isEqualTo(request.getMessageImprintDigest());
    }

    @Test
    void defaultNonceIsARandomPositive64BitNumber() throws Exception {
        TimeStampQuery first = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).build();
        TimeStampQuery second = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).build();

        BigInteger nonce = new TimeStampRequest(first.encoded()).getNonce();

        assertThat(nonce).isEqualTo(first.nonce().orElseThrow());
        assertThat(nonce.signum()).isPositive();
        assertThat(nonce.bitLength()).isLessThanOrEqualTo(64);
        assertThat(second.nonce()).isNotEqualTo(first.nonce());
    }

    @Test
    void nonceAndCertificateRequestCanBeLeftOut() throws Exception {
        TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA3_256, DATA).withoutNonce()
                .certificateRequested(false).build();

        TimeStampRequest request = new TimeStampRequest(query.encoded());

        assertThat(request.getNonce()).isNull();
        assertThat(request.getCertReq()).isFalse();
        assertThat(request.getReqPolicy()).isNull();
        assertThat(query.nonce()).isEmpty();
        assertThat(query.certificateRequested()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = ImprintAlgorithm.class, names = {"MD5", "SHA_1"})
    void refusedAlgorithmsAreRejected(ImprintAlgorithm algorithm) {
        assertThatThrownBy(() -> TimeStampQuery.forData(algorithm, DATA))
                .isInstanceOf(RefusedImprintAlgorithmException.class)
                .satisfies(e -> assertThat(((RefusedImprintAlgorithmException) e).algorithm()).isEqualTo(algorithm));
        assertThatThrownBy(() -> TimeStampQuery.forDigest(algorithm, new byte[algorithm.digestLength()]))
                .isInstanceOf(RefusedImprintAlgorithmException.class);
    }

    @Test
    void digestOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> TimeStampQuery.forDigest(ImprintAlgorithm.SHA_512, new byte[32]))
                .isInstanceOf(ImprintLengthException.class)
                .hasMessageContaining("64")
                .satisfies(e -> assertThat(((ImprintLengthException) e).actualLength()).isEqualTo(32));
    }

    @Test
    void nonceMustBePositive() {
        TimeStampQuery.Builder builder = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA);

        assertThatThrownBy(() -> builder.nonce(BigInteger.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.nonce(BigInteger.valueOf(-5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void queryIsNotChangedThroughItsAccessors() {
        TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).build();
        byte[] encoded = query.encoded();
        byte[] digest = query.digest();

        encoded[encoded.length - 1] ^= 1;
        digest[0] ^= 1;

        assertThat(query.encoded()).isNotEqualTo(encoded);
        assertThat(query.digest()).isEqualTo(TestPki.digest("SHA-256", DATA));
    }
}
