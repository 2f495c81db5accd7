package org.semper.ca.cover;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.Iso4217CurrencyCode;
import org.bouncycastle.asn1.x509.qualified.MonetaryValue;
import org.bouncycastle.asn1.x509.qualified.QCStatement;

/**
 * The RFC 3739 QCStatements extension value a Semper end-entity certificate carries: ETSI EN 319 412-5
 * {@code QcEuLimitValue} (0.4.0.1862.1.2) with the cover, and {@code QcEuPDS} (0.4.0.1862.1.5) with the URL of the
 * disclosure statement.
 */
public final class QcStatements {

    /** ETSI EN 319 412-5 {@code id-etsi-qcs-QcPDS}. */
    public static final org.bouncycastle.asn1.ASN1ObjectIdentifier QC_PDS = new org.bouncycastle.asn1.ASN1ObjectIdentifier("0.4.0.1862.1.5");

    private QcStatements() {
    }

    /** {@code QCStatements ::= SEQUENCE OF QCStatement}. */
    public static ASN1Sequence of(Cover cover, String pdsUrl) {
        ASN1EncodableVector statements = new ASN1EncodableVector();
        statements.add(new QCStatement(ETSIQCObjectIdentifiers.id_etsi_qcs_LimiteValue,
                new MonetaryValue(new Iso4217CurrencyCode(cover.currency()), cover.amount(), cover.exponent())));
        // PdsLocations ::= SEQUENCE SIZE (1..MAX) OF PdsLocation; PdsLocation ::= SEQUENCE { url IA5String, language PrintableString }
        statements.add(new QCStatement(QC_PDS,
                new DERSequence(new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                        new DERIA5String(pdsUrl), new DERPrintableString("en") }))));
        return new DERSequence(statements);
    }

    /** The cover stated in a QCStatements extension value, if it has a QcEuLimitValue. */
    public static java.util.Optional<Cover> coverOf(byte[] qcStatementsExtensionValue) {
        ASN1Sequence seq = ASN1Sequence.getInstance(qcStatementsExtensionValue);
        for (var element : seq) {
            QCStatement statement = QCStatement.getInstance(element);
            if (ETSIQCObjectIdentifiers.id_etsi_qcs_LimiteValue.equals(statement.getStatementId())) {
                MonetaryValue value = MonetaryValue.getInstance(statement.getStatementInfo());
                return java.util.Optional.of(new Cover(value.getCurrency().getAlphabetic(),
                        value.getAmount().intValueExact(), value.getExponent().intValueExact()));
            }
        }
        return java.util.Optional.empty();
    }
}
