package org.semper.evidence.statement;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.tsp.TimeStampToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.util.Base64URL;

/**
 * A Semper signed statement: a JWS in flattened JSON serialization (RFC 7515 §7.2.2) following the JAdES
 * baseline profile (ETSI TS 119 182-1): B-B, or B-T when its unprotected {@code etsiU} header holds signature
 * time-stamps ({@code sigTst}).
 *
 * <p>{@link #parse} is strict. It accepts exactly the members {@code protected}, {@code payload}, {@code signature}
 * and, optionally, {@code header}; every base64url value in its one canonical form; no duplicate member names in
 * any JSON it reads; and a protected header with
 * <ul>
 * <li>{@code alg}: a registered JWS algorithm other than {@code none} (whether it fits the key and the policy is
 * for the validator to say);</li>
 * <li>{@code typ} (a non-empty string) and {@code cty} equal to {@code application/json};</li>
 * <li>{@code x5c}: the signer's chain, leaf first, each certificate in canonical padded base64 DER; and, if present,
 * {@code x5t#S256} equal to the SHA-256 of the leaf;</li>
 * <li>exactly one claimed signing time: {@code sigT} ({@code YYYY-MM-DDThh:mm:ssZ}), which {@code crit} must list,
 * or {@code iat} (an integer); see {@link ClaimedTimeHeader};</li>
 * <li>{@code crit}, when present, a non-empty array of distinct names, each present in the header and understood:
 * Semper understands {@code sigT} only, so {@code b64}, {@code sigD} and anything else critical are refused.</li>
 * </ul>
 * The unprotected {@code header} may hold {@code etsiU} only: an array whose elements are all base64url-encoded
 * JSON objects or all clear JSON objects, each with one member. A {@code sigTst} member must hold exactly one
 * token ({@code {"tstTokens":[{"val":"<base64 DER>"}]}}, TS 119 182-1 §5.3.4 and the B-T requirement); other
 * unsigned components are kept as they are and not interpreted. The payload must be a UTF-8 JSON object.
 *
 * <p>Immutable and thread-safe. Adding a time-stamp gives a new statement with the same {@link #id()}.
 */
public final class SignedStatement {
    /** Default longest statement {@link #parse(String)} accepts: 1 MiB of characters. */
    public static final int DEFAULT_MAX_LENGTH = 1 << 20;

    private static final Pattern SIG_T = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Set<String> MEMBERS = Set.of("protected", "payload", "signature", "header");
    /** The critical header parameters this implementation processes (RFC 7515 §4.1.11). */
    private static final Set<String> UNDERSTOOD_CRITICAL = Set.of("sigT");
    private static final int MAX_CERTIFICATES = 10;
    static final String SIG_TST = "sigTst";
    static final String ETSI_U = "etsiU";
    private static final String DER_ENCODING = "http://uri.etsi.org/19182/DER";

    private final String encodedProtected;
    private final String encodedPayload;
    private final String encodedSignature;
    private final ObjectNode protectedHeader;
    private final byte[] payload;
    private final ObjectNode payloadJson;
    private final JWSAlgorithm algorithm;
    private final List<X509Certificate> certificateChain;
    private final ClaimedTimeHeader claimedTimeHeader;
    private final Instant claimedSigningTime;
    private final List<String> critical;
    private final List<JsonNode> etsiU;
    private final List<byte[]> signatureTimeStamps;
    private final String id;

    private SignedStatement(Parts parts) {
        this.encodedProtected = parts.encodedProtected;
        this.encodedPayload = parts.encodedPayload;
        this.encodedSignature = parts.encodedSignature;
        this.protectedHeader = parts.protectedHeader;
        this.payload = parts.payload;
        this.payloadJson = parts.payloadJson;
        this.algorithm = parts.algorithm;
        this.certificateChain = List.copyOf(parts.certificateChain);
        this.claimedTimeHeader = parts.claimedTimeHeader;
        this.claimedSigningTime = parts.claimedSigningTime;
        this.critical = List.copyOf(parts.critical);
        this.etsiU = List.copyOf(parts.etsiU);
        this.signatureTimeStamps = List.copyOf(parts.signatureTimeStamps);
        this.id = computeId(compact());
    }

