package org.semper.evidence.cover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.Iso4217CurrencyCode;
import org.bouncycastle.asn1.x509.qualified.MonetaryValue;
import org.bouncycastle.asn1.x509.qualified.QCStatement;
import org.bouncycastle.asn1.x509.qualified.RFC3739QCObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.semper.evidence.testing.CasePki;

class LiabilityCoverTest {
    private static final CasePki PKI = new CasePki("Cover");

    @Test
    void readsTheCoverOfACertificate() {
        CasePki.Party merchant = PKI.party("Shop", new CasePki.Cover("EUR", 10, 3));
        LiabilityCover cover = LiabilityCover.of(merchant.certificate()).orElseThrow();
        assertThat(cover.currency()).isEqualTo("EUR");
        assertThat(cover.amount()).isEqualTo(BigInteger.TEN);
        assertThat(cover.exponent()).isEqualTo(3);
        assertThat(cover.value()).isEqualByComparingTo(new BigDecimal("10000"));
        assertThat(cover).hasToString("10000 EUR");
    }

    @Test
    void aCertificateWithoutQcStatementsHasNoCover() {
        assertThat(LiabilityCover.of(PKI.party("Buyer", null).certificate())).isEmpty();
    }

    @Test
    void otherStatementsAreSkippedAndANumericCurrencyIsMapped() throws Exception {
        byte[] value = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new QCStatement(RFC3739QCObjectIdentifiers.id_qcs_pkixQCSyntax_v2),
            new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_LimiteValue,
                    new MonetaryValue(new Iso4217CurrencyCode(978), 25, -1))}).getEncoded();
        LiabilityCover cover = LiabilityCover.fromExtensionValue(value).orElseThrow();
        assertThat(cover.currency()).isEqualTo("EUR");
        assertThat(cover.value()).isEqualByComparingTo(new BigDecimal("2.5"));
    }

    @Test
    void noLimitValueStatementIsNoCover() throws Exception {
        byte[] value = new DERSequence(new QCStatement(RFC3739QCObjectIdentifiers.id_qcs_pkixQCSyntax_v2)).getEncoded();
        assertThat(LiabilityCover.fromExtensionValue(value)).isEmpty();
    }

    @Test
    void malformedStatementsAreRefused() throws Exception {
        assertThatThrownBy(() -> LiabilityCover.fromExtensionValue(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] notMoney = new DERSequence(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_LimiteValue,
                new DERUTF8String("a lot"))).getEncoded();
        assertThatThrownBy(() -> LiabilityCover.fromExtensionValue(notMoney)).isInstanceOf(RuntimeException.class);
    }
}
