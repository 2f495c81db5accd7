package org.semper.evidence.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semper.evidence.testing.StatementPki.b64u;
import static org.semper.evidence.testing.StatementPki.unb64u;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class SignedStatementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestPki.Ca CA = TestPki.rootCa("Statement Test Root");
    private static final StatementPki.Signer ALICE = StatementPki.signer(CA, "Alice");
    private static final TestPki.Tsa TSA = CA.tsa("Statement Test TSA");

    @Test
    void signerWritesTheJadesBaselineHeader() throws Exception {
        SignedStatement statement = ALICE.sign();
        ObjectNode header = statement.protectedHeader();

        assertThat(header.get("alg").asText()).isEqualTo("ES256");
        assertThat(header.get("typ").asText()).isEqualTo("semper-test");
        assertThat(header.get("cty").asText()).isEqualTo("application/json");
        assertThat(header.get("sigT").asText()).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(header.get("crit")).hasSize(1);
        assertThat(header.get("crit").get(0).asText()).isEqualTo("sigT");
        assertThat(header.get("x5c").get(0).asText())
                .isEqualTo(Base64.getEncoder().encodeToString(ALICE.certificate().getEncoded()));
        assertThat(header.get("x5t#S256").asText())
                .isEqualTo(b64u(MessageDigest.getInstance("SHA-256").digest(ALICE.certificate().getEncoded())));
        assertThat(statement.claimedSigningTime()).isEqualTo(StatementPki.SIGNING_TIME);
        assertThat(statement.claimedTimeHeader()).isEqualTo(ClaimedTimeHeader.SIG_T);
        assertThat(statement.criticalHeaders()).containsExactly("sigT");
        assertThat(statement.signerCertificate()).isEqualTo(ALICE.certificate());
    }

    @Test
    void payloadIsTheCanonicalJsonThatWasSigned() {
        SignedStatement statement = ALICE.signer(StatementPki.SIGNING_TIME).sign("t",
                Map.of("z", 1, "a", List.of("é", "\u0001"), "m", Map.of("y", true, "b", "x")));

        assertThat(new String(statement.payloadBytes(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[\"é\",\"\\u0001\"],\"m\":{\"b\":\"x\",\"y\":true},\"z\":1}");
        assertThat(statement.payload().get("m").get("b").asText()).isEqualTo("x");
        assertThat(unb64u(statement.compact().split("\\.")[1])).isEqualTo(statement.payloadBytes());
    }

    @Test
    void canonicalJsonRefusesFractions() {
        assertThatThrownBy(() -> CanonicalJson.serialize(Map.of("amount", 12.5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction");
        assertThatThrownBy(() -> CanonicalJson.serialize(Map.of("big", 9_007_199_254_740_992L)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsThroughFlattenedJson() throws Exception {
        SignedStatement statement = ALICE.sign();
        SignedStatement parsed = SignedStatement.parse(statement.toJson());

        assertThat(parsed).isEqualTo(statement);
        assertThat(parsed.id()).isEqualTo(statement.id());
        assertThat(JSON.readTree(statement.toJson()).fieldNames()).toIterable()
                .containsExactlyInAnyOrder("protected", "payload", "signature");
    }

    @Test
    void idIsSha256OfTheCompactSerialization() throws Exception {
        SignedStatement statement = ALICE.sign();
        String compact = statement.compact();

        assertThat(compact.split("\\.")).hasSize(3);
        assertThat(statement.id()).isEqualTo(b64u(MessageDigest.getInstance("SHA-256")
                .digest(compact.getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void idStaysTheSameWhenATimeStampIsAdded() throws Exception {
        SignedStatement statement = ALICE.sign();
        byte[] token = StatementPki.signatureTimeStamp(TSA, statement, StatementPki.TST_TIME);
        SignedStatement timestamped = statement.withSignatureTimeStamp(token);
        SignedStatement reparsed = SignedStatement.parse(timestamped.toJson());

        assertThat(timestamped.id()).isEqualTo(statement.id());
        assertThat(reparsed.id()).isEqualTo(statement.id());
        assertThat(reparsed.signatureTimeStamps()).containsExactly(token);
        assertThat(timestamped).isNotEqualTo(statement);
        String component = new String(unb64u(JSON.readTree(timestamped.toJson()).get("header").get("etsiU").get(0)
                .asText()), StandardCharsets.UTF_8);
        assertThat(component).isEqualTo("{\"sigTst\":{\"tstTokens\":[{\"val\":\""
                + Base64.getEncoder().encodeToString(token) + "\"}]}}");
    }

    @Test
    void signatureTimeStampCoversTheBase64UrlSignatureValue() {
        SignedStatement statement = ALICE.sign();
        assertThat(SignatureTimeStamps.imprintInput(statement))
                .isEqualTo(statement.compact().split("\\.")[2].getBytes(StandardCharsets.US_ASCII));
        assertThat(SignatureTimeStamps.query(statement).build().digest())
                .isEqualTo(TestPki.digest("SHA-256", SignatureTimeStamps.imprintInput(statement)));
    }

    @Test
    void refusesAnythingButATimeStampToken() {
        SignedStatement statement = ALICE.sign();
        assertThatThrownBy(() -> statement.withSignatureTimeStamp(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signsWithP384AsEs384AndRsaAsPs256() throws Exception {
        StatementPki.Signer p384 = StatementPki.signer(CA, "P-384", StatementPki.ecKey("secp384r1"),
                StatementPki.LEAF_NOT_BEFORE, StatementPki.LEAF_NOT_AFTER);
        StatementPki.Signer rsa = StatementPki.signer(CA, "RSA", StatementPki.rsaKey(2048),
                StatementPki.LEAF_NOT_BEFORE, StatementPki.LEAF_NOT_AFTER);

        assertThat(SignedStatement.parse(p384.sign().toJson()).algorithm()).isEqualTo("ES384");
        assertThat(SignedStatement.parse(rsa.sign().toJson()).algorithm()).isEqualTo("PS256");
    }

    @Test
    void signsThroughTheGivenProvider() {
        StatementSigner viaBouncyCastle = StatementSigner.builder(ALICE.key().getPrivate(), ALICE.chain())
                .provider(TestPki.BC).build();
        assertThat(viaBouncyCastle.sign("t", Map.of("a", 1)).algorithm()).isEqualTo("ES256");

        Provider empty = new Provider("Empty", "1.0", "offers no algorithm") {
            private static final long serialVersionUID = 1L;
        };
        assertThatThrownBy(() -> StatementSigner.builder(ALICE.key().getPrivate(), ALICE.chain()).provider(empty).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() {
        assertThatThrownBy(() -> StatementSigner.of(StatementPki.ecKey("secp256r1").getPrivate(), ALICE.chain()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
    }

    @Test
    void iatVariantHasNoCrit() throws Exception {
        SignedStatement statement = StatementSigner.builder(ALICE.key().getPrivate(), ALICE.chain())
                .clock(StatementPki.clockAt(StatementPki.SIGNING_TIME)).claimedTimeHeader(ClaimedTimeHeader.IAT).build()
                .sign("t", Map.of("a", 1));
        SignedStatement parsed = SignedStatement.parse(statement.toJson());

        assertThat(parsed.protectedHeader().get("iat").asLong()).isEqualTo(StatementPki.SIGNING_TIME.getEpochSecond());
        assertThat(parsed.protectedHeader().has("crit")).isFalse();
        assertThat(parsed.protectedHeader().has("sigT")).isFalse();
        assertThat(parsed.claimedTimeHeader()).isEqualTo(ClaimedTimeHeader.IAT);
        assertThat(parsed.claimedSigningTime()).isEqualTo(StatementPki.SIGNING_TIME);
    }

    // ----- bad input -----------------------------------------------------------------------------------------

    @Test
    void rejectsTruncatedJson() {
        String json = ALICE.sign().toJson();
        assertMalformed(json.substring(0, json.length() - 10), "not valid JSON");
    }

    @Test
    void rejectsGarbledBase64Url() {
        String json = ALICE.sign().toJson();
        ObjectNode root = tree(json);
        String signature = root.get("signature").asText();
        root.put("signature", signature.substring(0, 10) + "*" + signature.substring(11));
        assertMalformed(root.toString(), "not base64url");

        root.put("signature", signature.replace('-', '+').replace('_', '/') + "+");
        assertMalformed(root.toString(), "base64url");
    }

    @Test
    void rejectsNonCanonicalBase64Url() {
        ObjectNode root = tree(ALICE.sign().toJson());
        root.put("signature", root.get("signature").asText() + "==");
        assertMalformed(root.toString(), "base64url");

        // 64-byte ES256 signature: 86 characters, the last carrying 2 unused bits that must be zero.
        ObjectNode other = tree(ALICE.sign().toJson());
        String signature = other.get("signature").asText();
        char last = signature.charAt(signature.length() - 1);
        char flipped = "AQgw".indexOf(last) >= 0 ? (char) (last + 1) : (char) (last - 1);
        other.put("signature", signature.substring(0, signature.length() - 1) + flipped);
        assertMalformed(other.toString(), "canonical base64url");
    }

    @Test
    void signsWithIatByDefault() throws Exception {
        SignedStatement statement = StatementSigner.of(ALICE.key().getPrivate(), ALICE.chain()).sign("t", Map.of("msg", "x"));
        SignedStatement parsed = SignedStatement.parse(statement.toJson());
        assertThat(parsed.claimedTimeHeader()).isEqualTo(ClaimedTimeHeader.IAT);
        assertThat(parsed.protectedHeader().has("iat")).isTrue();
        assertThat(parsed.protectedHeader().has("sigT")).isFalse();
    }

    @Test
    void rejectsAlgNone() {
        assertMalformed(withHeader(ALICE.sign(), h -> h.put("alg", "none")), "none");
    }

    @Test
    void rejectsMissingCrit() {
        assertMalformed(withHeader(ALICE.sign(), h -> {
            h.remove("crit");
            return h;
        }), "crit is missing");
    }

    @Test
    void rejectsUnknownCriticalHeader() {
        assertMalformed(withHeader(ALICE.sign(), h -> {
            h.put("urn:example:policy", "x");
            h.putArray("crit").add("sigT").add("urn:example:policy");
            return h;
        }), "not understood");
        assertMalformed(withHeader(ALICE.sign(), h -> {
            h.put("b64", false);
            h.putArray("crit").add("sigT").add("b64");
            return h;
        }), "b64");
    }

    @Test
    void rejectsCritNotListingSigT() {
        assertMalformed(withHeader(ALICE.sign(), h -> {
            h.put("urn:example:policy", "x");
            h.putArray("crit").add("urn:example:policy");
            return h;
        }), "crit does not list it");
    }

    @Test
    void rejectsMissingSigningTimeAndBadSigT() {
        assertMalformed(withHeader(ALICE.sign(), h -> {
            h.remove("sigT");
            h.remove("crit");
            return h;
        }), "no claimed signing time");
        assertMalformed(withHeader(ALICE.sign(), h -> h.put("sigT", "2025-06-01T12:00:00.000Z")), "sigT");
        assertMalformed(withHeader(ALICE.sign(), h -> h.put("sigT", "2025-06-01T14:00:00+02:00")), "sigT");
    }

    @Test
    void rejectsDuplicateKeys() {
        String json = ALICE.sign().toJson();
        assertMalformed(json.replaceFirst("\\{", "{\"payload\":\"e30\","), "Duplicate field");

        SignedStatement statement = ALICE.sign();
        String[] parts = statement.compact().split("\\.");
        String header = new String(unb64u(parts[0]), StandardCharsets.UTF_8);
        String duplicated = header.replaceFirst("\\{", "{\"alg\":\"ES256\",");
        assertMalformed(flattened(b64u(duplicated.getBytes(StandardCharsets.UTF_8)), parts[1], parts[2]), "Duplicate field");
    }

    @Test
    void rejectsMembersOutsideTheFlattenedSerialization() {
        ObjectNode root = tree(ALICE.sign().toJson());
        root.putArray("signatures");
        assertMalformed(root.toString(), "general serialization");

        ObjectNode unprotected = tree(ALICE.sign().toJson());
        unprotected.putObject("header").put("kid", "k1");
        assertMalformed(unprotected.toString(), "only etsiU");

        ObjectNode missing = tree(ALICE.sign().toJson());
        missing.remove("protected");
        assertMalformed(missing.toString(), "\"protected\" is missing");
    }

    @Test
    void rejectsOversizedInput() throws Exception {
        String json = ALICE.sign().toJson();
        assertThat(SignedStatement.parse(json, json.length()).id()).isNotEmpty();
        assertMalformed(() -> SignedStatement.parse(json, json.length() - 1), "exceeds the limit");
        String huge = "{\"protected\":\"" + "A".repeat(SignedStatement.DEFAULT_MAX_LENGTH) + "\"}";
        assertMalformed(huge, "exceeds the limit");
    }

    @Test
    void rejectsAPayloadThatIsNotAJsonObject() {
        SignedStatement statement = ALICE.sign();
        String[] parts = statement.compact().split("\\.");
        assertMalformed(flattened(parts[0], b64u("[1,2]".getBytes(StandardCharsets.UTF_8)), parts[2]), "not an object");
    }

    @Test
    void rejectsAThumbprintOfAnotherCertificate() {
        assertMalformed(withHeader(ALICE.sign(), h -> h.put("x5t#S256", b64u(new byte[32]))), "x5t#S256");
    }

    @Test
    void rejectsSigTstWithTwoTokens() throws Exception {
        SignedStatement statement = ALICE.sign();
        String token = Base64.getEncoder().encodeToString(StatementPki.signatureTimeStamp(TSA, statement,
                StatementPki.TST_TIME));
        ObjectNode root = tree(statement.toJson());
        ObjectNode component = JSON.createObjectNode();
        var tokens = component.putObject("sigTst").putArray("tstTokens");
        tokens.addObject().put("val", token);
        tokens.addObject().put("val", token);
        root.putObject("header").putArray("etsiU").add(component);
        assertMalformed(root.toString(), "exactly one token");
    }

    // ----- helpers -------------------------------------------------------------------------------------------

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statement with its protected header edited (the signature no longer matches, which parse does not check). */
    static String withHeader(SignedStatement statement, UnaryOperator<ObjectNode> edit) {
        String[] parts = statement.compact().split("\\.");
        ObjectNode header = statement.protectedHeader();
        ObjectNode edited = edit.apply(header);
        return flattened(b64u(edited.toString().getBytes(StandardCharsets.UTF_8)), parts[1], parts[2]);
    }

    static String flattened(String encodedProtected, String encodedPayload, String encodedSignature) {
        return JSON.createObjectNode().put("protected", encodedProtected).put("payload", encodedPayload)
                .put("signature", encodedSignature).toString();
    }

    private interface Parse {
        SignedStatement run() throws MalformedStatementException;
    }

    private static void assertMalformed(String json, String messagePart) {
        assertMalformed(() -> SignedStatement.parse(json), messagePart);
    }

    private static void assertMalformed(Parse parse, String messagePart) {
        assertThatThrownBy(parse::run).isInstanceOf(MalformedStatementException.class).hasMessageContaining(messagePart);
    }

}
