package org.semper.tsa.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;

class TimeStampRequestRulesTest {

    private static final ASN1ObjectIdentifier POLICY = new ASN1ObjectIdentifier("1.2.3.99");
    private final TimeStampRequestRules rules = new TimeStampRequestRules(Set.of(POLICY));

    @Test
    void acceptsAWellFormedRequest() throws Exception {
        var request = rules.parse(new TimeStampRequestGenerator().generate(ImprintAlgorithm.SHA_512.oid(), new byte[64]).getEncoded());
        assertThat(rules.check(request)).isEqualTo(ImprintAlgorithm.SHA_512);
    }

    @Test
    void namesEachRefusal() throws Exception {
        assertFailure(() -> rules.parse(new byte[] { 0x30, 0x03, 0x02, 0x01 }), TsaFailure.BAD_REQUEST);
        assertFailure(() -> rules.parse(new byte[] { 0x04, 0x01, 0x00 }), TsaFailure.BAD_REQUEST);
        assertFailure(() -> rules.check(new TimeStampRequestGenerator().generate(ImprintAlgorithm.SHA_1.oid(), new byte[20])),
                TsaFailure.BAD_ALG);
        assertFailure(() -> rules.check(new TimeStampRequestGenerator().generate(ImprintAlgorithm.SHA3_384.oid(), new byte[47])),
                TsaFailure.BAD_DATA_FORMAT);
        TimeStampRequestGenerator otherPolicy = new TimeStampRequestGenerator();
        otherPolicy.setReqPolicy(new ASN1ObjectIdentifier("1.2.3.100"));
        assertFailure(() -> rules.check(otherPolicy.generate(ImprintAlgorithm.SHA_256.oid(), new byte[32])),
                TsaFailure.UNACCEPTED_POLICY);
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertFailure(Call call, TsaFailure expected) {
        assertThatThrownBy(call::run).isInstanceOf(TimeStampRejection.class)
                .extracting(e -> ((TimeStampRejection) e).failure()).isEqualTo(expected);
    }
}
