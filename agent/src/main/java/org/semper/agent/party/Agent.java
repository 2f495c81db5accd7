package org.semper.agent.party;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.semper.agent.consent.PartyNames;
import org.semper.agent.consent.SigningConsent;
import org.semper.agent.deal.Deal;
import org.semper.agent.deal.DealArchive;
import org.semper.agent.identity.IdentityException;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.net.Pem;
import org.semper.agent.payment.ChequePayments;
import org.semper.agent.payment.PaymentMethod;
import org.semper.agent.payment.PaymentMethodFactory;
import org.semper.agent.transport.Envelope;
import org.semper.agent.transport.HttpEndpoint;
import org.semper.agent.transport.Inbox;
import org.semper.agent.transport.Transport;
import org.semper.agent.trust.OnlineRevocation;
import org.semper.agent.trust.PartyTrust;
import org.semper.agent.ttp.TtpApi;
import org.semper.agent.ttp.TtpClient;
import org.semper.agent.ttp.TtpDescriptor;
import org.semper.agent.ttp.TtpRefusal;
import org.semper.agent.ttp.TtpUnreachableException;
import org.semper.evidence.exchange.ExchangeProtocol;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.statement.StatementSigner;
import org.semper.evidence.validation.RevocationFetcher;
import org.semper.evidence.validation.TrustAnchors;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A buyer's or merchant's agent, opened on its home directory:
 * <pre>
 * agent.json       settings ({@link AgentConfig})
 * identity.p12     the party's key and certificate chain, identity.pass its password
 * anchors.pem      the trust anchors (e.g. the local CA's root)
 * contacts.json    the parties it knows
 * inbox/           envelopes received (by its HTTP endpoint, or written there by other agents)
 * deals/           the archive: one directory per deal
 * payments/        the payment method's ledger
 * </pre>
 * The deal state machines ({@code org.semper.agent.exchange}) work through it: they sign with {@link #signer()}
 * (every signature asks the {@link SigningConsent}), validate with {@link #trust()}, send with {@link #send}, wait on
 * the {@link #inbox()}, call the TTPs ({@link #ttp}) and keep everything in the {@link #archive()}.
 */
public final class Agent implements AutoCloseable {
    /** How an agent is opened: consent, progress, revocation, and the timeout per step. */
    public record Options(SigningConsent consent, Progress progress, Optional<RevocationFetcher> revocation,
            Optional<Duration> timeout, Clock clock, PaymentMethodFactory payments) {
        public Options {
            Objects.requireNonNull(consent, "consent");
            Objects.requireNonNull(progress, "progress");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(payments, "payments");
        }

        /** Defaults: revocation fetched online, the configured step timeout, the system clock, cheques. */
        public static Options of(SigningConsent consent, Progress progress) {
            return new Options(consent, progress, Optional.empty(), Optional.empty(), Clock.systemUTC(),
                    ChequePayments::new);
        }

        public Options withRevocation(RevocationFetcher fetcher) {
            return new Options(consent, progress, Optional.of(fetcher), timeout, clock, payments);
        }

        public Options withTimeout(Duration stepTimeout) {
            return new Options(consent, progress, revocation, Optional.of(stepTimeout), clock, payments);
        }

        /** Another payment method (see {@code agent/README.md}, "Payments"). */
        public Options withPayments(PaymentMethodFactory factory) {
            return new Options(consent, progress, revocation, timeout, clock, factory);
        }
    }

    private final Path home;
    private final AgentConfig config;
    private final PartyIdentity identity;
    private final StatementSigner signer;
    private final PartyTrust trust;
    private final Contacts contacts;
    private final DealArchive archive;
    private final Inbox inbox;
    private final Transport transport;
    private final PaymentMethod payments;
    private final Progress progress;
    private final Duration timeout;
    private final Map<TtpApi, TtpClient> ttps = new EnumMap<>(TtpApi.class);
    private final Map<TtpApi, TtpDescriptor> described = new EnumMap<>(TtpApi.class);
    private volatile HttpEndpoint endpoint;
    private volatile String address;

    private Agent(Path home, AgentConfig config, PartyIdentity identity, TrustAnchors anchors, Options options) {
        this.home = home;
        this.config = config;
        this.identity = identity;
        this.signer = identity.signer(options.consent());
        this.trust = new PartyTrust(anchors, options.revocation().orElseGet(
                () -> new OnlineRevocation(Duration.ofSeconds(10))), options.clock());
        this.contacts = new Contacts(home);
        this.archive = new DealArchive(home.resolve("deals"));
        this.inbox = new Inbox(home.resolve("inbox"));
        this.transport = Transport.defaults();
        this.payments = options.payments().create(signer, trust::now, home.resolve("payments"));
        this.progress = options.progress();
        this.timeout = options.timeout().orElse(config.timeout());
        this.address = config.address();
        ttps.put(TtpApi.NOTARY, TtpClient.of(TtpApi.NOTARY, URI.create(config.notary())));
        ttps.put(TtpApi.MAIL, TtpClient.of(TtpApi.MAIL, URI.create(config.mail())));
    }

    /**
     * Opens the agent in {@code home}.
     *
     * @throws AgentException if it has no settings, key, certificate or anchors yet
     */
    public static Agent open(Path home, Options options) throws AgentException {
        AgentConfig config;
        try {
            config = AgentConfig.read(home);
        } catch (IOException e) {
            throw new AgentException(e.getMessage(), "run 'semper init' (or give --home)", e);
        }
        PartyIdentity identity;
        try {
            identity = PartyIdentity.open(home);
        } catch (IdentityException e) {
            throw new AgentException(e.getMessage(), "run 'semper init' to create the key", e);
        }
        if (!identity.enrolled()) {
            throw new AgentException("the party key in " + home + " has no certificate from a CA yet",
                    "enroll it: 'semper enroll --token TOKEN' (EST) or 'semper enroll --approval'");
        }
        TrustAnchors anchors;
        Path anchorFile = home.resolve(config.anchors());
        try {
            anchors = TrustAnchors.fromPem(anchorFile);
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            throw new AgentException("cannot read the trust anchors " + anchorFile + ": " + e.getMessage(),
                    "copy the root CA certificate there (on the local profile: data/local-ca/root.pem)", e);
        }
        return new Agent(home, config, identity, anchors, options);
    }

    public Path home() {
        return home;
    }

    public AgentConfig config() {
        return config;
    }

    public PartyIdentity identity() {
        return identity;
    }

    /** The party's signer: every signature asks for consent first. */
    public StatementSigner signer() {
        return signer;
    }

    public PartyTrust trust() {
        return trust;
    }

    public Contacts contacts() {
        return contacts;
    }

    public DealArchive archive() {
        return archive;
    }

    public Inbox inbox() {
        return inbox;
    }

    public PaymentMethod payments() {
        return payments;
    }

    public Progress progress() {
        return progress;
    }

    /** How long a step waits for the other party before the agent recovers with the TTP. */
    public Duration stepTimeout() {
        return timeout;
    }

    public String name() {
        return config.name();
    }

    /** Where peers send envelopes: the running endpoint, or the configured address. */
    public String address() {
        return address;
    }

    public Envelope.Sender sender() {
        return new Envelope.Sender(config.name(), identity.fingerprint(), address);
    }

    /**
     * Starts the HTTP endpoint if the settings name one ({@code listen}); idempotent. With port 0 the address
     * becomes the port the system chose.
     */
    public synchronized Optional<HttpEndpoint> startEndpoint() throws AgentException {
        if (endpoint != null || config.listen().isEmpty()) {
            return Optional.ofNullable(endpoint);
        }
        String listen = config.listen().get();
        int colon = listen.lastIndexOf(':');
        String host = colon > 0 ? listen.substring(0, colon) : "127.0.0.1";
        int port = Integer.parseInt(listen.substring(colon + 1));
        try {
            endpoint = HttpEndpoint.start(host, port, inbox, this::identityDocument);
        } catch (IOException e) {
            throw new AgentException("cannot listen on " + listen + ": " + e.getMessage(),
                    "another semper command may be listening there already (then leave it running), or change "
                            + "'listen' in " + home.resolve(AgentConfig.FILE), e);
        }
        if (port == 0) {
            address = endpoint.address().toString();
        }
        return Optional.of(endpoint);
    }

    /** What {@code GET /semper/v1/identity} answers. */
    public ObjectNode identityDocument() {
        return JsonNodeFactory.instance.objectNode().put("name", config.name()).put("certSha256",
                identity.fingerprint()).put("chain", Pem.encode(identity.chain())).put("address", address);
    }

    /** The client of the TTP that serves {@code protocol}: the notary (cs, px), the certified-mail service (cm). */
    public TtpClient ttp(ExchangeProtocol protocol) {
        return ttps.get(api(protocol));
    }

    public static TtpApi api(ExchangeProtocol protocol) {
        return protocol == ExchangeProtocol.CERTIFIED_MAIL ? TtpApi.MAIL : TtpApi.NOTARY;
    }

    /** The TTP as it describes itself (fetched once per agent, checked against the trust anchors). */
    public TtpDescriptor describe(ExchangeProtocol protocol) throws AgentException {
        TtpApi api = api(protocol);
        synchronized (described) {
            TtpDescriptor known = described.get(api);
            if (known != null) {
                return known;
            }
            TtpClient client = ttps.get(api);
            try {
                TtpDescriptor descriptor = client.describe(trust.anchors());
                described.put(api, descriptor);
                return descriptor;
            } catch (TtpUnreachableException e) {
                throw new AgentException(e.getMessage(), "start the " + (api == TtpApi.MAIL ? "certified-mail "
                        + "service" : "notary") + " (./semper demo starts the whole suite) or fix its URL in "
                        + home.resolve(AgentConfig.FILE), e);
            } catch (TtpRefusal e) {
                throw new AgentException(e.getMessage(), "check that " + client.base() + " is a Semper TTP and "
                        + "that its certificates chain to " + config.anchors(), e);
            }
        }
    }

    /** Who a fingerprint is: this party, a contact, or a TTP described so far. */
    public PartyNames names() {
        return fingerprint -> {
            if (fingerprint.equals(identity.fingerprint())) {
                return Optional.of(config.name() + " (you)");
            }
            try {
                Optional<Contact> contact = contacts.byFingerprint(fingerprint);
                if (contact.isPresent()) {
                    return Optional.of(contact.get().name());
                }
            } catch (IOException e) {
                // unreadable contacts: no name
            }
            synchronized (described) {
                for (TtpDescriptor ttp : described.values()) {
                    if (ttp.identity().certSha256().equals(fingerprint)) {
                        return Optional.of("the TTP at " + ttp.identity().url());
                    }
                }
            }
            return Optional.empty();
        };
    }

    /** The contact with this name or fingerprint. */
    public Contact contact(String nameOrFingerprint) throws AgentException {
        try {
            return contacts.find(nameOrFingerprint).orElseThrow(() -> new AgentException("no contact '"
                    + nameOrFingerprint + "'", "add it: semper contact add NAME --address URL"));
        } catch (IOException e) {
            throw new AgentException(e.getMessage(), "fix or remove " + home.resolve(Contacts.FILE), e);
        }
    }

    /** Every deal, newest first (after taking what arrived in the inbox). */
    public List<Deal> deals() {
        return archive.deals();
    }

    /** {@code h(DER)} of this party's certificate. */
    public String fingerprint() {
        return identity.fingerprint();
    }

    /** Sends an envelope to {@code to}. */
    public void send(String to, Envelope envelope) throws org.semper.agent.transport.TransportException {
        transport.send(org.semper.agent.transport.PeerAddress.parse(to), envelope);
    }

    /** A short form of an id for people: its first 10 characters. */
    public static String shortId(String id) {
        return id.length() > 10 ? id.substring(0, 10) : id;
    }

    static boolean isId(String text) {
        return Hashes.isDigest(text);
    }

    @Override
    public synchronized void close() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }
}
