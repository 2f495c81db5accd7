package org.semper.tsa.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.semper.evidence.timestamp.ImprintAlgorithm;
import org.semper.evidence.tlog.Checkpoint;
import org.semper.evidence.tlog.MerkleHash;
import org.semper.evidence.tlog.MerkleVerifier;
import org.semper.evidence.tlog.NoteVerifier;
import org.semper.evidence.tlog.ProofVerificationException;
import org.semper.evidence.tlog.TlogProof;
import org.semper.runtime.testing.LocalEnvironmentTestResource;
import org.semper.tsa.testing.TsaHttp;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Every issued token is in the TSA's transparency log, provably, under signed, mutually consistent checkpoints. */
@QuarkusTest
class TransparencyLogTest {

    private static final Base64.Encoder B64 = Base64.getEncoder();

    @Test
    void everyTokenIsProvablyInASignedCheckpoint() throws Exception {
        TimeStampToken token = issue("log me");
        byte[] leaf = MerkleHash.leaf(token.getEncoded("DER"));
        JsonPath proof = awaitInclusion(leaf);

        NoteVerifier logKey = logKey();
        Checkpoint checkpoint = Checkpoint.verify(given().get("/log/checkpoint").then().statusCode(200).extract().asString(),
                origin(), logKey);
        long index = proof.getLong("leafIndex");
        assertThat(proof.getLong("treeSize")).isLessThanOrEqualTo(checkpoint.treeSize());
        // against the verified latest checkpoint
        JsonPath latest = given().queryParam("hash", B64.encodeToString(leaf)).queryParam("size", checkpoint.treeSize())
                .get("/log/proof/inclusion").then().statusCode(200).extract().jsonPath();
        MerkleVerifier.verifyInclusion(leaf, latest.getLong("leafIndex"), checkpoint.treeSize(),
                decode(latest.getList("hashes")), checkpoint.rootHash());
        // a proof for another leaf does not verify
        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(MerkleHash.leaf(new byte[] { 1 }), latest.getLong("leafIndex"),
                checkpoint.treeSize(), decode(latest.getList("hashes")), checkpoint.rootHash()))
                .isInstanceOf(ProofVerificationException.class);

        // the entry is the token itself, with its kind and serial
        given().queryParam("start", index).queryParam("end", index + 1).get("/log/entries")
                .then().statusCode(200)
                .body("[0].entry", equalTo(B64.encodeToString(token.getEncoded("DER"))))
                .body("[0].kind", equalTo("tsa-token"))
                .body("[0].ref", equalTo(token.getTimeStampInfo().getSerialNumber().toString()))
                .body("[0].leafHash", equalTo(B64.encodeToString(leaf)));

