package org.semper.arbiter.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.verdict.Claim;
import org.semper.evidence.verdict.ClaimType;

/**
 * Cases for the arbiter's endpoint tests: a semper-cs/1 exchange between the test parties, built with the exchange
 * library's builders, signed ten minutes ago; bundles with the parties' CA's CRL of a minute ago; claims; filing bodies.
 */
public final class Cases {
    private Cases() {
    }

    /** A contract-signing exchange run to its end (me1..me4) under the given TTP. */
    public record Contract(SignedStatement me1, SignedStatement me2, SignedStatement me3, SignedStatement me4) {
        public String exchange() {
            return me1.id();
        }
    }

    public static Instant signed() {
        return Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    }

    public static Contract contract(ArbiterTestEnvironment.Parties p, TtpIdentity ttp) {
        byte[] nonceO = Hashes.random32();
        byte[] nonceR = Hashes.random32();
        Instant at = signed();
        SignedStatement me1 = ContractMessages.me1(p.originator().signer(at), p.responder().certificate(), ttp,
                ContractTerms.text("text/plain", "R buys O's bicycle for 100 EUR. " + Hashes.b64u(Hashes.random32())),
                nonceO, Optional.empty());
        SignedStatement me2 = ContractMessages.me2(p.responder().signer(at.plusSeconds(1)), me1, nonceR);
        SignedStatement me3 = ContractMessages.me3(p.originator().signer(at.plusSeconds(2)), me1, nonceO, Hashes.h(nonceR));
        SignedStatement me4 = ContractMessages.me4(p.responder().signer(at.plusSeconds(3)), me1, nonceR, Hashes.h(nonceO));
        return new Contract(me1, me2, me3, me4);
    }

    /** The parties' CA's CRL, issued a minute ago (after every signature of the case). */
    public static byte[] crl(ArbiterTestEnvironment.Parties p) {
        return CasePki.der(p.pki().crl(Instant.now().minus(1, ChronoUnit.MINUTES)));
    }

    /** A bundle of {@code submitter}: the given statements under their roles, and the CRL. */
    public static EvidenceBundle bundle(ArbiterTestEnvironment.Parties p, CasePki.Party submitter, Object... roleAndStatement) {
        EvidenceBundle.Builder builder = EvidenceBundle.builder();
        for (int i = 0; i < roleAndStatement.length; i += 2) {
            builder.add((ItemRole) roleAndStatement[i], (SignedStatement) roleAndStatement[i + 1], "");
        }
        builder.add(ItemRole.CRL, "application/pkix-crl", crl(p), "the parties' CA's CRL");
        return builder.sign(submitter.signer(Instant.now().minusSeconds(30)));
    }

    public static SignedStatement claim(CasePki.Party claimant, ClaimType type, CasePki.Party respondent, String amount,
            String exchange, EvidenceBundle bundle) {
        return claim(claimant, type, respondent.fingerprint(), amount, exchange, bundle);
    }

    public static SignedStatement claim(CasePki.Party claimant, ClaimType type, String respondent, String amount,
            String exchange, EvidenceBundle bundle) {
        Map<String, Object> payload = Claim.payload(type, respondent, amount, "EUR", exchange,
                bundle == null ? null : bundle.id(), null, "test claim");
        return claimant.sign(Claim.TYPE, payload, Instant.now().minus(5, ChronoUnit.MINUTES));
    }

    /** The JSON body of {@code POST /api/v1/disputes}. */
    public static String filing(String claim, byte[] bundle) {
        return "{\"claim\":" + claim + ",\"bundle\":" + new String(bundle, StandardCharsets.UTF_8) + "}";
    }

    public static String filing(SignedStatement claim, EvidenceBundle bundle) {
        return filing(claim.toJson(), bundle.toJson());
    }
}
