package org.semper.agent.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.semper.agent.consent.SignatureDeclinedException;
import org.semper.agent.consent.SigningPurpose;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealArchiveException;
import org.semper.agent.deal.DealFile;
import org.semper.agent.deal.DealStatus;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.party.Contact;
import org.semper.agent.deal.DealKind;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;
import org.semper.agent.transport.Envelope;
import org.semper.agent.transport.TransportException;
import org.semper.agent.ttp.TtpClient;
import org.semper.agent.ttp.TtpDescriptor;
import org.semper.agent.ttp.TtpRefusal;
import org.semper.agent.ttp.TtpUnreachableException;
import org.semper.evidence.bundle.ItemRole;
import org.semper.evidence.exchange.AbortRequest;
import org.semper.evidence.exchange.ExchangeRejection;
import org.semper.evidence.exchange.ExchangeRequests;
import org.semper.evidence.exchange.FirstMessage;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.exchange.Payloads;
import org.semper.evidence.exchange.ResolveRequest;
import org.semper.evidence.exchange.StatementTrust;
import org.semper.evidence.exchange.TtpToken;
import org.semper.evidence.statement.SignedStatement;

/**
 * One run of a deal's state machine: the agent, the deal's archive directory and record, and validation that keeps
 * the revocation data it fetches in the archive. Every message sent or received, every TTP request and token, goes
 * through here into the archive with its time.
 */
final class DealRun implements AutoCloseable {
    final Agent agent;
    final DealFile file;
    final StatementTrust trust;
    private final AutoCloseable lock;
    private Deal deal;

