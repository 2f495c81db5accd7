package org.semper.evidence.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubIndicationTest {
    @Test
    void eachSubIndicationBelongsToTheIndicationOfEn319102Table5() {
        assertThat(SubIndication.HASH_FAILURE.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(SubIndication.SIG_CRYPTO_FAILURE.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(SubIndication.FORMAT_FAILURE.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(SubIndication.EXPIRED.indication()).isEqualTo(Indication.TOTAL_FAILED);
        assertThat(SubIndication.NO_CERTIFICATE_CHAIN_FOUND.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(SubIndication.CRYPTO_CONSTRAINTS_FAILURE.indication()).isEqualTo(Indication.INDETERMINATE);
        assertThat(SubIndication.TRY_LATER.indication()).isEqualTo(Indication.INDETERMINATE);
        for (SubIndication subIndication : SubIndication.values()) {
            assertThat(subIndication.indication()).isNotEqualTo(Indication.TOTAL_PASSED);
        }
    }

    @Test
    void uriIsTheEtsiIdentifier() {
        assertThat(SubIndication.REVOKED_NO_POE.uri()).isEqualTo("urn:etsi:019102:subindication:REVOKED_NO_POE");
    }
}
