package org.semper.evidence.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semper.evidence.testing.StatementPki.NOW;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidation;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.testing.TestPki;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class EvidenceBundleTest {
    private static final TestPki.Ca CA = TestPki.rootCa("Bundle Test CA");
    private static final StatementPki.Signer BUYER = StatementPki.signer(CA, "Buyer");
    private static final StatementPki.Signer MERCHANT = StatementPki.signer(CA, "Merchant");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SignedStatement offer = MERCHANT.sign();
    private final byte[] ciphertext = "not really AES-GCM, but bytes".getBytes(StandardCharsets.UTF_8);

    private EvidenceBundle bundle() {
        return EvidenceBundle.builder().protocol("semper-px/1").exchange("X-exchange-id")
                .add(ItemRole.OFFER, offer, "the merchant's offer")
                .add(ItemRole.CIPHERTEXT, "application/octet-stream", ciphertext, "")
                .add(ItemRole.CERTIFICATE, "application/pkix-cert", encoded(MERCHANT), "merchant certificate")
                .sign(BUYER.signer(StatementPki.SIGNING_TIME));
    }

    private static byte[] encoded(StatementPki.Signer signer) {
        try {
            return signer.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void roundTripKeepsEveryItemAndTheManifestSignatureValidates() throws Exception {
        EvidenceBundle written = bundle();
        EvidenceBundle read = new EvidenceBundleReader().read(written.toJson());

        assertThat(read.items()).containsExactlyElementsOf(written.items());
        assertThat(read.id()).isEqualTo(written.id());
        assertThat(read.protocol()).contains("semper-px/1");
        assertThat(read.exchange()).contains("X-exchange-id");
        assertThat(read.itemsWithRole(ItemRole.CIPHERTEXT)).singleElement()
                .satisfies(item -> assertThat(item.content()).isEqualTo(ciphertext));
        assertThat(SignedStatement.parse(new String(read.items().get(0).content(), StandardCharsets.UTF_8)).id())
                .isEqualTo(offer.id());

        StatementValidation validation = new StatementValidator(TrustAnchors.of(CA.certificate()),
                ValidationPolicy.builder().clock(StatementPki.clockAt(NOW)).build())
                .validate(read.manifest(), RevocationData.builder().crl(StatementPki.emptyCrl(CA)).build());
        assertThat(validation.passed()).as(validation.message()).isTrue();
        assertThat(read.manifest().signerCertificate()).isEqualTo(BUYER.certificate());
    }

    @Test
    void detachedItemsAreSuppliedBesideTheDocumentAndCheckedByHash() throws Exception {
        EvidenceBundle written = bundle();
        String id = written.itemsWithRole(ItemRole.CIPHERTEXT).get(0).id();
        byte[] document = written.toJson(Set.of(id));
        EvidenceBundleReader reader = new EvidenceBundleReader();

        assertThat(reader.read(document, Map.of(id, ciphertext)).items()).isEqualTo(written.items());
        assertRejected(() -> reader.read(document), BundleReason.MISSING_ITEM);
        assertRejected(() -> reader.read(document, Map.of(id, "other bytes".getBytes(StandardCharsets.UTF_8))),
                BundleReason.HASH_MISMATCH);
        assertRejected(() -> reader.read(document, Map.of(id, ciphertext, "stray", new byte[1])),
                BundleReason.UNDECLARED_ITEM);
        assertRejected(() -> reader.read(written.toJson(), Map.of(id, ciphertext)), BundleReason.DUPLICATE_ITEM);
    }

    @Test
    void anItemChangedAfterSigningIsRefused() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(bundle().toJson());
        String id = document.get("items").fieldNames().next();
        ((ObjectNode) document.get("items")).put(id, Base64.getUrlEncoder().withoutPadding()
                .encodeToString("swapped".getBytes(StandardCharsets.UTF_8)));

        assertRejected(() -> new EvidenceBundleReader().read(bytes(document)), BundleReason.HASH_MISMATCH);
    }

    @Test
    void anItemTheManifestDoesNotListIsRefused() throws Exception {
        ObjectNode document = (ObjectNode) JSON.readTree(bundle().toJson());
        ((ObjectNode) document.get("items")).put("smuggled", "AAAA");

        assertRejected(() -> new EvidenceBundleReader().read(bytes(document)), BundleReason.UNDECLARED_ITEM);
    }

    @Test
    void aManifestThatIsNotASignedBundleStatementIsRefused() throws Exception {
        ObjectNode unsigned = (ObjectNode) JSON.readTree(bundle().toJson());
        unsigned.set("manifest", JSON.readTree("{\"format\":\"semper-bundle/1\",\"items\":[]}"));
        assertRejected(() -> new EvidenceBundleReader().read(bytes(unsigned)), BundleReason.UNSIGNED_MANIFEST);

        ObjectNode otherType = (ObjectNode) JSON.readTree(bundle().toJson());
        otherType.set("manifest", JSON.readTree(MERCHANT.sign().toJson()));
        assertRejected(() -> new EvidenceBundleReader().read(bytes(otherType)), BundleReason.UNSIGNED_MANIFEST);

        ObjectNode forged = (ObjectNode) JSON.readTree(bundle().toJson());
        ObjectNode manifest = (ObjectNode) forged.get("manifest");
        String signature = manifest.get("signature").asText();
        manifest.put("signature", (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        EvidenceBundle read = new EvidenceBundleReader().read(bytes(forged));
        StatementValidation validation = new StatementValidator(TrustAnchors.of(CA.certificate()),
                ValidationPolicy.builder().clock(StatementPki.clockAt(NOW)).build())
                .validate(read.manifest(), RevocationData.builder().crl(StatementPki.emptyCrl(CA)).build());
        assertThat(validation.passed()).as("a forged manifest signature reads, but never validates").isFalse();
    }

    @Test
    void unknownRolesAndMalformedDocumentsAreRefused() throws Exception {
        EvidenceBundleReader reader = new EvidenceBundleReader();
        assertRejected(() -> reader.read("[]".getBytes(StandardCharsets.UTF_8)), BundleReason.MALFORMED);
        assertRejected(() -> reader.read("{\"manifest\":".getBytes(StandardCharsets.UTF_8)), BundleReason.MALFORMED);
        assertRejected(() -> reader.read("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)),
                BundleReason.MALFORMED);

        ObjectNode padded = (ObjectNode) JSON.readTree(bundle().toJson());
        String id = padded.get("items").fieldNames().next();
        ((ObjectNode) padded.get("items")).put(id, padded.get("items").get(id).asText() + "==");
        assertRejected(() -> reader.read(bytes(padded)), BundleReason.MALFORMED);

        // Re-sign a manifest naming a role the format does not define: the signature is fine, the role is not.
        SignedStatement manifest = BUYER.signer(StatementPki.SIGNING_TIME).sign(EvidenceBundle.MANIFEST_TYPE,
                Map.of("format", EvidenceBundle.FORMAT, "items", java.util.List.of(Map.of("id", "i1", "role",
                        "rumour", "mediaType", "text/plain", "size", 1, "sha256", BundleItem.sha256(new byte[] {1})))));
        ObjectNode document = JSON.createObjectNode();
        document.set("manifest", JSON.readTree(manifest.toJson()));
        document.putObject("items").put("i1", "AQ");
        assertRejected(() -> reader.read(bytes(document)), BundleReason.UNKNOWN_ROLE);
    }

    @Test
    void limitsAreCheckedBeforeItemsAreDecoded() {
        EvidenceBundle written = bundle();
        byte[] document = written.toJson();
        assertRejected(() -> new EvidenceBundleReader(document.length - 1, 100).read(document),
                BundleReason.TOO_LARGE);
        assertRejected(() -> new EvidenceBundleReader(1 << 20, 2).read(document), BundleReason.TOO_LARGE);
    }

    @Test
    void builderRefusesDuplicateIdsAndNamesItemsByRole() {
        EvidenceBundle.Builder builder = EvidenceBundle.builder()
                .add(ItemRole.TST, "application/timestamp-reply", new byte[] {1}, "")
                .add(ItemRole.TST, "application/timestamp-reply", new byte[] {2}, "");
        assertThat(builder.sign(BUYER.signer(StatementPki.SIGNING_TIME)).items()).extracting(BundleItem::id)
                .containsExactly("tst-1", "tst-2");
        assertThatThrownBy(() -> builder.add(new BundleItem("tst-1", ItemRole.TST, "x/y", "", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(ObjectNode document) {
        return document.toString().getBytes(StandardCharsets.UTF_8);
    }

    private interface Read {
        EvidenceBundle run() throws BundleRejection;
    }

    private static void assertRejected(Read read, BundleReason reason) {
        assertThatThrownBy(read::run).isInstanceOf(BundleRejection.class)
                .satisfies(e -> assertThat(((BundleRejection) e).reason()).isEqualTo(reason));
    }
}
