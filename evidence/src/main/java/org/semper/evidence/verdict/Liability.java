package org.semper.evidence.verdict;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.semper.evidence.cover.LiabilityCover;

/**
 * Who owes what after an upheld claim, and the cover it falls under: the {@code QcEuLimitValue} of the liable
 * party's certificate (for a certificate-liability claim, of the certificate the CA vouched for).
 *
 * @param role          {@code respondent}, {@code ttp} or {@code ca}
 * @param party         h(DER) of the liable party's certificate
 * @param coveredAmount the part of {@code amount} the cover can pay: min(amount, cover) in the cover's currency,
 *                      zero without a cover or in another currency
 */
public record Liability(String role, String party, Optional<String> subject, BigDecimal amount, String currency,
        Optional<Cover> cover, BigDecimal coveredAmount) {

    /** The cover stated in a certificate, and which certificate. */
    public record Cover(String certificate, String serial, String issuer, LiabilityCover value) {
        public Cover {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(serial, "serial");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(value, "value");
        }
    }

    public Liability {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(coveredAmount, "coveredAmount");
    }

    Map<String, Object> toPayload() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", role);
        out.put("party", party);
        subject.ifPresent(s -> out.put("subject", s));
        out.put("amount", amount.toPlainString());
        out.put("currency", currency);
        cover.ifPresent(c -> {
            Map<String, Object> cover = new LinkedHashMap<>();
            cover.put("certificate", c.certificate());
            cover.put("serial", c.serial());
            cover.put("issuer", c.issuer());
            cover.put("currency", c.value().currency());
            cover.put("amount", c.value().amount().toString());
            cover.put("exponent", c.value().exponent());
            cover.put("value", c.value().value().toPlainString());
            out.put("cover", cover);
        });
        out.put("coveredAmount", coveredAmount.toPlainString());
        return out;
    }
}
