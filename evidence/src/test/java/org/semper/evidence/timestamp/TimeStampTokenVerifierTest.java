package org.semper.evidence.timestamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.semper.evidence.testing.TestPki.GEN_TIME;
import static org.semper.evidence.testing.TestPki.POLICY;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TSTInfo;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.semper.evidence.testing.TestPki;
import org.semper.evidence.testing.TestPki.Ca;
import org.semper.evidence.testing.TestPki.Eku;
import org.semper.evidence.testing.TestPki.Tsa;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.validation.Indication;
import org.semper.evidence.validation.RevocationCheck;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationRequirement;
import org.semper.evidence.validation.SubIndication;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

class TimeStampTokenVerifierTest {
    private static final byte[] DATA = "contract #7, signed by both parties".getBytes(StandardCharsets.UTF_8);

    private static final Ca ROOT = TestPki.rootCa("Semper Test Root");
    private static final Tsa TSA = ROOT.tsa("Semper Test TSA");
    private static final TimeStampTokenVerifier VERIFIER = new TimeStampTokenVerifier(TrustAnchors.of(ROOT.certificate()));

    private static TestPki.TokenOrder tokenOverData(Tsa tsa) {
        return tsa.token().imprintOf(NISTObjectIdentifiers.id_sha256, "SHA-256", DATA);
    }

