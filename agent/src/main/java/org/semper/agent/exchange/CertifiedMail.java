package org.semper.agent.exchange;

import java.nio.file.Path;
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
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.exchange.cm.CertifiedMailChecks;
import org.semper.evidence.exchange.cm.CertifiedMailMessages;
import org.semper.evidence.exchange.escrow.SealedContent;
import org.semper.evidence.statement.SignedStatement;

/**
 * Certified mail, {@code semper-cm/1} ({@code docs/protocols.md} §3), optimistic mode, end to end with recovery:
 * the sender aborts when the receipt (EOR) does not come, the recipient resolves when the key (EOK) does not. Every
 * check is {@link CertifiedMailChecks}'. The deal id is the exchange id {@code H(EOO)}.
 *
 * <p>Steps: sender {@code eoo-sent}, {@code eok-sent}; recipient {@code eoo-received}, {@code eor-sent}.
 */
public final class CertifiedMail {
    private static final String KEY = "key";
    private static final String CONTENT = "content";

    private final Agent agent;

    public CertifiedMail(Agent agent) {
        this.agent = agent;
    }

    /** The sender sends {@code message} to {@code recipient} and runs the exchange to its end. */
    public Deal send(Contact recipient, String subject, byte[] message, String fileName) throws AgentException {
        TtpDescriptor ttp = agent.describe(ExchangeProtocol.CERTIFIED_MAIL);
        SealedContent sealed = CertifiedMailMessages.seal(message, ttp.escrowKey(), agent.identity().certificate(),
                recipient.certificate());
        SignedStatement eoo = DealRun.signOutside("send '" + subject + "' (" + message.length + " bytes, SHA-256 "
                + sealed.hashPlain() + ") to " + recipient.name() + " by certified mail",
                () -> CertifiedMailMessages.eoo(agent.signer(), recipient.certificate(), ttp.identity(), subject, sealed,
                        Optional.empty()));
        Deal deal = Deal.start(eoo.id(), DealKind.MAIL, "sender", new Deal.Party(recipient.name(),
                recipient.fingerprint(), recipient.address()), DealStatus.OPEN, "eoo-sent",
                Map.of("title", subject, "file", fileName, "ttp", ttp.identity().url(), "sha256", sealed.hashPlain()))
                .withExchange(eoo.id());
        DealFile file = DealRun.create(agent, deal);
        try (DealRun run = new DealRun(agent, file)) {
            run.secret(KEY, sealed.key());
            run.keep("EOO made", "sent", ItemRole.EOO, eoo, "EOO: evidence of origin");
            run.keep("ciphertext", "sent", ItemRole.CIPHERTEXT, "application/octet-stream", sealed.ciphertext(),
                    "c: the message encrypted under K");
            run.keep("escrow", "sent", ItemRole.ESCROW, "application/octet-stream", sealed.ek(),
                    "ek: K escrowed with the certified-mail service");
            run.keepCertificates("TTP certificates", ttp.signingChain(), "certified-mail service");
            run.keepCertificates("TTP escrow certificate", ttp.escrowChain(), "certified-mail escrow key");
            run.send("eoo", Map.of("eoo", eoo), Map.of("c", sealed.ciphertext(), "ek", sealed.ek()));
            return afterEoo(run, DealRun.read(eoo));
        }
    }

    private Deal afterEoo(DealRun run, FirstMessage first) throws AgentException {
        Optional<SignedStatement> eor = run.statement(ItemRole.EOR);
        if (eor.isEmpty()) {
            Optional<Envelope> envelope = run.await("eor", "the receipt", agent.stepTimeout());
            if (envelope.isPresent()) {
                SignedStatement received = envelope.get().statement("eor");
                try {
                    CertifiedMailChecks.eor(run.trust, first, received);
                    run.keep("EOR received", "received", ItemRole.EOR, received, "EOR: the recipient's receipt");
                    eor = Optional.of(received);
                } catch (ExchangeRejection e) {
                    run.refused("eor", envelope.get(), e);
                }
            }
            if (eor.isEmpty()) {
                return abort(run, first);
            }
        }
        if (run.statement(ItemRole.EOK).isEmpty()) {
            byte[] key = run.secret(KEY).orElseThrow();
            SignedStatement eok = run.sign("release the key of '" + run.deal().fact("title").orElse("") + "' to "
                    + run.deal().counterpart().name(), DealStatus.STALLED,
                    () -> CertifiedMailMessages.eok(agent.signer(), first.statement(), key));
            run.keep("EOK made", "sent", ItemRole.EOK, eok, "EOK: the key to the message");
            run.keep("key released", "sent", ItemRole.KEY, "application/octet-stream", key, "K, released in EOK");
            run.send("eok", Map.of("eok", eok), Map.of());
        }
        return run.end(DealStatus.COMPLETED, "completed", "delivered: the recipient's receipt (EOR) is in the archive");
    }

