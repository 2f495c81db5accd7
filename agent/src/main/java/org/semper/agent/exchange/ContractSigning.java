package org.semper.agent.exchange;

import java.util.Map;
import java.util.Optional;

import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealFile;
import org.semper.agent.deal.DealKind;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.party.Contact;
import org.semper.agent.transport.Envelope;
import org.semper.agent.ttp.TtpDescriptor;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.exchange.cs.ContractChecks;
import org.semper.evidence.exchange.cs.ContractMessages;
import org.semper.evidence.exchange.cs.ContractTerms;
import org.semper.evidence.statement.SignedStatement;

/**
 * Contract signing, {@code semper-cs/1} ({@code docs/protocols.md} §1), end to end with recovery: the originator
 * aborts when me2 does not come and resolves when me4 does not; the responder resolves when me3 does not. Every
 * check is {@link ContractChecks}'. The deal id is the exchange id {@code H(me1)}.
 *
 * <p>Steps: originator {@code me1-sent}, {@code me3-sent}; responder {@code me1-received}, {@code me2-sent}.
 */
public final class ContractSigning {
    private static final String NONCE = "nonce";

    private final Agent agent;

    public ContractSigning(Agent agent) {
        this.agent = agent;
    }

    /** The originator proposes {@code contract} to {@code responder} and runs the exchange to its end. */
    public Deal propose(Contact responder, ContractTerms contract, String title) throws AgentException {
        TtpDescriptor notary = agent.describe(ExchangeProtocol.CONTRACT_SIGNING);
        byte[] nonce = Hashes.random32();
        SignedStatement me1 = DealRun.signOutside("offer to sign the contract '" + title + "' with "
                + responder.name(), () -> ContractMessages.me1(agent.signer(), responder.certificate(),
                        notary.identity(), contract, nonce, Optional.empty()));
        Deal deal = Deal.start(me1.id(), DealKind.CONTRACT, "originator", new Deal.Party(responder.name(),
                responder.fingerprint(), responder.address()), DealStatus.OPEN, "me1-sent",
                Map.of("title", title, "ttp", notary.identity().url()));
        deal = deal.withExchange(me1.id());
        DealFile file = DealRun.create(agent, deal);
        try (DealRun run = new DealRun(agent, file)) {
            run.secret(NONCE, nonce);
            run.keep("me1 made", "sent", ItemRole.ME1, me1, "me1: your offer to sign");
            run.keepCertificates("notary certificates", notary.signingChain(), "notary");
            run.send("me1", Map.of("me1", me1), Map.of());
            return originate(run, DealRun.read(me1));
        }
    }

    private Deal originate(DealRun run, FirstMessage first) throws AgentException {
        Optional<SignedStatement> me2 = run.statement(ItemRole.ME2);
        if (me2.isEmpty()) {
            Optional<Envelope> envelope = run.await("me2", "the commitment to sign", agent.stepTimeout());
            if (envelope.isPresent()) {
                SignedStatement received = envelope.get().statement("me2");
                try {
                    ContractChecks.me2(run.trust, first, received);
                    run.keep("me2 received", "received", ItemRole.ME2, received, "me2: the responder's commitment");
                    me2 = Optional.of(received);
                } catch (ExchangeRejection e) {
                    run.refused("me2", envelope.get(), e);
                }
            }
            if (me2.isEmpty()) {
                return abort(run, first);
            }
        }
        if (run.statement(ItemRole.ME3).isEmpty()) {
            byte[] nonce = run.secret(NONCE).orElseThrow();
            String commitR = me2.get().payload().path("commitR").asText();
            SignedStatement me3 = run.sign("sign the contract '" + run.deal().fact("title").orElse("") + "' with "
                    + run.deal().counterpart().name() + " (releasing your nonce: this binds you)", DealStatus.STALLED,
                    () -> ContractMessages.me3(agent.signer(), first.statement(), nonce, commitR));
            run.keep("me3 made", "sent", ItemRole.ME3, me3, "me3: your signature (nonce released)");
            run.step(DealStatus.OPEN, "me3-sent");
            run.send("me3", Map.of("me3", me3), Map.of());
        }
        if (!run.deal().step().equals("me3-sent-resolve")) {
            Optional<Envelope> envelope = run.await("me4", "the counter-signature", agent.stepTimeout());
            if (envelope.isPresent()) {
                SignedStatement me4 = envelope.get().statement("me4");
                try {
                    ContractChecks.me4(run.trust, first, me2.get(), me4);
                    run.keep("me4 received", "received", ItemRole.ME4, me4, "me4: the responder's signature");
                    return run.end(DealStatus.COMPLETED, "completed", "contract signed by both (standard contract "
                            + "me1..me4)");
                } catch (ExchangeRejection e) {
                    run.refused("me4", envelope.get(), e);
                }
            }
        }
        run.step(DealStatus.OPEN, "me3-sent-resolve");
        return resolve(run, first, me2.get());
    }

    private Deal abort(DealRun run, FirstMessage first) throws AgentException {
        TtpToken token = run.abort(first);
        if (token.isAbort()) {
            return run.end(DealStatus.ABORTED, "aborted", "no contract: the notary aborted the exchange");
        }
        return resolved(run, token);
    }

    private Deal resolve(DealRun run, FirstMessage first, SignedStatement me2) throws AgentException {
        TtpToken token = run.resolve(first, me2, Optional.empty());
        if (token.isAbort()) {
            return run.end(DealStatus.ABORTED, "aborted", "no contract: the originator had aborted (abort token)");
        }
        return resolved(run, token);
    }

