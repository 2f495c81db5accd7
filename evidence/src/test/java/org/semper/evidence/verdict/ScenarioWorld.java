package org.semper.evidence.verdict;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.semper.evidence.bundle.EvidenceBundle;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.EscrowCheck;
import org.semper.evidence.exchange.EscrowOutcome;
import org.semper.evidence.exchange.ExchangeId;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.ExchangeState;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Labels;
import org.semper.evidence.exchange.TtpIdentity;
import org.semper.evidence.exchange.TtpRequestVerifier;
import org.semper.evidence.exchange.TtpTokens;
import org.semper.evidence.exchange.VerifiedAbort;
import org.semper.evidence.exchange.VerifiedResolve;
import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.testing.CasePki;
import org.semper.evidence.testing.StatementPki;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.ValidationPolicy;

/**
 * The world of the scenario catalogue: an initiator (originator, merchant, sender), a responder (responder, buyer,
 * recipient), a stranger and a notary under one CA whose certificates state covers; a TTP built from the exchange
 * library (request checks, escrow opening, tokens, status) with its decisions in a map; and a case file under
 * construction. Messages are signed on 2025-06-01 (first 12:00, answers 12:01, later messages 12:02, TTP tokens
 * 12:05, the status 20:00); the case's CRL is of 23:00 and the arbiter decides on 2025-06-02 at 00:00.
 */
final class ScenarioWorld {
    static final Instant FIRST = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant SECOND = Instant.parse("2025-06-01T12:01:00Z");
    static final Instant LATER = Instant.parse("2025-06-01T12:02:00Z");
    static final Instant TTP_CRL = Instant.parse("2025-06-01T12:04:00Z");
    static final Instant TOKEN = Instant.parse("2025-06-01T12:05:00Z");
    static final Instant STATUS = Instant.parse("2025-06-01T20:00:00Z");
    static final Instant CASE_CRL = Instant.parse("2025-06-01T23:00:00Z");
    static final Instant DECIDED = Instant.parse("2025-06-02T00:00:00Z");
    static final String TTP_URL = "https://notary.example";

    final CasePki pki;
    final CasePki.Party initiator;
    final CasePki.Party responder;
    final CasePki.Party stranger;
    final CasePki.Party ttp;
    final KeyPair escrowKey = StatementPki.ecKey("secp256r1");
    final TtpIdentity self;
    final List<CasePki.Revocation> revocations = new ArrayList<>();
    private final Map<String, SignedStatement> decisions = new HashMap<>();

    /** Whether parties' statements carry a signature time-stamp (JAdES B-T), 5 s after signing. */
    boolean timeStamped;
    /** Whether the case file carries the CA's CRL. */
    boolean withCrl = true;
    private record Pending(ItemRole role, String mediaType, byte[] content) {
    }

    private final List<Pending> items = new ArrayList<>();

    ScenarioWorld(CasePki pki, CasePki.Party initiator, CasePki.Party responder, CasePki.Party stranger,
            CasePki.Party ttp) {
        this.pki = pki;
        this.initiator = initiator;
        this.responder = responder;
        this.stranger = stranger;
        this.ttp = ttp;
        this.self = TtpIdentity.of(TTP_URL, ttp.certificate());
    }

    StatementSigner at(CasePki.Party party, Instant time) {
        return party.signer(time);
    }

    /** A party's statement, time-stamped if the world says so. */
    SignedStatement stamped(SignedStatement statement) {
        return timeStamped ? pki.timeStamped(statement, statement.claimedSigningTime().plusSeconds(5)) : statement;
    }

    // ---- the TTP ----

    private TtpRequestVerifier verifier() {
        return new TtpRequestVerifier(pki.anchors(), ValidationPolicy.builder().clock(StatementPki.clockAt(TOKEN))
                .revocationFetcher((certificate, issuer) -> RevocationData.builder()
                        .crl(pki.crl(TTP_CRL, revocations.toArray(CasePki.Revocation[]::new))).build())
                .build());
    }

    SignedStatement abort(CasePki.Party requester, SignedStatement first) throws ExchangeRejection {
        VerifiedAbort abort = verifier().verifyAbort(ExchangeRequests.abort(at(requester, LATER), first), self, TOKEN);
        return decisions.computeIfAbsent(first.id(), x -> TtpTokens.aborted(abort, TOKEN).sign(at(ttp, TOKEN)));
    }