    DealRun(Agent agent, DealFile file) throws AgentException {
        this.agent = agent;
        this.file = file;
        try {
            this.lock = file.lock();
            this.deal = file.deal();
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
        this.trust = agent.trust().recording(data -> {
            try {
                file.keep(data);
            } catch (DealArchiveException e) {
                agent.progress().step("warning: " + e.getMessage());
            }
        });
    }

    Deal deal() {
        return deal;
    }

    void save(Deal changed) throws AgentException {
        deal = changed;
        try {
            file.save(changed);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), "check the disk and the permissions of " + file.directory(), e);
        }
    }

    void step(DealStatus status, String step) throws AgentException {
        save(deal.at(status, step));
    }

    Deal end(DealStatus status, String step, String outcome) throws AgentException {
        save(deal.ended(status, step, outcome));
        note("deal ended: " + status.name().toLowerCase(java.util.Locale.ROOT), "local", outcome);
        agent.progress().step(outcome);
        return deal;
    }

    void note(String event, String direction, String detail) throws AgentException {
        try {
            file.note(event, direction, detail);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /**
     * Keeps a statement. One of this party's own is validated too, so that the CRL/OCSP data proving its certificate
     * good when it signed is in the archive: a judge validates offline with what the bundle holds.
     */
    void keep(String event, String direction, ItemRole role, SignedStatement statement, String description)
            throws AgentException {
        try {
            file.keep(event, direction, role, statement, description);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
        validateOwn(statement);
    }

    private void validateOwn(SignedStatement statement) throws AgentException {
        if (statement.signerCertificate().equals(agent.identity().certificate())) {
            var validation = trust.validate(statement);
            if (!validation.passed()) {
                note("own statement does not validate", "local", statement.type() + ": "
                        + validation.subIndication() + " " + validation.message());
            }
        }
    }

    void keep(String event, String direction, ItemRole role, String mediaType, byte[] content, String description)
            throws AgentException {
        try {
            file.keep(event, direction, role, mediaType, content, description);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
        if (mediaType.equals("application/jose+json")) {
            try {
                validateOwn(SignedStatement.parse(new String(content, java.nio.charset.StandardCharsets.UTF_8)));
            } catch (org.semper.evidence.statement.MalformedStatementException e) {
                note("item is not a statement", "local", role.code() + ": " + e.getMessage());
            }
        }
    }

    void keepCertificates(String event, List<X509Certificate> chain, String whose) throws AgentException {
        for (X509Certificate certificate : chain) {
            try {
                keep(event, "local", ItemRole.CERTIFICATE, "application/pkix-cert", certificate.getEncoded(),
                        whose + ": " + certificate.getSubjectX500Principal().getName());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    Optional<byte[]> secret(String name) throws AgentException {
        try {
            return file.secret(name);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    void secret(String name, byte[] value) throws AgentException {
        try {
            file.secret(name, value);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /** A signature through the consent gate; a declined one ends the deal as DECLINED (or STALLED mid-exchange). */
    SignedStatement sign(String purpose, DealStatus ifDeclined, Supplier<SignedStatement> signing)
            throws AgentException {
        try {
            return SigningPurpose.during(purpose, signing);
        } catch (RuntimeException e) {
            Optional<SignatureDeclinedException> declined = SignatureDeclinedException.in(e);
            if (declined.isEmpty()) {
                throw e;
            }
            String text = "you declined to sign: " + purpose;
            if (ifDeclined == DealStatus.DECLINED) {
                end(DealStatus.DECLINED, deal.step() + "-declined", text);
            } else {
                step(ifDeclined, deal.step());
                note("signature declined", "local", text);
            }
            throw new DealStoppedException(deal, text, ifDeclined == DealStatus.DECLINED ? null
                    : "run 'semper deal recover " + Agent.shortId(deal.id()) + "' when you want to go on", e);
        }
    }

    /** Sends an envelope of {@code kind} to the counterpart; false (and noted) if it could not be handed over. */
    boolean send(String kind, Map<String, SignedStatement> statements, Map<String, byte[]> attachments)
            throws AgentException {
        Envelope envelope = new Envelope(deal.id(), kind, agent.sender(), statements, attachments, Instant.now());
        try {
            agent.send(deal.counterpart().address(), envelope);
            note(kind + " sent", "sent", "to " + deal.counterpart().name() + " at " + deal.counterpart().address());
            agent.progress().step("sent " + kind + " to " + deal.counterpart().name());
            return true;
        } catch (TransportException e) {
            note(kind + " not delivered", "sent", e.getMessage());
            agent.progress().step("could not deliver " + kind + ": " + e.getMessage());
            return false;
        }
    }

    /** Waits for the counterpart's envelope of {@code kind} for at most {@code timeout}. */
    Optional<Envelope> await(String kind, String what, Duration timeout) throws AgentException {
        agent.progress().waiting(what + " (" + kind + ") from " + deal.counterpart().name(), timeout);
        try {
            Optional<Envelope> envelope = agent.inbox().await(deal.id(), kind, timeout, () -> false);
            if (envelope.isEmpty()) {
                note("no " + kind + " in time", "local", "waited " + timeout.toSeconds() + " s for " + what);
                agent.progress().step("no " + kind + " from " + deal.counterpart().name() + " within "
                        + timeout.toSeconds() + " s");
            }
            return envelope;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DealStoppedException(deal, "interrupted while waiting for " + kind,
                    "run 'semper deal recover " + Agent.shortId(deal.id()) + "' to go on", e);
        }
    }

    /** Notes a received message that fails its checks (it is kept with role OTHER: never used by a judge rule). */
    void refused(String kind, Envelope envelope, ExchangeRejection e) throws AgentException {
        SignedStatement statement = envelope.statements().values().stream().findFirst().orElse(null);
        if (statement != null) {
            keep(kind + " refused", "received", ItemRole.OTHER, statement, kind + " that failed the checks: "
                    + e.getMessage());
        } else {
            note(kind + " refused", "received", e.getMessage());
        }
        agent.progress().step(kind + " from " + deal.counterpart().name() + " refused: " + e.getMessage());
    }

    /** The TTP client of the protocol, after checking that it is the TTP the first message names. */
    TtpClient ttp(FirstMessage first) throws AgentException {
        TtpDescriptor descriptor = agent.describe(first.protocol());
        if (!descriptor.identity().equals(first.ttp())) {
            throw stalled("the exchange names the TTP " + first.ttp().url() + ", not the one configured ("
                    + descriptor.identity().url() + ")", "configure that TTP's URL in agent.json and run 'semper deal "
                    + "recover " + Agent.shortId(deal.id()) + "'", null);
        }
        return agent.ttp(first.protocol());
    }

    /** Aborts with the TTP (initiator): the abort token, or the token the TTP had stored, checked. */
    TtpToken abort(FirstMessage first) throws AgentException {
        TtpClient ttp = ttp(first);
        AbortRequest request = ExchangeRequests.abort(agent.signer(), first.statement());
        return callTtp(first, "abort", () -> ttp.abort(request), request.request(), ttp);
    }

    /** Resolves with the TTP: the resolve token, affidavit, or the abort token the TTP had stored, checked. */
    TtpToken resolve(FirstMessage first, SignedStatement second, Optional<byte[]> ek) throws AgentException {
        TtpClient ttp = ttp(first);
        ResolveRequest request = ExchangeRequests.resolve(agent.signer(), first.statement(), second, ek);
        return callTtp(first, "resolve", () -> ttp.resolve(request), request.request(), ttp);
    }

    private interface TtpCall {
        SignedStatement run() throws TtpRefusal, TtpUnreachableException;
    }

    private TtpToken callTtp(FirstMessage first, String what, TtpCall call, SignedStatement request, TtpClient ttp)
            throws AgentException {
        keep(what + " requested", "ttp", what.equals("abort") ? ItemRole.ABORT_REQUEST : ItemRole.RESOLVE_REQUEST,
                request, what + " request to " + ttp.base());
        agent.progress().step("asking the TTP at " + ttp.base() + " to " + what + " the exchange");
        SignedStatement answer;
        try {
            answer = call.run();
        } catch (TtpUnreachableException e) {
            throw stalled("the TTP could not be reached: " + e.getMessage(), "run 'semper deal recover "
                    + Agent.shortId(deal.id()) + "' once the TTP is back (the exchange is undecided until then)", e);
        } catch (TtpRefusal e) {
            throw stalled("the TTP refused to " + what + ": " + e.getMessage(), e.retryable()
                    ? "try again later: 'semper deal recover " + Agent.shortId(deal.id()) + "'"
                    : "this request cannot succeed as it is; export the evidence ('semper deal export') and seek "
                            + "the arbiter if the other party owes you", e);
        }
        TtpToken token;
        try {
            token = TtpToken.read(trust, first, answer);
        } catch (ExchangeRejection e) {
            keep("TTP answer refused", "ttp", ItemRole.OTHER, answer, "the TTP's answer does not count: "
                    + e.getMessage());
            throw stalled("the TTP's answer does not count: " + e.getMessage(), "keep the evidence: the TTP's "
                    + "signed answer is in the archive", e);
        }
        ItemRole role = token.isAbort() ? ItemRole.ABORT_TOKEN : token.isAffidavit() ? ItemRole.AFFIDAVIT
                : first.protocol().resolvedLabel().equals("key-released") ? ItemRole.KEY_RELEASED : ItemRole.RESOLVE_TOKEN;
        keep("TTP token received", "ttp", role, answer, "the TTP's " + token.label() + " token");
        agent.progress().step("the TTP answered: " + token.label());
        return token;
    }

    DealStoppedException stalled(String message, String next, Throwable cause) throws AgentException {
        step(DealStatus.STALLED, deal.step());
        note("stalled", "local", message);
        return new DealStoppedException(deal, message, next, cause);
    }

    /** The chain of a signed statement's signer, kept once per certificate (the judge needs it offline). */
    void keepSigner(SignedStatement statement, String whose) throws AgentException {
        keepCertificates("certificate of " + whose, statement.certificateChain(), whose);
    }

    /**
     * Saves decrypted content (goods, a message) in the deal's directory ({@code <folder>/<name>}), keeps it in the
     * archive as the plaintext, and records where it is as the fact {@code fact}.
     */
    Path saveContent(String folder, String name, byte[] content, String mediaType, String description, String fact)
            throws AgentException {
        Path saved = file.directory().resolve(folder).resolve(name);
        try {
            Files.createDirectories(saved.getParent());
            Files.write(saved, content);
        } catch (IOException e) {
            throw new AgentException("cannot save " + description + " to " + saved + ": " + e.getMessage(), null, e);
        }
        keep(description + " saved", "local", ItemRole.PLAINTEXT, mediaType, content, description);
        save(deal.withFact(fact, saved.toString()));
        return saved;
    }

    /** The latest archived statement with {@code role}. */
    Optional<SignedStatement> statement(ItemRole role) throws AgentException {
        try {
            return file.statement(role);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /** The latest archived item with {@code role}. */
    Optional<byte[]> latest(ItemRole role) throws AgentException {
        try {
            return file.latest(role);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /** A statement a checked TTP token embeds ({@code payment}: px2, {@code eor}: EOR). */
    static SignedStatement embedded(TtpToken token, String member) throws AgentException {
        try {
            return Payloads.statement(token.payload(), member);
        } catch (ExchangeRejection e) {
            throw new AgentException("the TTP's token embeds no " + member + ": " + e.getMessage(), null, e);
        }
    }

    /** An archived first message, read again (it was checked when it was made or received). */
    static FirstMessage read(SignedStatement first) throws AgentException {
        try {
            return FirstMessage.read(first);
        } catch (ExchangeRejection e) {
            throw new AgentException("the archived first message is not one: " + e.getMessage(), null, e);
        }
    }

    /** A signature made before the deal exists (the offer, me1, EOO): declining it just stops. */
    static SignedStatement signOutside(String purpose, Supplier<SignedStatement> signing) throws AgentException {
        try {
            return SigningPurpose.during(purpose, signing);
        } catch (RuntimeException e) {
            if (SignatureDeclinedException.in(e).isPresent()) {
                throw new AgentException("you declined to sign: " + purpose, null, e);
            }
            throw e;
        }
    }

    /** The party that signed {@code statement}: a known contact, or the certificate's name and the reply address. */
    static Deal.Party counterparty(Agent agent, SignedStatement statement, Envelope envelope) {
        X509Certificate certificate = statement.signerCertificate();
        String fingerprint = Hashes.fingerprint(certificate);
        try {
            Optional<Contact> known = agent.contacts().byFingerprint(fingerprint);
            if (known.isPresent()) {
                return new Deal.Party(known.get().name(), fingerprint, known.get().address());
            }
        } catch (IOException e) {
            // unreadable contacts: take the certificate's name
        }
        return new Deal.Party(PartyIdentity.commonName(certificate), fingerprint, envelope.from().replyTo());
    }

    static DealFile create(Agent agent, Deal deal) throws AgentException {
        try {
            return agent.archive().create(deal);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), null, e);
        }
    }

    /** Opens a deal of {@code kind} in which this party has {@code role} (any role if null). */
    static DealRun open(Agent agent, String dealId, DealKind kind, String role) throws AgentException {
        DealFile file;
        try {
            file = agent.archive().open(dealId);
        } catch (DealArchiveException e) {
            throw new AgentException(e.getMessage(), "'semper deals' lists your deals", e);
        }
        DealRun run = new DealRun(agent, file);
        if (run.deal().kind() != kind || (role != null && !run.deal().role().equals(role))) {
            run.close();
            throw new AgentException("deal " + dealId + " is not a " + kind.name().toLowerCase(Locale.ROOT)
                    + (role == null ? "" : " in which you are the " + role), "'semper deal show " + dealId
                            + "' says what it is");
        }
        return run;
    }

    @Override
    public void close() {
        try {
            lock.close();
        } catch (Exception e) {
            // released with the process anyway
        }
    }
}
