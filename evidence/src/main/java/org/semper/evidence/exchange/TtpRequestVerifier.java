package org.semper.evidence.exchange;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;

import org.semper.evidence.statement.SignedStatement;
import org.semper.evidence.statement.StatementValidator;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.TrustAnchors;
import org.semper.evidence.validation.ValidationPolicy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The TTP's checks of abort and resolve requests, for all three protocols, in the order {@code docs/protocols.md}
 * §5 lists them; the first failing check gives the {@link ExchangeRejection}. Signatures and certificates are
 * checked last (they cost most) with {@link StatementValidator}: the anchors and policy given here, revocation
 * data from the policy's {@link org.semper.evidence.validation.RevocationFetcher} (offline without one, which
 * gives {@code revocation-unknown}), and "now" the time passed to each call.
 *
 * <p>Thread-safe.
 */
public final class TtpRequestVerifier {
    private final TrustAnchors anchors;
    private final ValidationPolicy policy;

    public TtpRequestVerifier(TrustAnchors anchors, ValidationPolicy policy) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Checks an abort request (§5.1): the first message's form, that it names {@code self}, the request's label and
     * binding, that the initiator signed it, and every signature.
     */
    public VerifiedAbort verifyAbort(AbortRequest request, TtpIdentity self, Instant now) throws ExchangeRejection {
        ExchangeProtocol protocol = request.protocol();
        FirstMessage first = FirstMessage.read(request.first(), protocol);
        requireTtp(first, self);
        ObjectNode payload = Payloads.expect(request.request(), protocol, Labels.ABORT_REQUEST);
        Payloads.members(payload, Labels.ABORT_REQUEST, Set.of("protocol", "msg", protocol.backReference()), Set.of());
        SecondMessage.requireBound(first, payload, Labels.ABORT_REQUEST);
        PartyRole role = requesterRole(first, request.request());
        if (role != PartyRole.INITIATOR) {
            throw new ExchangeRejection(ExchangeReason.ABORT_BY_RESPONDER, "the "
                    + protocol.partyMember(PartyRole.RESPONDER) + " may not abort; it resolves or walks away");
        }
        StatementTrust validator = trustAt(now);
        SignatureChecks.require(validator, first.statement(), protocol.firstLabel());
        SignatureChecks.require(validator, request.request(), Labels.ABORT_REQUEST);
        return new VerifiedAbort(first.exchange(), protocol, role, request.request().signerCertificate(), first,
                request.request());
    }

    /**
     * Checks a resolve request (§5.2): the first message's form, that it names {@code self}, the request's label
     * and bindings, that a party signed it, the responder's answer, the deadline, the escrow hash, and every
     * signature.
     */
    public VerifiedResolve verifyResolve(ResolveRequest request, TtpIdentity self, Instant now) throws ExchangeRejection {
        ExchangeProtocol protocol = request.protocol();
        FirstMessage first = FirstMessage.read(request.first(), protocol);
        requireTtp(first, self);
        ObjectNode payload = Payloads.expect(request.request(), protocol, Labels.RESOLVE_REQUEST);
        Payloads.members(payload, Labels.RESOLVE_REQUEST, Set.of("protocol", "msg", protocol.backReference(),
                protocol.secondReference()), Set.of());
        SecondMessage.requireBound(first, payload, Labels.RESOLVE_REQUEST);
        String secondReference = Payloads.digest(payload, protocol.secondReference());
        if (!secondReference.equals(request.second().id())) {
            throw new ExchangeRejection(ExchangeReason.NOT_BOUND, "the resolve request names "
                    + protocol.secondReference() + " " + secondReference + ", not the " + protocol.secondLabel() + " sent");
        }
        PartyRole role = requesterRole(first, request.request());
        SecondMessage.read(first, request.second());
        if (first.deadline().isPresent() && now.isAfter(first.deadline().get())) {
            throw new ExchangeRejection(ExchangeReason.DEADLINE_PASSED, "the deadline " + first.deadline().get()
                    + " has passed; the TTP no longer resolves this exchange");
        }
        if (protocol.usesEscrow()) {
            String escrow = Hashes.h(request.ek().orElseThrow());
            if (!escrow.equals(first.escrow().orElseThrow())) {
                throw new ExchangeRejection(ExchangeReason.ESCROW_MISMATCH, "h(ek) = " + escrow + " is not the escrow "
                        + first.escrow().get() + " that " + protocol.firstLabel() + " commits to");
            }
        }
        StatementTrust validator = trustAt(now);
        SignatureChecks.require(validator, first.statement(), protocol.firstLabel());
        SignatureChecks.require(validator, request.second(), protocol.secondLabel());
        SignatureChecks.require(validator, request.request(), Labels.RESOLVE_REQUEST);
        return new VerifiedResolve(first.exchange(), protocol, role, request.request().signerCertificate(), first,
                request.second(), request.request(), request.ek());
    }

    private static void requireTtp(FirstMessage first, TtpIdentity self) throws ExchangeRejection {
        if (!first.ttp().equals(self)) {
            throw new ExchangeRejection(ExchangeReason.WRONG_TTP, first.protocol().firstLabel() + " names the TTP "
                    + first.ttp() + ", not this one " + self);
        }
    }

    private static PartyRole requesterRole(FirstMessage first, SignedStatement request) throws ExchangeRejection {
        X509Certificate signer = request.signerCertificate();
        return first.role(signer).orElseThrow(() -> new ExchangeRejection(ExchangeReason.SIGNER_NOT_PARTY,
                "the request is signed by " + signer.getSubjectX500Principal().getName()
                        + ", who is not a party of this exchange"));
    }

    private StatementTrust trustAt(Instant now) {
        return StatementTrust.of(new StatementValidator(anchors, policy.toBuilder().clock(Clock.fixed(now, ZoneOffset.UTC))
                .build()), RevocationData.empty());
    }
}