    SignedStatement resolve(CasePki.Party requester, SignedStatement first, SignedStatement second,
            Optional<byte[]> ek) throws ExchangeRejection {
        VerifiedResolve resolve = verifier().verifyResolve(ExchangeRequests.resolve(at(requester, LATER), first, second,
                ek), self, TOKEN);
        return decisions.computeIfAbsent(first.id(), x -> TtpTokens.resolution(resolve, resolve.protocol().usesEscrow()
                ? Optional.of(EscrowCheck.open(resolve, escrowKey.getPrivate())) : Optional.<EscrowOutcome>empty(),
                TOKEN).sign(at(ttp, TOKEN)));
    }

    /** A TTP that forgets its decision and resolves anyway (a misbehaving TTP), without storing the token. */
    SignedStatement resolveAgain(CasePki.Party requester, SignedStatement first, SignedStatement second,
            Optional<byte[]> ek) throws ExchangeRejection {
        SignedStatement stored = decisions.remove(first.id());
        SignedStatement token = resolve(requester, first, second, ek);
        decisions.put(first.id(), stored);
        return token;
    }

    /** The TTP's signed status of the exchange and the token it stored. */
    void status(ExchangeProtocol protocol, SignedStatement first) {
        SignedStatement stored = decisions.get(first.id());
        ExchangeState state = stored == null ? ExchangeState.NONE
                : stored.payload().path("msg").asText().equals(Labels.ABORTED) ? ExchangeState.ABORTED
                : ExchangeState.RESOLVED;
        add(ItemRole.STATUS, TtpTokens.status(protocol, ExchangeId.of(first), state,
                Optional.ofNullable(stored).map(SignedStatement::id), STATUS).sign(at(ttp, STATUS)));
        if (stored != null) {
            add(state == ExchangeState.ABORTED ? ItemRole.ABORT_TOKEN : ItemRole.RESOLVE_TOKEN, stored);
        }
    }

    // ---- the case file ----

    ScenarioWorld add(ItemRole role, SignedStatement statement) {
        items.add(new Pending(role, "application/jose+json", statement.toJson().getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    ScenarioWorld content(ItemRole role, byte[] content) {
        items.add(new Pending(role, "application/octet-stream", content));
        return this;
    }

    /** Takes the first item of {@code role} out of the case (a party keeps back or replaces a message). */
    ScenarioWorld dropFirst(ItemRole role) {
        items.stream().filter(p -> p.role() == role).findFirst().ifPresent(items::remove);
        return this;
    }

    /** Decides the claim of {@code claimant} against {@code respondent} about {@code exchange}. */
    Decision claim(CasePki.Party claimant, ClaimType type, String respondent, String amount, String exchange) {
        return claim(claimant, type, respondent, amount, exchange, null);
    }

    Decision claim(CasePki.Party claimant, ClaimType type, String respondent, String amount, String exchange,
            String protocol) {
        Map<String, Object> payload = Claim.payload(type, respondent, amount, "EUR", exchange, null, null, "scenario");
        if (protocol != null) {
            payload.put("protocol", protocol);
        }
        EvidenceBundle.Builder bundle = EvidenceBundle.builder();
        bundle.add(ItemRole.CLAIM, claimant.sign(Claim.TYPE, payload, DECIDED.minusSeconds(3600)), "the claim");
        for (Pending item : items) {
            bundle.add(item.role(), item.mediaType(), item.content(), "");
        }
        if (withCrl) {
            bundle.add(ItemRole.CRL, "application/pkix-crl",
                    CasePki.der(pki.crl(CASE_CRL, revocations.toArray(CasePki.Revocation[]::new))), "");
        }
        try {
            return VerdictEngine.standard().decide(CaseFile.of(bundle.sign(at(initiator, DECIDED.minusSeconds(60))),
                    Trust.of(pki.anchors()), ValidationPolicy.defaults(), DECIDED));
        } catch (ClaimRejection e) {
            throw new AssertionError(e);
        }
    }

    static String h(byte[] bytes) {
        return Hashes.h(bytes);
    }
}