    private Deal abort(DealRun run, FirstMessage first) throws AgentException {
        TtpToken token = run.abort(first);
        if (token.isAbort()) {
            return run.end(DealStatus.ABORTED, "aborted", "not delivered: the certified-mail service aborted the "
                    + "exchange; no receipt, and the message cannot be opened");
        }
        if (token.isAffidavit()) {
            return run.end(DealStatus.VOID, "affidavit", "the service found the escrow invalid: no receipt");
        }
        SignedStatement eor = DealRun.embedded(token, "eor");
        run.keep("EOR from the TTP", "ttp", ItemRole.EOR, eor, "EOR as the TTP's key-released token embeds it");
        return run.end(DealStatus.RESOLVED, "resolved", "delivered: the recipient resolved with the service, which "
                + "released the key; the receipt is in the service's token");
    }

    /** Takes mail (EOO, c, ek) that arrived in the inbox: checks it and files it as an incoming deal. */
    Optional<Deal> receive(Envelope envelope) throws AgentException {
        SignedStatement eoo = envelope.statement("eoo");
        byte[] c;
        byte[] ek;
        FirstMessage first;
        try {
            c = envelope.attachment("c");
            ek = envelope.attachment("ek");
            first = CertifiedMailChecks.eoo(agent.trust().now(), eoo, c, ek);
        } catch (ExchangeRejection | IllegalStateException e) {
            agent.progress().step("certified mail from " + envelope.from().name() + " was refused: " + e.getMessage());
            return Optional.empty();
        }
        if (!first.responder().equals(agent.fingerprint()) || !eoo.id().equals(envelope.deal())) {
            agent.progress().step("certified mail for someone else was ignored");
            return Optional.empty();
        }
        Deal deal = Deal.start(eoo.id(), DealKind.MAIL, "recipient", DealRun.counterparty(agent, eoo, envelope),
                DealStatus.INCOMING, "eoo-received", Map.of("title", first.payload().path("subject").asText(),
                        "ttp", first.ttp().url())).withExchange(eoo.id());
        DealFile file = DealRun.create(agent, deal);
        try (DealRun run = new DealRun(agent, file)) {
            run.keep("EOO received", "received", ItemRole.EOO, eoo, "EOO: evidence of origin");
            run.keep("ciphertext", "received", ItemRole.CIPHERTEXT, "application/octet-stream", c, "c: the message, "
                    + "encrypted");
            run.keep("escrow", "received", ItemRole.ESCROW, "application/octet-stream", ek, "ek: the key escrowed "
                    + "with the certified-mail service");
        }
        return Optional.of(deal);
    }