    @Test
    void validTokenPassesWithEveryFieldDecoded() {
        BigInteger nonce = new BigInteger("9876543210123456789");
        byte[] token = tokenOverData(TSA).serial(new BigInteger("123456789012345678901234567890")).nonce(nonce)
                .tsaName(new GeneralName(TestPki.name("Semper Test TSA"))).accuracy().issue();

        TimeStampVerification result = VERIFIER.verify(token, DATA);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.indication()).isEqualTo(Indication.TOTAL_PASSED);
        assertThat(result.subIndication()).isNull();
        assertThat(result.serialNumber()).contains(new BigInteger("123456789012345678901234567890"));
        assertThat(result.genTime()).contains(GEN_TIME);
        assertThat(result.policy()).contains(POLICY);
        assertThat(result.imprintAlgorithm()).contains(ImprintAlgorithm.SHA_256);
        assertThat(result.imprint()).hasValueSatisfying(
                imprint -> assertThat(imprint).isEqualTo(TestPki.digest("SHA-256", DATA)));
        assertThat(result.nonce()).contains(nonce);
        assertThat(result.tsaName()).contains("O=Semper Test,CN=Semper Test TSA");
        assertThat(result.accuracy()).contains(Duration.ofMillis(1500));
        assertThat(result.tsaCertificate()).contains(TSA.certificate());
        assertThat(result.certificateChain()).containsExactly(TSA.certificate(), ROOT.certificate());
        assertThat(result.message()).contains("Semper Test TSA");
    }

    @Test
    void optionalFieldsAreEmptyWhenTheTokenLacksThem() {
        TimeStampVerification result = VERIFIER.verify(tokenOverData(TSA).issue(), DATA);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.nonce()).isEmpty();
        assertThat(result.tsaName()).isEmpty();
        assertThat(result.accuracy()).isEmpty();
    }

    @Test
    void tamperedDataIsHashFailure() {
        byte[] token = tokenOverData(TSA).issue();
        byte[] tampered = DATA.clone();
        tampered[0] ^= 1;

        TimeStampVerification result = VERIFIER.verify(token, tampered);

        assertFailure(result, Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE);
        assertThat(result.genTime()).as("fields are decoded before the failing step").contains(GEN_TIME);
    }

    @Test
    void tamperedSignatureIsSigCryptoFailure() throws Exception {
        byte[] token = tokenOverData(TSA).issue();

        TimeStampVerification result = VERIFIER.verify(withSignatureByteFlipped(token), DATA);

        assertFailure(result, Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(VERIFIER.verify(token, DATA).passed()).as("the untampered token passes").isTrue();
    }

    @Test
    void genTimeRewrittenAfterSigningIsSigCryptoFailure() {
        byte[] token = tokenOverData(TSA).issue();
        Instant rewritten = GEN_TIME.minusSeconds(30);

        TimeStampVerification result = VERIFIER.verify(withGenTime(token, rewritten), DATA);

        assertFailure(result, Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(result.genTime()).contains(rewritten);
    }

    @Test
    void genTimeFarFromTheSignedSigningTimeIsFormatFailure() {
        // Bouncy Castle's parser refuses a signingTime attribute more than 60 s (plus accuracy) away from genTime.
        byte[] token = tokenOverData(TSA).issue();

        TimeStampVerification result = VERIFIER.verify(withGenTime(token, Instant.parse("2024-02-01T00:00:00Z")), DATA);

        assertFailure(result, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);
    }

    @Test
    void wrongTrustAnchorIsNoCertificateChainFound() {
        Ca otherRoot = TestPki.rootCa("Semper Test Root");
        TimeStampTokenVerifier verifier = new TimeStampTokenVerifier(TrustAnchors.of(otherRoot.certificate()));

        TimeStampVerification result = verifier.verify(tokenOverData(TSA).issue(), DATA);

        assertFailure(result, Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(result.certificateChain()).isEmpty();
    }

    @Test
    void rootCertificateInsideTheTokenIsNotTrusted() {
        Ca otherRoot = TestPki.rootCa("Other Root");
        byte[] token = tokenOverData(TSA).certificates(TSA.certificate(), ROOT.certificate()).issue();

        TimeStampVerification result = new TimeStampTokenVerifier(TrustAnchors.of(otherRoot.certificate()))
                .verify(token, DATA);

        assertFailure(result, Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void tokenWithoutCertificatesPassesWhenTheTsaCertificateIsSupplied() {
        byte[] token = tokenOverData(TSA).withoutCertificates().issue();

        TimeStampVerification supplied = VERIFIER.verify(token, DATA, List.of(TSA.certificate()));
        TimeStampVerification missing = VERIFIER.verify(token, DATA);

        assertThat(supplied.passed()).as(supplied.message()).isTrue();
        assertThat(supplied.tsaCertificate()).contains(TSA.certificate());
        assertFailure(missing, Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
        assertThat(missing.tsaCertificate()).isEmpty();
    }

    @Test
    void intermediateCertificatesCanBeSuppliedUntrusted() {
        Ca intermediate = ROOT.intermediate("Semper Test Issuing CA");
        Tsa tsa = intermediate.tsa("Semper Test TSA 2");
        byte[] token = tokenOverData(tsa).issue();

        TimeStampVerification withIntermediate = VERIFIER.verify(token, DATA, List.of(intermediate.certificate()));
        TimeStampVerification withoutIntermediate = VERIFIER.verify(token, DATA);

        assertThat(withIntermediate.passed()).as(withIntermediate.message()).isTrue();
        assertThat(withIntermediate.certificateChain())
                .containsExactly(tsa.certificate(), intermediate.certificate(), ROOT.certificate());
        assertFailure(withoutIntermediate, Indication.INDETERMINATE, SubIndication.NO_CERTIFICATE_CHAIN_FOUND);
    }

    @Test
    void pinnedTsaCertificateIsATrustAnchorOfItsOwn() {
        TimeStampTokenVerifier pinned = new TimeStampTokenVerifier(TrustAnchors.of(TSA.certificate()));

        TimeStampVerification result = pinned.verify(tokenOverData(TSA).issue(), DATA);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.certificateChain()).containsExactly(TSA.certificate());
    }

    @ParameterizedTest
    @EnumSource(value = Eku.class, names = "CRITICAL_TIME_STAMPING", mode = EnumSource.Mode.EXCLUDE)
    void tsaCertificateWithoutSoleCriticalTimeStampingUsageIsChainConstraintsFailure(Eku eku) {
        Tsa tsa = ROOT.tsa("Semper Test TSA " + eku, eku, TestPki.TSA_NOT_BEFORE, TestPki.TSA_NOT_AFTER);

        TimeStampVerification result = VERIFIER.verify(tokenOverData(tsa).issue(), DATA);

        assertFailure(result, Indication.INDETERMINATE, SubIndication.CHAIN_CONSTRAINTS_FAILURE);
        assertThat(result.message()).contains("RFC 3161 §2.3");
    }

    @Test
    void genTimeAfterTheTsaCertificateExpiredIsExpired() {
        Tsa expired = ROOT.tsa("Semper Old TSA", Eku.CRITICAL_TIME_STAMPING,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2022-01-01T00:00:00Z"));

        TimeStampVerification late = VERIFIER.verify(tokenOverData(expired).issue(), DATA);
        TimeStampVerification inTime = VERIFIER.verify(
                tokenOverData(expired).genTime(Instant.parse("2021-06-01T00:00:00Z")).issue(), DATA);

        assertFailure(late, Indication.TOTAL_FAILED, SubIndication.EXPIRED);
        assertThat(inTime.passed()).as("validity is judged at genTime, not now: " + inTime.message()).isTrue();
    }

    @Test
    void genTimeBeforeTheTsaCertificateIsValidIsNotYetValid() {
        Tsa future = ROOT.tsa("Semper New TSA", Eku.CRITICAL_TIME_STAMPING,
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"));

        TimeStampVerification result = VERIFIER.verify(tokenOverData(future).issue(), DATA);

        assertFailure(result, Indication.TOTAL_FAILED, SubIndication.NOT_YET_VALID);
    }

    @Test
    void sha1ImprintIsCryptoConstraintsFailure() {
        byte[] token = TSA.token().imprintOf(OIWObjectIdentifiers.idSHA1, "SHA-1", DATA).issue();

        assertFailure(VERIFIER.verify(token, DATA), Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
    }

    @Test
    void md5ImprintIsCryptoConstraintsFailure() {
        byte[] token = TSA.token().imprintOf(PKCSObjectIdentifiers.md5, "MD5", DATA).issue();

        assertFailure(VERIFIER.verify(token, DATA), Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
    }

    @Test
    void imprintAlgorithmUnknownToSemperIsCryptoConstraintsFailure() {
        byte[] token = TSA.token().imprintOf(NISTObjectIdentifiers.id_sha224, "SHA-224", DATA).issue();

        TimeStampVerification result = VERIFIER.verify(token, DATA);

        assertFailure(result, Indication.INDETERMINATE, SubIndication.CRYPTO_CONSTRAINTS_FAILURE);
        assertThat(result.imprintAlgorithm()).isEmpty();
    }

    @Test
    void imprintOfTheWrongLengthIsFormatFailure() {
        byte[] token = TSA.token().imprint(NISTObjectIdentifiers.id_sha256, new byte[20]).issue();

        assertFailure(VERIFIER.verify(token, DATA), Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);
    }

    @Test
    void garbageIsFormatFailure() throws Exception {
        byte[] token = tokenOverData(TSA).issue();
        byte[] truncated = Arrays.copyOf(token, token.length - 10);
        byte[] trailing = Arrays.copyOf(token, token.length + 1);

        for (byte[] garbage : List.of("not a token".getBytes(StandardCharsets.US_ASCII), new byte[0],
                new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}, TSA.certificate().getEncoded(), truncated, trailing)) {
            TimeStampVerification result = VERIFIER.verify(garbage, DATA);
            assertFailure(result, Indication.TOTAL_FAILED, SubIndication.FORMAT_FAILURE);
            assertThat(result.serialNumber()).isEmpty();
        }
    }

    @Test
    void signingCertificateAttributeNamingAnotherCertificateIsSigCryptoFailure() {
        Tsa other = ROOT.tsa("Semper Other TSA");
        byte[] token = tokenOverData(TSA).boundCertificate(other.certificate()).issue();
        byte[] control = tokenOverData(TSA).boundCertificate(TSA.certificate()).issue();

        assertFailure(VERIFIER.verify(token, DATA), Indication.TOTAL_FAILED, SubIndication.SIG_CRYPTO_FAILURE);
        assertThat(VERIFIER.verify(control, DATA).passed()).as("the hand-built token is otherwise valid").isTrue();
    }

    @Test
    void essCertIdVersionOneIsAccepted() {
        byte[] token = tokenOverData(TSA).essCertIdDigest("SHA-1").issue();

        TimeStampVerification result = VERIFIER.verify(token, DATA);

        assertThat(result.passed()).as(result.message()).isTrue();
    }

    @Test
    void replyToAQueryMustCarryItsNonce() {
        TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).build();
        BigInteger nonce = query.nonce().orElseThrow();

        TimeStampVerification right = VERIFIER.verifyReplyTo(query, tokenOverData(TSA).nonce(nonce).issue());
        TimeStampVerification wrong = VERIFIER.verifyReplyTo(query, tokenOverData(TSA).nonce(nonce.add(BigInteger.ONE)).issue());
        TimeStampVerification none = VERIFIER.verifyReplyTo(query, tokenOverData(TSA).issue());

        assertThat(right.passed()).as(right.message()).isTrue();
        assertFailure(wrong, Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(wrong.message()).contains("nonce");
        assertFailure(none, Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE);
    }

    @Test
    void replyToAQueryMustUseTheRequestedPolicy() {
        TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, DATA).withoutNonce()
                .policy("1.3.6.1.4.1.99999.1.2").build();

        TimeStampVerification other = VERIFIER.verifyReplyTo(query, tokenOverData(TSA).issue());
        TimeStampVerification requested = VERIFIER.verifyReplyTo(query,
                tokenOverData(TSA).policy("1.3.6.1.4.1.99999.1.2").issue());

        assertFailure(other, Indication.INDETERMINATE, SubIndication.SIG_CONSTRAINTS_FAILURE);
        assertThat(requested.passed()).as(requested.message()).isTrue();
    }

    @Test
    void replyToAQueryForOtherDataIsHashFailure() {
        TimeStampQuery query = TimeStampQuery.forData(ImprintAlgorithm.SHA_256, "other".getBytes()).withoutNonce().build();

        assertFailure(VERIFIER.verifyReplyTo(query, tokenOverData(TSA).issue()), Indication.TOTAL_FAILED,
                SubIndication.HASH_FAILURE);
    }

    @ParameterizedTest
    @EnumSource(value = ImprintAlgorithm.class, names = {"MD5", "SHA_1"}, mode = EnumSource.Mode.EXCLUDE)
    void everyAcceptedAlgorithmPasses(ImprintAlgorithm algorithm) {
        byte[] digest = TestPki.digest(algorithm.jcaName(), DATA);
        byte[] token = TSA.token().imprint(algorithm.oid(), digest).issue();

        TimeStampVerification overData = VERIFIER.verify(token, DATA);
        TimeStampVerification overDigest = VERIFIER.verifyImprint(token, algorithm, digest);

        assertThat(overData.passed()).as(overData.message()).isTrue();
        assertThat(overData.imprintAlgorithm()).contains(algorithm);
        assertThat(overDigest.passed()).as(overDigest.message()).isTrue();
    }

    @Test
    void imprintOfAnotherAlgorithmThanTheDigestGivenIsHashFailure() {
        byte[] token = TSA.token().imprintOf(NISTObjectIdentifiers.id_sha512, "SHA-512", DATA).issue();

        TimeStampVerification result = VERIFIER.verifyImprint(token, ImprintAlgorithm.SHA3_512,
                TestPki.digest("SHA3-512", DATA));

        assertFailure(result, Indication.TOTAL_FAILED, SubIndication.HASH_FAILURE);
    }

    @Test
    void digestOfTheWrongLengthIsACallerError() {
        byte[] token = tokenOverData(TSA).issue();

        assertThatThrownBy(() -> VERIFIER.verifyImprint(token, ImprintAlgorithm.SHA_256, new byte[31]))
                .isInstanceOf(ImprintLengthException.class);
    }

    @Test
    void oneVerifierServesManyThreads() throws Exception {
        List<byte[]> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(tokenOverData(TSA).serial(BigInteger.valueOf(i)).issue());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<TimeStampVerification>> results = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (byte[] token : tokens) {
                    results.add(pool.submit(() -> VERIFIER.verify(token, DATA)));
                }
            }
            for (Future<TimeStampVerification> result : results) {
                assertThat(result.get().passed()).as(result.get().message()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ----- revocation of the TSA certificate --------------------------------------------------------------

    private static final Instant AFTER_GEN_TIME = GEN_TIME.plus(Duration.ofHours(6));

    private static TimeStampTokenVerifier verifier(ValidationPolicy.Builder policy) {
        return new TimeStampTokenVerifier(TrustAnchors.of(ROOT.certificate()),
                policy.clock(StatementPki.clockAt(GEN_TIME.plus(Duration.ofDays(30)))).build());
    }

    private static RevocationData crlRevokingTsaAt(Instant revokedAt, int reason) {
        return RevocationData.builder().crl(StatementPki.crl(ROOT, AFTER_GEN_TIME, AFTER_GEN_TIME.plus(Duration.ofDays(7)),
                Map.of(TSA.certificate(), revokedAt), reason, false)).build();
    }

    @Test
    void byDefaultATsaWithoutRevocationDataPassesAndSaysSo() {
        TimeStampVerification result = VERIFIER.verify(tokenOverData(TSA).issue(), DATA);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.message()).contains("revocation status unknown, not required by the policy");
        assertThat(result.revocation()).singleElement()
                .satisfies(check -> assertThat(check.status()).isEqualTo(RevocationCheck.Status.UNKNOWN));
    }

    @Test
    void aTsaRevokedBeforeGenTimeIsRevokedWhateverThePolicy() {
        byte[] token = tokenOverData(TSA).issue();
        RevocationData revoked = crlRevokingTsaAt(GEN_TIME.minusSeconds(60), CRLReason.superseded);

        assertFailure(VERIFIER.verify(token, DATA, revoked), Indication.TOTAL_FAILED, SubIndication.REVOKED);
        assertFailure(verifier(ValidationPolicy.builder().timeStampRevocation(RevocationRequirement.REQUIRED))
                .verify(token, DATA, revoked), Indication.TOTAL_FAILED, SubIndication.REVOKED);
    }

    @Test
    void aTsaRevokedAfterGenTimePassesUnlessItsKeyMayHaveBeenCompromised() {
        byte[] token = tokenOverData(TSA).issue();

        TimeStampVerification superseded = VERIFIER.verify(token, DATA, crlRevokingTsaAt(GEN_TIME.plusSeconds(60),
                CRLReason.superseded));
        assertThat(superseded.passed()).as(superseded.message()).isTrue();
        assertThat(superseded.revocation().get(0).status()).isEqualTo(RevocationCheck.Status.REVOKED);

        TimeStampVerification compromised = VERIFIER.verify(token, DATA, crlRevokingTsaAt(GEN_TIME.plusSeconds(60),
                CRLReason.keyCompromise));
        assertFailure(compromised, Indication.INDETERMINATE, SubIndication.REVOKED_NO_POE);
        assertThat(compromised.message()).contains("does not rule out key compromise");
    }

    @Test
    void whenRequiredMissingTsaRevocationDataIsTryLater() {
        TimeStampTokenVerifier strict = verifier(ValidationPolicy.builder()
                .timeStampRevocation(RevocationRequirement.REQUIRED));
        byte[] token = tokenOverData(TSA).issue();

        assertFailure(strict.verify(token, DATA), Indication.INDETERMINATE, SubIndication.TRY_LATER);
        // a CRL produced before genTime says nothing about it
        RevocationData stale = RevocationData.builder().crl(StatementPki.crl(ROOT, GEN_TIME.minusSeconds(3600), Map.of()))
                .build();
        assertFailure(strict.verify(token, DATA, stale), Indication.INDETERMINATE, SubIndication.TRY_LATER);

        TimeStampVerification fresh = strict.verify(token, DATA, RevocationData.builder()
                .crl(StatementPki.crl(ROOT, AFTER_GEN_TIME, Map.of())).build());
        assertThat(fresh.passed()).as(fresh.message()).isTrue();
        assertThat(fresh.message()).contains("not revoked at genTime");
        assertThat(fresh.revocation()).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(RevocationCheck.Status.GOOD);
            assertThat(check.signedBy()).contains(ROOT.certificate());
        });
    }

    @Test
    void aDelegatedOcspResponderWithNoCheckAnswersForTheTsa() {
        StatementPki.Signer responder = StatementPki.ocspResponder(ROOT, "Root OCSP Responder", true);
        RevocationData ocsp = RevocationData.builder().ocsp(StatementPki.ocsp(TSA.certificate(), ROOT.certificate(),
                responder.key(), responder.certificate(), AFTER_GEN_TIME, null)).build();

        TimeStampVerification result = verifier(ValidationPolicy.builder()
                .timeStampRevocation(RevocationRequirement.REQUIRED)).verify(tokenOverData(TSA).issue(), DATA, ocsp);

        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.revocation().get(0).source()).isEqualTo(RevocationCheck.Source.OCSP);
        assertThat(result.revocation().get(0).signedBy()).contains(responder.certificate());
    }

    @Test
    void aPolicyFetcherIsAskedForTheTsaStatus() {
        List<X509Certificate> asked = new CopyOnWriteArrayList<>();
        TimeStampTokenVerifier online = verifier(ValidationPolicy.builder().timeStampRevocation(RevocationRequirement.REQUIRED)
                .revocationFetcher((certificate, issuer) -> {
                    asked.add(certificate);
                    return crlRevokingTsaAt(GEN_TIME.minusSeconds(1), CRLReason.keyCompromise);
                }));

        assertFailure(online.verify(tokenOverData(TSA).issue(), DATA), Indication.TOTAL_FAILED, SubIndication.REVOKED);
        assertThat(asked).containsExactly(TSA.certificate());
    }

    @Test
    void theTsaIssuingCaIsCoveredByTheRootsArlAndAPinnedTsaIsNotLookedUp() {
        Ca issuing = ROOT.intermediate("TSA Issuing CA");
        Tsa tsa = issuing.tsa("TSA Under An Issuing CA");
        byte[] token = tokenOverData(tsa).certificates(tsa.certificate(), issuing.certificate()).issue();
        TimeStampTokenVerifier strict = verifier(ValidationPolicy.builder()
                .timeStampRevocation(RevocationRequirement.REQUIRED));
        RevocationData leafOnly = RevocationData.builder().crl(StatementPki.crl(issuing, AFTER_GEN_TIME, Map.of())).build();
        RevocationData withArl = leafOnly.with(RevocationData.builder().crl(StatementPki.arl(ROOT,
                GEN_TIME.minus(Duration.ofDays(100)), GEN_TIME.plus(Duration.ofDays(265)), Map.of())).build());
        RevocationData issuingRevoked = leafOnly.with(RevocationData.builder().crl(StatementPki.arl(ROOT,
                GEN_TIME.minus(Duration.ofDays(1)), GEN_TIME.plus(Duration.ofDays(364)),
                Map.of(issuing.certificate(), GEN_TIME.minus(Duration.ofDays(1))))).build());

        TimeStampVerification missing = strict.verify(token, DATA, leafOnly);
        assertFailure(missing, Indication.INDETERMINATE, SubIndication.TRY_LATER);
        assertThat(missing.message()).contains("TSA Issuing CA");
        TimeStampVerification complete = strict.verify(token, DATA, withArl);
        assertThat(complete.passed()).as(complete.message()).isTrue();
        assertThat(complete.revocation()).extracting(RevocationCheck::status)
                .containsExactly(RevocationCheck.Status.GOOD, RevocationCheck.Status.GOOD);
        assertFailure(strict.verify(token, DATA, issuingRevoked), Indication.TOTAL_FAILED, SubIndication.REVOKED);

        TimeStampVerification pinned = new TimeStampTokenVerifier(TrustAnchors.of(tsa.certificate()), ValidationPolicy
                .builder().timeStampRevocation(RevocationRequirement.REQUIRED).build()).verify(token, DATA);
        assertThat(pinned.passed()).as(pinned.message()).isTrue();
        assertThat(pinned.revocation()).isEmpty();
    }

    private static void assertFailure(TimeStampVerification result, Indication indication, SubIndication subIndication) {
        assertThat(result.passed()).as(result.message()).isFalse();
        assertThat(result.subIndication()).as(result.message()).isEqualTo(subIndication);
        assertThat(result.indication()).isEqualTo(indication);
        assertThat(result.certificateChain()).isEmpty();
    }

    /** Flips the last byte of the SignerInfo's signature value (inside ECDSA's s, so the DER stays valid). */
    private static byte[] withSignatureByteFlipped(byte[] token) throws Exception {
        ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(token));
        SignedData signedData = SignedData.getInstance(contentInfo.getContent());
        SignerInfo signer = SignerInfo.getInstance(signedData.getSignerInfos().getObjectAt(0));
        byte[] signature = signer.getEncryptedDigest().getOctets();
        signature[signature.length - 1] ^= 0x01;
        SignerInfo tampered = new SignerInfo(signer.getSID(), signer.getDigestAlgorithm(),
                signer.getAuthenticatedAttributes(), signer.getDigestEncryptionAlgorithm(), new DEROctetString(signature),
                signer.getUnauthenticatedAttributes());
        SignedData tamperedData = new SignedData(signedData.getDigestAlgorithms(), signedData.getEncapContentInfo(),
                signedData.getCertificates(), signedData.getCRLs(), new DERSet(tampered));
        return new ContentInfo(CMSObjectIdentifiers.signedData, tamperedData).getEncoded(ASN1Encoding.DER);
    }

    /** Rewrites genTime inside the signed TSTInfo, leaving the signature as it was. */
    private static byte[] withGenTime(byte[] token, Instant genTime) {
        try {
            ContentInfo contentInfo = ContentInfo.getInstance(ASN1Primitive.fromByteArray(token));
            SignedData signedData = SignedData.getInstance(contentInfo.getContent());
            ContentInfo encapsulated = signedData.getEncapContentInfo();
            TSTInfo info = TSTInfo.getInstance(ASN1OctetString.getInstance(encapsulated.getContent()).getOctets());
            TSTInfo rewritten = new TSTInfo(info.getPolicy(), info.getMessageImprint(), info.getSerialNumber(),
                    new ASN1GeneralizedTime(Date.from(genTime)), info.getAccuracy(), info.getOrdering(), info.getNonce(),
                    info.getTsa(), info.getExtensions());
            SignedData altered = new SignedData(signedData.getDigestAlgorithms(),
                    new ContentInfo(encapsulated.getContentType(), new DEROctetString(rewritten.getEncoded(ASN1Encoding.DER))),
                    signedData.getCertificates(), signedData.getCRLs(), signedData.getSignerInfos());
            return new ContentInfo(CMSObjectIdentifiers.signedData, altered).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