    private Deal resolved(DealRun run, TtpToken token) throws AgentException {
        return run.end(DealStatus.RESOLVED, "resolved", "contract binds: the notary's replacement contract "
                + Agent.shortId(token.statement().id()) + " stands for both signatures");
    }

    /** Takes a contract offer (me1) that arrived in the inbox: checks it and files it as an incoming deal. */
    Optional<Deal> receive(Envelope envelope) throws AgentException {
        SignedStatement me1 = envelope.statement("me1");
        FirstMessage first;
        try {
            first = ContractChecks.me1(agent.trust().now(), me1);
        } catch (ExchangeRejection e) {
            agent.progress().step("a contract offer from " + envelope.from().name() + " was refused: " + e.getMessage());
            return Optional.empty();
        }
        if (!first.responder().equals(agent.fingerprint()) || !me1.id().equals(envelope.deal())) {
            agent.progress().step("a contract offer for someone else was ignored");
            return Optional.empty();
        }
        var contract = first.payload().path("contract");
        String title = contract.has("text") ? firstLine(contract.path("text").asText())
                : "document " + contract.path("sha256").asText();
        Deal deal = Deal.start(me1.id(), DealKind.CONTRACT, "responder", DealRun.counterparty(agent, me1, envelope),
                DealStatus.INCOMING, "me1-received", Map.of("title", title, "ttp", first.ttp().url()))
                .withExchange(me1.id());
        DealFile file = DealRun.create(agent, deal);
        try (DealRun run = new DealRun(agent, file)) {
            run.keep("me1 received", "received", ItemRole.ME1, me1, "me1: the offer to sign");
        }
        return Optional.of(deal);
    }

    /** The responder signs an incoming contract (me2, then me4 on me3) or, without me3 in time, resolves. */
    public Deal countersign(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.CONTRACT, "responder")) {
            if (run.deal().status().finished()) {
                return run.deal();
            }
            SignedStatement me1 = run.statement(ItemRole.ME1).orElseThrow();
            FirstMessage first = DealRun.read(me1);
            TtpDescriptor notary = agent.describe(ExchangeProtocol.CONTRACT_SIGNING);
            if (!notary.identity().equals(first.ttp())) {
                run.end(DealStatus.DECLINED, "ttp-not-accepted", "not signed: the contract names the notary "
                        + first.ttp().url() + ", not yours");
                throw new DealStoppedException(run.deal(), "the contract names a notary you do not use",
                        "ask the originator to use your notary");
            }
            Optional<SignedStatement> me2 = run.statement(ItemRole.ME2);
            if (me2.isEmpty()) {
                byte[] nonce = Hashes.random32();
                run.secret(NONCE, nonce);
                SignedStatement made = run.sign("commit to sign the contract '" + run.deal().fact("title").orElse("")
                        + "' with " + run.deal().counterpart().name(), DealStatus.DECLINED,
                        () -> ContractMessages.me2(agent.signer(), me1, nonce));
                run.keep("me2 made", "sent", ItemRole.ME2, made, "me2: your commitment to sign");
                run.step(DealStatus.OPEN, "me2-sent");
                run.send("me2", Map.of("me2", made), Map.of());
                me2 = Optional.of(made);
            }
            if (!run.deal().step().equals("me2-sent-resolve")) {
                Optional<Envelope> envelope = run.await("me3", "the originator's signature", agent.stepTimeout());
                if (envelope.isPresent()) {
                    SignedStatement me3 = envelope.get().statement("me3");
                    try {
                        ContractChecks.me3(run.trust, first, me2.get(), me3);
                        run.keep("me3 received", "received", ItemRole.ME3, me3, "me3: the originator's signature");
                        byte[] nonce = run.secret(NONCE).orElseThrow();
                        String commitO = me1.payload().path("commitO").asText();
                        SignedStatement me4 = run.sign("sign the contract '" + run.deal().fact("title").orElse("")
                                + "' (releasing your nonce: this binds you)", DealStatus.STALLED,
                                () -> ContractMessages.me4(agent.signer(), me1, nonce, commitO));
                        run.keep("me4 made", "sent", ItemRole.ME4, me4, "me4: your signature (nonce released)");
                        run.send("me4", Map.of("me4", me4), Map.of());
                        return run.end(DealStatus.COMPLETED, "completed", "contract signed by both (standard "
                                + "contract me1..me4)");
                    } catch (ExchangeRejection e) {
                        run.refused("me3", envelope.get(), e);
                    }
                }
            }
            run.step(DealStatus.OPEN, "me2-sent-resolve");
            return resolve(run, first, me2.get());
        }
    }

    /** Does now what a timeout would: abort before me2, resolve after it. */
    public Deal recover(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.CONTRACT, null)) {
            Deal deal = run.deal();
            if (deal.status().finished()) {
                agent.progress().step("nothing to recover: the deal has ended (" + deal.status() + ")");
                return deal;
            }
            FirstMessage first = DealRun.read(run.statement(ItemRole.ME1).orElseThrow());
            Optional<SignedStatement> me2 = run.statement(ItemRole.ME2);
            if (deal.role().equals("originator")) {
                return me2.isEmpty() ? abort(run, first) : resolve(run, first, me2.get());
            }
            if (me2.isEmpty()) {
                agent.progress().step("you have not committed (no me2): nothing to recover");
                return deal;
            }
            return resolve(run, first, me2.get());
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().split("\n", 2)[0];
        return line.length() > 60 ? line.substring(0, 57) + "..." : line;
    }
}