    /** Parses a statement of at most {@link #DEFAULT_MAX_LENGTH} characters. */
    public static SignedStatement parse(String json) throws MalformedStatementException {
        return parse(json, DEFAULT_MAX_LENGTH);
    }

    /**
     * Parses a statement of at most {@code maxLength} characters (checked before anything is parsed).
     *
     * @throws MalformedStatementException if the text is longer, or not a statement this class accepts (see above)
     */
    public static SignedStatement parse(String json, int maxLength) throws MalformedStatementException {
        Objects.requireNonNull(json, "json");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        if (json.length() > maxLength) {
            throw new MalformedStatementException("statement of " + json.length() + " characters exceeds the limit of "
                    + maxLength);
        }
        JsonNode root = StrictJson.read(json, "statement");
        if (!root.isObject()) {
            throw new MalformedStatementException("statement is JSON " + root.getNodeType() + ", not an object");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                throw new MalformedStatementException("member \"" + name + "\" is not part of a flattened JWS JSON "
                        + "serialization (RFC 7515 §7.2.2)" + ("signatures".equals(name)
                        ? "; the general serialization is not accepted" : ""));
            }
        }
        Parts parts = new Parts();
        parts.encodedProtected = requiredText(root, "protected");
        parts.encodedPayload = requiredText(root, "payload");
        parts.encodedSignature = requiredText(root, "signature");
        byte[] protectedBytes = StrictJson.base64Url(parts.encodedProtected, "protected");
        parts.payload = StrictJson.base64Url(parts.encodedPayload, "payload");
        byte[] signature = StrictJson.base64Url(parts.encodedSignature, "signature");
        if (signature.length == 0) {
            throw new MalformedStatementException("signature is empty");
        }
        parts.protectedHeader = StrictJson.readObject(protectedBytes, "protected header");
        readProtectedHeader(parts);
        parts.payloadJson = StrictJson.readObject(parts.payload, "payload");
        JsonNode header = root.get("header");
        if (header != null) {
            readUnprotectedHeader(header, parts);
        }
        try {
            new JWSObject(new Base64URL(parts.encodedProtected), new Base64URL(parts.encodedPayload),
                    new Base64URL(parts.encodedSignature));
        } catch (ParseException | RuntimeException e) {
            throw new MalformedStatementException("not a JWS: " + e.getMessage(), e);
        }
        return new SignedStatement(parts);
    }

    private static String requiredText(JsonNode node, String name) throws MalformedStatementException {
        JsonNode value = node.get(name);
        if (value == null) {
            throw new MalformedStatementException("member \"" + name + "\" is missing");
        }
        if (!value.isTextual()) {
            throw new MalformedStatementException("member \"" + name + "\" is not a string");
        }
        return value.textValue();
    }

    private static void readProtectedHeader(Parts parts) throws MalformedStatementException {
        ObjectNode header = parts.protectedHeader;
        String alg = requiredText(header, "alg");
        if ("none".equalsIgnoreCase(alg)) {
            throw new MalformedStatementException("alg \"none\" (an unsecured JWS) is never accepted");
        }
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        if (!JWSAlgorithm.Family.SIGNATURE.contains(algorithm) && !JWSAlgorithm.Family.HMAC_SHA.contains(algorithm)) {
            throw new MalformedStatementException("alg \"" + alg + "\" is not a registered JWS algorithm "
                    + "(RFC 7518 §3.1)");
        }
        parts.algorithm = algorithm;

        String typ = requiredText(header, "typ");
        if (typ.isEmpty()) {
            throw new MalformedStatementException("typ is empty");
        }
        String cty = requiredText(header, "cty");
        if (!"application/json".equals(cty)) {
            throw new MalformedStatementException("cty is \"" + cty + "\", a statement's is \"application/json\"");
        }
        if (header.has(ETSI_U)) {
            throw new MalformedStatementException("etsiU belongs in the unprotected header");
        }
        if (header.has("b64")) {
            throw new MalformedStatementException("b64 (RFC 7797 unencoded payload) is not supported");
        }

        JsonNode x5c = header.get("x5c");
        if (x5c == null) {
            throw new MalformedStatementException("x5c (the signer's certificate chain) is missing");
        }
        if (!x5c.isArray() || x5c.isEmpty()) {
            throw new MalformedStatementException("x5c is not a non-empty array");
        }
        if (x5c.size() > MAX_CERTIFICATES) {
            throw new MalformedStatementException("x5c holds " + x5c.size() + " certificates, at most "
                    + MAX_CERTIFICATES + " are accepted");
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 certificate factory", e);
        }
        for (int i = 0; i < x5c.size(); i++) {
            JsonNode entry = x5c.get(i);
            if (!entry.isTextual()) {
                throw new MalformedStatementException("x5c[" + i + "] is not a string");
            }
            byte[] der = StrictJson.base64(entry.textValue(), "x5c[" + i + "]");
            try {
                parts.certificateChain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                throw new MalformedStatementException("x5c[" + i + "] is not an X.509 certificate: " + e.getMessage(), e);
            }
        }
        JsonNode thumbprint = header.get("x5t#S256");
        if (thumbprint != null) {
            if (!thumbprint.isTextual()) {
                throw new MalformedStatementException("x5t#S256 is not a string");
            }
            byte[] expected = sha256(encoded(parts.certificateChain.get(0)));
            if (!MessageDigest.isEqual(expected, StrictJson.base64Url(thumbprint.textValue(), "x5t#S256"))) {
                throw new MalformedStatementException("x5t#S256 is not the SHA-256 of the certificate in x5c[0]");
            }
        }

        readCritical(header, parts);
        JsonNode sigT = header.get("sigT");
        JsonNode iat = header.get("iat");
        if (sigT == null && iat == null) {
            throw new MalformedStatementException("no claimed signing time: sigT (or iat) is missing");
        }
        if (sigT != null && iat != null) {
            throw new MalformedStatementException("both sigT and iat are present; a JAdES signature has one of them");
        }
        if (sigT != null) {
            if (!sigT.isTextual() || !SIG_T.matcher(sigT.textValue()).matches()) {
                throw new MalformedStatementException("sigT is not a UTC time YYYY-MM-DDThh:mm:ssZ");
            }
            try {
                parts.claimedSigningTime = Instant.parse(sigT.textValue());
            } catch (DateTimeParseException e) {
                throw new MalformedStatementException("sigT is not a valid time: " + sigT.textValue());
            }
            if (!parts.critical.contains("sigT")) {
                throw new MalformedStatementException("sigT is present but crit does not list it "
                        + "(ETSI TS 119 182-1 §5.2.1)");
            }
            parts.claimedTimeHeader = ClaimedTimeHeader.SIG_T;
        } else {
            if (!iat.isIntegralNumber() || !iat.canConvertToLong() || iat.longValue() < 0) {
                throw new MalformedStatementException("iat is not a non-negative integer NumericDate (RFC 7519 §2)");
            }
            try {
                parts.claimedSigningTime = Instant.ofEpochSecond(iat.longValue());
            } catch (java.time.DateTimeException e) {
                throw new MalformedStatementException("iat is out of range");
            }
            parts.claimedTimeHeader = ClaimedTimeHeader.IAT;
        }
    }

    private static void readCritical(ObjectNode header, Parts parts) throws MalformedStatementException {
        JsonNode crit = header.get("crit");
        if (crit == null) {
            if (header.has("sigT")) {
                throw new MalformedStatementException("crit is missing; it must list sigT (ETSI TS 119 182-1 §5.2.1)");
            }
            return;
        }
        if (!crit.isArray() || crit.isEmpty()) {
            throw new MalformedStatementException("crit is not a non-empty array (RFC 7515 §4.1.11)");
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode entry : crit) {
            if (!entry.isTextual()) {
                throw new MalformedStatementException("crit holds a non-string entry");
            }
            if (!seen.add(entry.textValue())) {
                throw new MalformedStatementException("crit lists \"" + entry.textValue() + "\" twice");
            }
        }
        if (header.has("sigT") && !seen.contains("sigT")) {
            throw new MalformedStatementException("sigT is present but crit does not list it "
                    + "(ETSI TS 119 182-1 §5.2.1)");
        }
        for (JsonNode entry : crit) {
            String name = entry.textValue();
            if (!UNDERSTOOD_CRITICAL.contains(name)) {
                throw new MalformedStatementException("critical header parameter \"" + name + "\" is not understood "
                        + "(RFC 7515 §4.1.11: such a JWS must be rejected)");
            }
            if (!header.has(name)) {
                throw new MalformedStatementException("crit lists \"" + name + "\" but the protected header lacks it");
            }
            parts.critical.add(name);
        }
    }

    private static void readUnprotectedHeader(JsonNode header, Parts parts) throws MalformedStatementException {
        if (!header.isObject()) {
            throw new MalformedStatementException("header is not a JSON object");
        }
        Iterator<String> names = header.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ETSI_U.equals(name)) {
                throw new MalformedStatementException("unprotected header parameter \"" + name + "\" is not accepted; "
                        + "only etsiU may be unprotected");
            }
        }
        JsonNode etsiU = header.get(ETSI_U);
        if (etsiU == null || !etsiU.isArray()) {
            throw new MalformedStatementException("etsiU is not an array");
        }
        Boolean encoded = null;
        for (int i = 0; i < etsiU.size(); i++) {
            JsonNode element = etsiU.get(i);
            ObjectNode component;
            if (element.isTextual()) {
                component = StrictJson.readObject(StrictJson.base64Url(element.textValue(), "etsiU[" + i + "]"),
                        "etsiU[" + i + "]");
            } else if (element.isObject()) {
                component = (ObjectNode) element;
            } else {
                throw new MalformedStatementException("etsiU[" + i + "] is neither a base64url string nor an object");
            }
            if (encoded != null && encoded != element.isTextual()) {
                throw new MalformedStatementException("etsiU mixes base64url-encoded and clear components "
                        + "(ETSI TS 119 182-1 §5.3.1)");
            }
            encoded = element.isTextual();
            if (component.size() != 1) {
                throw new MalformedStatementException("etsiU[" + i + "] has " + component.size()
                        + " members; an unsigned component has one");
            }
            if (component.has(SIG_TST)) {
                parts.signatureTimeStamps.add(readSigTst(component.get(SIG_TST), i));
            }
            parts.etsiU.add(element.deepCopy());
        }
    }

    private static byte[] readSigTst(JsonNode sigTst, int index) throws MalformedStatementException {
        String where = "etsiU[" + index + "].sigTst";
        if (!sigTst.isObject()) {
            throw new MalformedStatementException(where + " is not an object");
        }
        Iterator<String> names = sigTst.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!"tstTokens".equals(name)) {
                throw new MalformedStatementException(where + " has an unexpected member \"" + name + "\"");
            }
        }
        JsonNode tokens = sigTst.get("tstTokens");
        if (tokens == null || !tokens.isArray() || tokens.size() != 1) {
            throw new MalformedStatementException(where + ".tstTokens must hold exactly one token (JAdES B-T)");
        }
        JsonNode token = tokens.get(0);
        if (!token.isObject()) {
            throw new MalformedStatementException(where + ".tstTokens[0] is not an object");
        }
        Iterator<String> tokenMembers = token.fieldNames();
        while (tokenMembers.hasNext()) {
            String name = tokenMembers.next();
            if (!"val".equals(name) && !"encoding".equals(name)) {
                throw new MalformedStatementException(where + ".tstTokens[0] has an unexpected member \"" + name + "\"");
            }
        }
        JsonNode encoding = token.get("encoding");
        if (encoding != null && !DER_ENCODING.equals(encoding.asText())) {
            throw new MalformedStatementException(where + " token encoding " + encoding + " is not DER");
        }
        JsonNode val = token.get("val");
        if (val == null || !val.isTextual()) {
            throw new MalformedStatementException(where + ".tstTokens[0].val is missing");
        }
        byte[] der = StrictJson.base64(val.textValue(), where + " token");
        if (der.length == 0) {
            throw new MalformedStatementException(where + " token is empty");
        }
        return der;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * {@code H(s)}: base64url (no padding) of the SHA-256 of the ASCII compact serialization
     * {@code b64u(protected) "." b64u(payload) "." b64u(signature)} ({@code protocols.md} §0). Unprotected headers
     * (time-stamps) do not change it.
     */
    public String id() {
        return id;
    }

    /** The JWS compact serialization of the signed part (RFC 7515 §7.1); the unprotected header is not in it. */
    public String compact() {
        return encodedProtected + "." + encodedPayload + "." + encodedSignature;
    }

    /** The {@code alg} header parameter, e.g. {@code ES256}. */
    public String algorithm() {
        return algorithm.getName();
    }

    JWSAlgorithm jwsAlgorithm() {
        return algorithm;
    }

    /** The {@code typ} header parameter: the statement type. */
    public String type() {
        return protectedHeader.get("typ").textValue();
    }

    /** The {@code cty} header parameter, always {@code application/json}. */
    public String contentType() {
        return protectedHeader.get("cty").textValue();
    }

    /** The {@code x5c} chain as the signer sent it, leaf first. Untrusted until validated. */
    public List<X509Certificate> certificateChain() {
        return certificateChain;
    }

    /** The first certificate of {@code x5c}: the one whose key must verify the signature. */
    public X509Certificate signerCertificate() {
        return certificateChain.get(0);
    }

    /** The signer's claimed signing time ({@code sigT} or {@code iat}); a claim, not a proof. */
    public Instant claimedSigningTime() {
        return claimedSigningTime;
    }

    /** Which header carries {@link #claimedSigningTime()}. */
    public ClaimedTimeHeader claimedTimeHeader() {
        return claimedTimeHeader;
    }

    /** The {@code crit} entries, in order (empty if there is no {@code crit}). */
    public List<String> criticalHeaders() {
        return critical;
    }

    /** The decoded protected header (a copy), for parameters without an accessor of their own. */
    public ObjectNode protectedHeader() {
        return protectedHeader.deepCopy();
    }

    /** The exact payload bytes that were signed (a copy). */
    public byte[] payloadBytes() {
        return payload.clone();
    }

    /** The payload as a JSON object (a copy). */
    public ObjectNode payload() {
        return payloadJson.deepCopy();
    }

    /** The base64url-encoded JWS signature value, as it appears in the statement. */
    public String encodedSignature() {
        return encodedSignature;
    }

    /** The decoded JWS signature value (a copy). */
    public byte[] signatureValue() {
        return Base64.getUrlDecoder().decode(encodedSignature);
    }

    /** The DER RFC 3161 tokens of the {@code sigTst} components, in {@code etsiU} order (copies). */
    public List<byte[]> signatureTimeStamps() {
        List<byte[]> copies = new ArrayList<>();
        for (byte[] token : signatureTimeStamps) {
            copies.add(token.clone());
        }
        return copies;
    }

    /**
     * A copy of this statement with one more signature time-stamp: a {@code sigTst} component appended to
     * {@code etsiU}, in the form (base64url or clear) the existing components use, base64url if there are none.
     * The token must be over {@link SignatureTimeStamps#imprintInput(SignedStatement)}; that is not checked here
     * but by the validator. The {@link #id()} does not change.
     *
     * @throws IllegalArgumentException if the bytes are not an RFC 3161 time-stamp token
     */
    public SignedStatement withSignatureTimeStamp(byte[] timeStampToken) {
        Objects.requireNonNull(timeStampToken, "timeStampToken");
        try {
            new TimeStampToken(ContentInfo.getInstance(ASN1Primitive.fromByteArray(timeStampToken)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not an RFC 3161 time-stamp token: " + e.getMessage(), e);
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode token = nodes.objectNode().put("val", Base64.getEncoder().encodeToString(timeStampToken));
        ObjectNode sigTst = nodes.objectNode();
        sigTst.putArray("tstTokens").add(token);
        ObjectNode component = nodes.objectNode();
        component.set(SIG_TST, sigTst);
        boolean clear = !etsiU.isEmpty() && etsiU.get(0).isObject();
        Parts parts = Parts.of(this);
        parts.etsiU.add(clear ? component : TextNode.valueOf(StrictJson.base64Url(CanonicalJson.serialize(component))));
        parts.signatureTimeStamps.add(timeStampToken.clone());
        return new SignedStatement(parts);
    }

    /**
     * The flattened JWS JSON serialization (RFC 7515 §7.2.2), members in canonical order ({@link CanonicalJson});
     * {@code header} appears only when there are unsigned components. {@link #parse(String)} gives this statement back.
     */
    public String toJson() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("protected", encodedProtected);
        root.put("payload", encodedPayload);
        root.put("signature", encodedSignature);
        if (!etsiU.isEmpty()) {
            ArrayNode array = root.putObject("header").putArray(ETSI_U);
            etsiU.forEach(element -> array.add(element.deepCopy()));
        }
        return new String(CanonicalJson.serialize(root), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedStatement that && toJson().equals(that.toJson());
    }

    @Override
    public int hashCode() {
        return toJson().hashCode();
    }

    @Override
    public String toString() {
        return "SignedStatement[" + type() + ", " + algorithm() + ", id=" + id + ", sigTst=" + signatureTimeStamps.size()
                + "]";
    }

    private static String computeId(String compact) {
        return StrictJson.base64Url(sha256(compact.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** What parsing has established so far; confined to one parse. */
    private static final class Parts {
        String encodedProtected;
        String encodedPayload;
        String encodedSignature;
        ObjectNode protectedHeader;
        byte[] payload;
        ObjectNode payloadJson;
        JWSAlgorithm algorithm;
        List<X509Certificate> certificateChain = new ArrayList<>();
        ClaimedTimeHeader claimedTimeHeader;
        Instant claimedSigningTime;
        List<String> critical = new ArrayList<>();
        List<JsonNode> etsiU = new ArrayList<>();
        List<byte[]> signatureTimeStamps = new ArrayList<>();

        static Parts of(SignedStatement statement) {
            Parts parts = new Parts();
            parts.encodedProtected = statement.encodedProtected;
            parts.encodedPayload = statement.encodedPayload;
            parts.encodedSignature = statement.encodedSignature;
            parts.protectedHeader = statement.protectedHeader;
            parts.payload = statement.payload;
            parts.payloadJson = statement.payloadJson;
            parts.algorithm = statement.algorithm;
            parts.certificateChain.addAll(statement.certificateChain);
            parts.claimedTimeHeader = statement.claimedTimeHeader;
            parts.claimedSigningTime = statement.claimedSigningTime;
            parts.critical.addAll(statement.critical);
            parts.etsiU.addAll(statement.etsiU);
            parts.signatureTimeStamps.addAll(statement.signatureTimeStamps);
            return parts;
        }
    }
}
