package org.semper.evidence.verdict;

import org.semper.evidence.exchange.Hashes;
import java.math.BigDecimal;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.semper.evidence.statement.SignedStatement;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A claim: a signed statement of the claimant (typ {@value #TYPE}) saying what it asks the arbiter to establish,
 * against whom, and for how much. The claimant is the signer.
 *
 * <pre>
 * {"format":"semper-claim/1", "type":"payment-due", "respondent":"&lt;h(DER) of the respondent's certificate&gt;",
 *  "amount":"250.00", "currency":"EUR", "protocol":"semper-px/1", "exchange":"&lt;H(first message)&gt;",
 *  "bundle":"&lt;id of the claimant's evidence bundle&gt;", "certificate":"&lt;h(DER)&gt;", "grounds":"..."}
 * </pre>
 * {@code protocol} and {@code exchange} are required for protocol claims (and {@code protocol} must be the claim
 * type's); {@code exchange} is optional for {@code ttp-misbehaviour} (absent: a log fork); {@code certificate}
 * (the certificate the CA vouched for) is required for {@code certificate-liability}, whose respondent is the CA.
 * Amounts are decimal strings (never JSON numbers: {@code docs/evidence.md}); {@code "0"} for a declaratory claim.
 */
public record Claim(String id, ClaimType type, String claimant, X509Certificate claimantCertificate, String respondent,
        BigDecimal amount, String currency, Optional<String> protocol, Optional<String> exchange,
        Optional<String> bundle, Optional<String> certificate, String grounds) {

    /** {@code typ} of a claim statement. */
    public static final String TYPE = "semper-dispute-claim+json";
    public static final String FORMAT = "semper-claim/1";

    private static final Pattern AMOUNT = Pattern.compile("(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?");
    private static final int MAX_GROUNDS = 4000;

    public Claim {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(respondent, "respondent");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(grounds, "grounds");
    }

    /**
     * Reads the claim in {@code statement} (its signature is checked elsewhere, with the other evidence).
     *
     * @throws ClaimRejection if it is not a claim statement, or a member is missing or malformed
     */
    public static Claim of(SignedStatement statement) throws ClaimRejection {
        Objects.requireNonNull(statement, "statement");
        if (!TYPE.equals(statement.type())) {
            throw new ClaimRejection(ClaimReason.UNSIGNED_CLAIM, "statement typ is " + statement.type() + ", not " + TYPE);
        }
        JsonNode payload = statement.payload();
        if (!FORMAT.equals(text(payload, "format"))) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "format is not " + FORMAT);
        }
        String typeCode = required(payload, "type");
        ClaimType type = ClaimType.fromCode(typeCode).orElseThrow(
                () -> new ClaimRejection(ClaimReason.UNKNOWN_CLAIM_TYPE, "unknown claim type " + typeCode));
        String respondent = digest(payload, "respondent", true);
        String amountText = required(payload, "amount");
        if (!AMOUNT.matcher(amountText).matches()) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "amount is not a decimal string with at most 4 "
                    + "decimals, e.g. \"250.00\": " + amountText);
        }
        String currency = required(payload, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "currency is not an ISO 4217 code: " + currency);
        }
        Optional<String> protocol = Optional.ofNullable(text(payload, "protocol"));
        Optional<String> exchange = Optional.ofNullable(digest(payload, "exchange", false));
        if (type.protocol().isPresent()) {
            if (!protocol.equals(type.protocol())) {
                throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "a " + type.code() + " claim is about "
                        + type.protocol().get() + ", not " + protocol.orElse("no protocol"));
            }
            if (exchange.isEmpty()) {
                throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "a " + type.code() + " claim names its exchange");
            }
        }
        if (type == ClaimType.TTP_MISBEHAVIOUR && exchange.isPresent() && protocol.isEmpty()) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "a ttp-misbehaviour claim about an exchange names its "
                    + "protocol");
        }
        Optional<String> certificate = Optional.ofNullable(digest(payload, "certificate", false));
        if (type == ClaimType.CERTIFICATE_LIABILITY && certificate.isEmpty()) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM,
                    "a certificate-liability claim names the certificate (h(DER)) the CA vouched for");
        }
        String grounds = Optional.ofNullable(text(payload, "grounds")).orElse("");
        if (grounds.length() > MAX_GROUNDS) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, "grounds longer than " + MAX_GROUNDS + " characters");
        }
        X509Certificate signer = statement.signerCertificate();
        return new Claim(statement.id(), type, Hashes.fingerprint(signer), signer, respondent, new BigDecimal(amountText),
                currency, protocol, exchange, Optional.ofNullable(digest(payload, "bundle", false)), certificate,
                grounds);
    }

    /** The payload of a claim with these members, for the claimant to sign (typ {@value #TYPE}). */
    public static Map<String, Object> payload(ClaimType type, String respondent, String amount, String currency,
            String exchange, String bundle, String certificate, String grounds) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("format", FORMAT);
        payload.put("type", type.code());
        payload.put("respondent", respondent);
        payload.put("amount", amount);
        payload.put("currency", currency);
        type.protocol().ifPresent(p -> payload.put("protocol", p));
        if (exchange != null) {
            payload.put("exchange", exchange);
        }
        if (bundle != null) {
            payload.put("bundle", bundle);
        }
        if (certificate != null) {
            payload.put("certificate", certificate);
        }
        if (grounds != null) {
            payload.put("grounds", grounds);
        }
        return payload;
    }

    private static String text(JsonNode payload, String member) throws ClaimRejection {
        JsonNode value = payload.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, member + " is not a string");
        }
        return value.textValue();
    }

    private static String required(JsonNode payload, String member) throws ClaimRejection {
        String value = text(payload, member);
        if (value == null || value.isEmpty()) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, member + " is missing");
        }
        return value;
    }

    private static String digest(JsonNode payload, String member, boolean required) throws ClaimRejection {
        String value = required ? required(payload, member) : text(payload, member);
        if (value != null && !Hashes.isDigest(value)) {
            throw new ClaimRejection(ClaimReason.MALFORMED_CLAIM, member + " is not a base64url SHA-256 value");
        }
        return value;
    }
}
