package org.semper.evidence.cover;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.qualified.ETSIQCObjectIdentifiers;
import org.bouncycastle.asn1.x509.qualified.Iso4217CurrencyCode;
import org.bouncycastle.asn1.x509.qualified.MonetaryValue;
import org.bouncycastle.asn1.x509.qualified.QCStatement;

/**
 * The liability cover a certificate states: ETSI EN 319 412-5 {@code QcEuLimitValue} (0.4.0.1862.1.2) in the
 * RFC 3739 QCStatements extension (1.3.6.1.5.5.7.1.3), {@code MonetaryValue ::= SEQUENCE { currency, amount,
 * exponent }}, value = amount &times; 10<sup>exponent</sup>.
 *
 * <p>The reading side for relying parties, judges and courts (the arbiter). {@code ca-service} writes the statement
 * with its own {@code QcStatements}; both follow the same ASN.1 from Bouncy Castle's
 * {@code org.bouncycastle.asn1.x509.qualified}.
 *
 * @param currency ISO 4217 alphabetic code ({@code EUR}); a numeric code in the certificate is mapped to it
 * @param amount   the amount, non-negative
 * @param exponent the power of ten the amount is multiplied by
 */
public record LiabilityCover(String currency, BigInteger amount, int exponent) {

    public LiabilityCover {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency is not an ISO 4217 alphabetic code: " + currency);
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("a cover amount is never negative");
        }
    }

    /** The cover as a decimal value in {@link #currency()}, e.g. {@code 10000} for amount 10, exponent 3. */
    public BigDecimal value() {
        return new BigDecimal(amount).scaleByPowerOfTen(exponent).stripTrailingZeros();
    }

    /**
     * The cover stated in {@code certificate}, empty if it has no QCStatements extension or none of its statements
     * is a {@code QcEuLimitValue}.
     *
     * @throws IllegalArgumentException if the extension or the statement is not well-formed ASN.1
     */
    public static Optional<LiabilityCover> of(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        byte[] extension = certificate.getExtensionValue(Extension.qCStatements.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            return fromExtensionValue(ASN1OctetString.getInstance(extension).getOctets());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable QCStatements extension: " + e.getMessage(), e);
        }
    }

    /** The cover in a DER {@code QCStatements} value (the extension's inner octets). */
    public static Optional<LiabilityCover> fromExtensionValue(byte[] qcStatements) {
        ASN1Sequence statements;
        try {
            statements = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(qcStatements));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("QCStatements is not a DER SEQUENCE: " + e.getMessage(), e);
        }
        for (var element : statements) {
            QCStatement statement = QCStatement.getInstance(element);
            if (ETSIQCObjectIdentifiers.id_etsi_qcs_LimiteValue.equals(statement.getStatementId())) {
                if (statement.getStatementInfo() == null) {
                    throw new IllegalArgumentException("QcEuLimitValue without a MonetaryValue");
                }
                MonetaryValue value = MonetaryValue.getInstance(statement.getStatementInfo());
                return Optional.of(new LiabilityCover(alphabetic(value.getCurrency()), value.getAmount(),
                        value.getExponent().intValueExact()));
            }
        }
        return Optional.empty();
    }

    private static String alphabetic(Iso4217CurrencyCode code) {
        if (code.isAlphabetic()) {
            return code.getAlphabetic();
        }
        int numeric = code.getNumeric();
        return Currency.getAvailableCurrencies().stream().filter(c -> c.getNumericCode() == numeric)
                .map(Currency::getCurrencyCode).sorted().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown ISO 4217 numeric currency " + numeric));
    }

    @Override
    public String toString() {
        return value().toPlainString() + " " + currency;
    }
}