    /** The recipient signs the receipt (EOR) and gets the key (EOK) or, without it in time, resolves. */
    public Deal receipt(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.MAIL, "recipient")) {
            if (run.deal().status().finished()) {
                return run.deal();
            }
            SignedStatement eoo = run.statement(ItemRole.EOO).orElseThrow();
            FirstMessage first = DealRun.read(eoo);
            TtpDescriptor ttp = agent.describe(ExchangeProtocol.CERTIFIED_MAIL);
            if (!ttp.identity().equals(first.ttp())) {
                run.end(DealStatus.DECLINED, "ttp-not-accepted", "not received: the mail names the TTP "
                        + first.ttp().url() + ", not yours");
                throw new DealStoppedException(run.deal(), "the mail names a TTP you do not use", null);
            }
            Optional<SignedStatement> eor = run.statement(ItemRole.EOR);
            if (eor.isEmpty()) {
                SignedStatement made = run.sign("sign the receipt for '" + run.deal().fact("title").orElse("")
                        + "' from " + run.deal().counterpart().name() + " (you get the message in exchange)",
                        DealStatus.DECLINED, () -> CertifiedMailMessages.eor(agent.signer(), eoo));
                run.keep("EOR made", "sent", ItemRole.EOR, made, "EOR: your receipt");
                run.step(DealStatus.OPEN, "eor-sent");
                run.send("eor", Map.of("eor", made), Map.of());
                eor = Optional.of(made);
            }
            byte[] key = null;
            boolean resolved = false;
            if (!run.deal().step().equals("eor-sent-resolve")) {
                Optional<Envelope> envelope = run.await("eok", "the key to the message", agent.stepTimeout());
                if (envelope.isPresent()) {
                    SignedStatement eok = envelope.get().statement("eok");
                    try {
                        key = CertifiedMailChecks.eok(run.trust, first, eok);
                        run.keep("EOK received", "received", ItemRole.EOK, eok, "EOK: the key to the message");
                        run.keep("key received", "received", ItemRole.KEY, "application/octet-stream", key, "K, from EOK");
                    } catch (ExchangeRejection e) {
                        run.refused("eok", envelope.get(), e);
                    }
                }
            }
            if (key == null) {
                run.step(DealStatus.OPEN, "eor-sent-resolve");
                TtpToken token = run.resolve(first, eor.get(), Optional.of(run.latest(ItemRole.ESCROW).orElseThrow()));
                if (token.isAbort()) {
                    return run.end(DealStatus.ABORTED, "aborted", "no message: the sender had aborted; your receipt is "
                            + "void (abort token)");
                }
                if (token.isAffidavit()) {
                    return run.end(DealStatus.VOID, "affidavit", "the service found the sender's escrow invalid: your "
                            + "receipt is void (affidavit)");
                }
                key = token.key().orElseThrow();
                run.keep("key from the TTP", "ttp", ItemRole.KEY, "application/octet-stream", key,
                        "K, released by the service's token");
                resolved = true;
            }
            return open(run, first, key, resolved);
        }
    }

    private Deal open(DealRun run, FirstMessage first, byte[] key, boolean resolved) throws AgentException {
        DealStatus status = resolved ? DealStatus.RESOLVED : DealStatus.COMPLETED;
        byte[] message;
        try {
            message = CertifiedMailChecks.message(first, key, run.latest(ItemRole.CIPHERTEXT).orElseThrow());
        } catch (ExchangeRejection e) {
            return run.end(status, "content-mismatch", "the key does not open the message: " + e.getMessage()
                    + "; the evidence of origin and the key are in the archive");
        }
        Path saved = run.saveContent(CONTENT, "message", message, "application/octet-stream", "the message, decrypted",
                "messageFile");
        return run.end(status, "completed", "received: '" + run.deal().fact("title").orElse("") + "'"
                + (resolved ? " (the service released the key)" : "") + ", saved to " + saved);
    }

    /** Does now what a timeout would: the sender aborts (before it released the key), the recipient resolves. */
    public Deal recover(String dealId) throws AgentException {
        try (DealRun run = DealRun.open(agent, dealId, DealKind.MAIL, null)) {
            Deal deal = run.deal();
            if (deal.status().finished()) {
                agent.progress().step("nothing to recover: the deal has ended (" + deal.status() + ")");
                return deal;
            }
            FirstMessage first = DealRun.read(run.statement(ItemRole.EOO).orElseThrow());
            if (deal.role().equals("sender")) {
                if (run.statement(ItemRole.EOK).isPresent()) {
                    agent.progress().step("the key was released: nothing to recover");
                    return deal;
                }
                return abort(run, first);
            }
            if (run.statement(ItemRole.EOR).isEmpty()) {
                agent.progress().step("you have not signed the receipt: nothing to recover");
                return deal;
            }
            run.step(DealStatus.OPEN, "eor-sent-resolve");
        }
        return receipt(dealId);
    }

}
