package org.semper.evidence.verdict;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.bundle.BundleItem;
import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.validation.ValidationPolicy;

import com.nimbusds.jose.crypto.impl.ECDSA;

/**
 * Verdict time for case bundles of 10, 100 and 1000 items, against the raw signature verifications those items need,
 * measured in the same run (not a test: {@code bench/verdict-benchmark.sh} runs it).
 *
 * <p>Each bundle: a claim that a contract binds, a complete semper-cs/1 exchange (me1..me4), the CA's CRL, and further
 * signed statements of the parties (offers and orders) up to the item count; every statement is one the engine
 * validates. The baseline, per statement, is what validating it cannot do without: the JWS signature (ECDSA P-256),
 * the signer certificate's signature by the CA, and the CRL's signature (the validator checks the CRL for each
 * statement it judges), each done with the JDK's {@link Signature} on the same bytes and keys. Ratio = verdict time /
 * baseline time; a ratio that stays flat from 10 to 1000 items shows the overhead is linear.
 */
public final class VerdictBenchmark {
    private static final CasePki PKI = new CasePki("Benchmark");
    private static final CasePki.Party ORIGINATOR = PKI.party("Originator", new CasePki.Cover("EUR", 1, 4));
    private static final CasePki.Party RESPONDER = PKI.party("Responder", new CasePki.Cover("EUR", 1, 4));
    private static final Instant SIGNED = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant DECIDED = Instant.parse("2025-06-02T00:00:00Z");

    private VerdictBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        X509CRL crl = PKI.crl(Instant.parse("2025-06-01T23:00:00Z"));
        System.out.printf("%8s %11s %14s %16s %8s %14s%n", "items", "statements", "verdict (ms)", "raw verify (ms)",
                "ratio", "verdict/item");
        for (int items : new int[] {10, 100, 1000}) {
            EvidenceBundle bundle = bundle(items, crl);
            List<SignedStatement> statements = statements(bundle);
            int rounds = items >= 1000 ? 5 : 30;
            for (int i = 0; i < rounds; i++) {
                decide(bundle);
                rawVerifications(statements, crl);
            }
            long verdict = 0;
            long raw = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Decision decision = decide(bundle);
                verdict += System.nanoTime() - start;
                if (decision.verdict() != Verdict.UPHELD) {
                    throw new IllegalStateException("the benchmark case must be upheld: " + decision);
                }
                start = System.nanoTime();
                rawVerifications(statements, crl);
                raw += System.nanoTime() - start;
            }
            double verdictMs = verdict / 1e6 / rounds;
            double rawMs = raw / 1e6 / rounds;
            System.out.printf("%8d %11d %14.2f %16.2f %8.2f %11.1f us%n", bundle.items().size(), statements.size(),
                    verdictMs, rawMs, verdictMs / rawMs, verdictMs * 1000 / bundle.items().size());
        }
    }

    private static Decision decide(EvidenceBundle bundle) throws ClaimRejection {
        return VerdictEngine.standard().decide(CaseFile.of(bundle, Trust.of(PKI.anchors()), ValidationPolicy.defaults(),
                DECIDED));
    }

    /** The three ECDSA verifications each statement's validation needs, done directly. */
    private static void rawVerifications(List<SignedStatement> statements, X509CRL crl) throws Exception {
        X509Certificate root = PKI.root().certificate();
        for (SignedStatement statement : statements) {
            String[] parts = statement.compact().split("\\.");
            Signature jws = Signature.getInstance("SHA256withECDSA");
            jws.initVerify(statement.signerCertificate().getPublicKey());
            jws.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!jws.verify(ECDSA.transcodeSignatureToDER(statement.signatureValue()))) {
                throw new IllegalStateException("JWS signature");
            }
            statement.signerCertificate().verify(root.getPublicKey());
            crl.verify(root.getPublicKey());
        }
    }

    private static List<SignedStatement> statements(EvidenceBundle bundle) throws Exception {
        List<SignedStatement> out = new ArrayList<>();
        out.add(bundle.manifest());
        for (BundleItem item : bundle.items()) {
            if (item.mediaType().equals("application/jose+json")) {
                out.add(SignedStatement.parse(new String(item.content(), StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    static EvidenceBundle bundle(int items, X509CRL crl) {
        byte[] nonceO = Hashes.random32();
        byte[] nonceR = Hashes.random32();
        TtpIdentity ttp = TtpIdentity.of("https://notary.example", PKI.party("Notary", null).certificate());
        SignedStatement me1 = ContractMessages.me1(ORIGINATOR.signer(SIGNED), RESPONDER.certificate(), ttp,
                ContractTerms.text("text/plain", "R buys 1000 bicycles."), nonceO, Optional.empty());
        EvidenceBundle.Builder builder = EvidenceBundle.builder()
                .add(ItemRole.CLAIM, ORIGINATOR.sign(Claim.TYPE, Claim.payload(ClaimType.CONTRACT_BINDING,
                        RESPONDER.fingerprint(), "100", "EUR", me1.id(), null, null, "bound"), SIGNED), "")
                .add(ItemRole.ME1, me1, "")
                .add(ItemRole.ME2, ContractMessages.me2(RESPONDER.signer(SIGNED), me1, nonceR), "")
                .add(ItemRole.ME3, ContractMessages.me3(ORIGINATOR.signer(SIGNED), me1, nonceO, Hashes.h(nonceR)), "")
                .add(ItemRole.ME4, ContractMessages.me4(RESPONDER.signer(SIGNED), me1, nonceR, Hashes.h(nonceO)), "")
                .add(ItemRole.CRL, "application/pkix-crl", CasePki.der(crl), "");
        for (int i = 6; i < items; i++) {
            CasePki.Party party = i % 2 == 0 ? ORIGINATOR : RESPONDER;
            builder.add(i % 2 == 0 ? ItemRole.OFFER : ItemRole.ORDER, party.sign("semper-test", Map.of("msg",
                    i % 2 == 0 ? "offer" : "order", "n", i), SIGNED), "");
        }
        return builder.sign(ORIGINATOR.signer(SIGNED));
    }
}