        // the offline bundle verifies with nothing but the log key
        String bundle = given().queryParam("hash", B64.encodeToString(leaf)).get("/log/bundle")
                .then().statusCode(200).extract().asString();
        assertThat(TlogProof.parse(bundle).verify(leaf, origin(), logKey).treeSize()).isGreaterThan(index);
    }

    @Test
    void laterCheckpointsAreConsistentWithEarlierOnes() throws Exception {
        TimeStampToken first = issue("before");
        awaitInclusion(MerkleHash.leaf(first.getEncoded("DER")));
        Checkpoint older = Checkpoint.verify(given().get("/log/checkpoint").asString(), origin(), logKey());
        TimeStampToken second = issue("after");
        awaitInclusion(MerkleHash.leaf(second.getEncoded("DER")));
        Checkpoint newer = Checkpoint.verify(given().get("/log/checkpoint").asString(), origin(), logKey());
        assertThat(newer.treeSize()).isGreaterThan(older.treeSize());
        List<byte[]> proof = decode(given().queryParam("from", older.treeSize()).queryParam("to", newer.treeSize())
                .get("/log/proof/consistency").then().statusCode(200).extract().jsonPath().getList("hashes"));
        MerkleVerifier.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), newer.rootHash(), proof);
        byte[] forged = newer.rootHash().clone();
        forged[0] ^= 1;
        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(older.treeSize(), newer.treeSize(), older.rootHash(), forged, proof))
                .isInstanceOf(ProofVerificationException.class);
    }

    @Test
    void theLogKeyIsPublishedWithItsCertificate() throws Exception {
        var key = given().get("/log/key").then().statusCode(200).extract().jsonPath();
        var chain = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(
                new java.io.ByteArrayInputStream(key.getString("certificateChain").getBytes(StandardCharsets.US_ASCII)));
        java.security.cert.X509Certificate leaf = (java.security.cert.X509Certificate) chain.iterator().next();
        assertThat(leaf.getPublicKey().getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(NoteVerifier.fromVerifierKey(key.getString("verifierKey")).publicKey().getEncoded())
                .isEqualTo(leaf.getPublicKey().getEncoded());
    }

    @Test
    void badQueriesAreProblems() {
        given().queryParam("hash", "not-base64!").get("/log/proof/inclusion")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("log-bad-hash"));
        given().queryParam("hash", B64.encodeToString(new byte[31])).get("/log/bundle")
                .then().statusCode(400).body("code", equalTo("log-bad-hash"));
        given().queryParam("hash", B64.encodeToString(new byte[32])).get("/log/proof/inclusion")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("log-entry-not-found"));
        given().queryParam("from", 5).queryParam("to", 2).get("/log/proof/consistency")
                .then().statusCode(400).body("code", equalTo("log-bad-range"));
        given().queryParam("from", 1).queryParam("to", Long.MAX_VALUE).get("/log/proof/consistency")
                .then().statusCode(400).body("code", equalTo("log-bad-range"));
        given().get("/log/proof/consistency").then().statusCode(400).body("code", equalTo("malformed-request"));
        given().queryParam("start", -1).queryParam("end", 3).get("/log/entries")
                .then().statusCode(400).body("code", equalTo("log-bad-range"));
        given().queryParam("start", "x").queryParam("end", 3).get("/log/entries").then().statusCode(404);
    }

    @Test
    void theDatabaseRefusesToRewriteHistory() throws Exception {
        awaitInclusion(MerkleHash.leaf(issue("history").getEncoded("DER"))); // so that rows exist to be refused
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            assertRefused(() -> s.executeUpdate("UPDATE log_node SET hash = hash WHERE level = 0 AND idx = 0"));
            assertRefused(() -> s.executeUpdate("DELETE FROM log_checkpoint"));
            assertRefused(() -> s.executeUpdate("DELETE FROM log_entry"));
            assertRefused(() -> s.executeUpdate("UPDATE log_entry SET entry = 'x'"));
            assertRefused(() -> s.executeUpdate("UPDATE log_leaf SET leaf_index = leaf_index + 1000000 WHERE leaf_index = 0"));
            assertRefused(() -> s.executeUpdate("DELETE FROM log_leaf"));
        }
    }

    @Test
    void onlyOneSequencerHoldsTheLock() throws Exception {
        awaitInclusion(MerkleHash.leaf(issue("leader").getEncoded("DER"))); // the sequencer has run
        try (Connection c = DriverManager.getConnection(LocalEnvironmentTestResource.jdbcUrl(), "postgres", "");
                PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, 0x53454D504C4F47L);
            try (ResultSet r = lock.executeQuery()) {
                r.next();
                assertThat(r.getBoolean(1)).as("the running service holds the sequencer lock").isFalse();
            }
        }
    }

    private static void assertRefused(SqlCall call) {
        assertThatThrownBy(call::run).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    interface SqlCall {
        void run() throws SQLException;
    }

    private static TimeStampToken issue(String text) {
        byte[] digest = TsaHttp.digest(ImprintAlgorithm.SHA_256, text.getBytes(StandardCharsets.UTF_8));
        return TsaHttp.post(TsaHttp.request(ImprintAlgorithm.SHA_256, digest, null, true, null)).getTimeStampToken();
    }

    /** Polls until the sequencer has integrated the leaf (it signs at least once a second). */
    private static JsonPath awaitInclusion(byte[] leaf) throws InterruptedException {
        String hash = URLEncoder.encode(B64.encodeToString(leaf), StandardCharsets.US_ASCII);
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            var response = given().urlEncodingEnabled(false).get("/log/proof/inclusion?hash=" + hash);
            if (response.statusCode() == 200) {
                return response.jsonPath();
            }
            assertThat(response.jsonPath().getString("code")).isEqualTo("log-entry-pending");
            assertThat(System.currentTimeMillis()).as("integrated within 10 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static NoteVerifier logKey() {
        return NoteVerifier.fromVerifierKey(given().get("/log/key").then().statusCode(200).extract().path("verifierKey"));
    }

    private static String origin() {
        return given().get("/log/key").then().extract().path("origin");
    }

    private static List<byte[]> decode(List<String> hashes) {
        return hashes.stream().map(Base64.getDecoder()::decode).toList();
    }
}
