package org.semper.agent.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.bouncycastle.asn1.x500.X500Name;
import org.semper.agent.consent.SignatureRendering;
import org.semper.agent.consent.SigningConsent;
import org.semper.agent.consent.SigningRequest;
import org.semper.agent.exchange.Deals;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentConfig;
import org.semper.agent.party.Contact;
import org.semper.agent.party.Progress;
import org.semper.agent.ttp.TtpApi;
import org.semper.evidence.validation.RevocationData;
import org.semper.evidence.validation.RevocationFetcher;

/**
 * Everything two (or more) agents need in one JVM, with real crypto and no mock of the protocol: a test CA, a
 * revocation source that issues the CA's CRL fresh on every fetch (so that statements signed a moment ago are
 * covered), a notary and a certified-mail TTP built from the evidence library ({@link TestTtp}), and agent homes
 * with keys certified by the CA. Agents talk over their HTTP endpoints (or their inbox directories).
 */
public final class AgentWorld implements AutoCloseable {
    public final Pki.Entity ca = Pki.rootCa("Agent Test CA");
    public final Map<X509Certificate, Instant> revoked = new ConcurrentHashMap<>();
    public final RevocationFetcher revocation = (certificate, issuer) -> RevocationData.builder()
            .crl(Pki.crl(ca, Instant.now(), revoked)).build();
    public final TestTtp notary;
    public final TestTtp mail;
    /** The CA's enrollment endpoints and its CRL (named in the TTPs' certificates and those it issues). */
    public final TestCa enrollment;
    public final Path root;
    private final List<Party> parties = new ArrayList<>();
    private final Duration timeout;

    /** One agent with what the test observes of it: what it was asked to sign and what it reported. */
    public static final class Party {
        public final Agent agent;
        public final Deals deals;
        public final Consent consent;
        public final List<String> progress;

        Party(Agent agent, Consent consent, List<String> progress) {
            this.agent = agent;
            this.deals = new Deals(agent);
            this.consent = consent;
            this.progress = progress;
        }

        /** The first incoming deal (an offer, a contract offer, mail) that arrives within 10 s. */
        public String incoming() throws Exception {
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end) {
                List<org.semper.agent.deal.Deal> arrived = deals.ingest();
                if (!arrived.isEmpty()) {
                    return arrived.get(0).id();
                }
                Thread.sleep(50);
            }
            throw new AssertionError("nothing arrived\n" + this);
        }

        public Contact asContact() {
            return new Contact(agent.name(), agent.identity().chain(), agent.address());
        }

        @Override
        public String toString() {
            return agent.name() + " progress:\n  " + String.join("\n  ", progress);
        }
    }

    /** Records every signing request and its rendering; declines those matching {@link #decline}. */
    public static final class Consent implements SigningConsent {
        public final List<SigningRequest> requests = Collections.synchronizedList(new ArrayList<>());
        public final List<String> renderings = Collections.synchronizedList(new ArrayList<>());
        private volatile Predicate<SigningRequest> decline = request -> false;
        private volatile Agent agent;

        public void decline(Predicate<SigningRequest> which) {
            this.decline = which;
        }

        @Override
        public boolean approve(SigningRequest request) {
            requests.add(request);
            renderings.add(SignatureRendering.text(request, agent == null ? fp -> Optional.empty() : agent.names()));
            return !decline.test(request);
        }
    }

    public AgentWorld(Duration timeout) throws IOException {
        this.timeout = timeout;
        this.root = Files.createTempDirectory("semper-agents");
        this.enrollment = new TestCa(ca, revoked);
        this.notary = new TestTtp(TtpApi.NOTARY, ca, revocation, enrollment.crlUrl());
        this.mail = new TestTtp(TtpApi.MAIL, ca, revocation, enrollment.crlUrl());
    }

    /** A new agent named {@code name} with an HTTP endpoint on a free port ({@code http}) or an inbox only. */
    public Party party(String name, boolean http) throws Exception {
        Path home = root.resolve(name.toLowerCase().replace(' ', '-'));
        Files.createDirectories(home);
        AgentConfig config = AgentConfig.defaults(name, http ? Optional.of("127.0.0.1:0") : Optional.empty(),
                home.resolve("inbox").toString()).withServices(notary.url(), mail.url(), "http://127.0.0.1:9",
                        "http://127.0.0.1:9");
        config.write(home);
        Pki.pem(home.resolve("anchors.pem"), ca.certificate());
        PartyIdentity identity = PartyIdentity.create(home, "CN=" + name + ",O=Semper Agent Test");
        identity.install(List.of(ca.certify(X500Name.getInstance(identity.certificate().getSubjectX500Principal()
                .getEncoded()), identity.certificate().getPublicKey(), Pki.Usage.SIGNING, enrollment.crlUrl())));
        Consent consent = new Consent();
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        Agent agent = Agent.open(home, Agent.Options.of(consent, new Progress() {
            @Override
            public void step(String text) {
                progress.add(Instant.now() + " " + text);
            }

            @Override
            public void waiting(String what, Duration atMost) {
                progress.add(Instant.now() + " waiting for " + what);
            }
        }).withRevocation(revocation).withTimeout(timeout));
        consent.agent = agent;
        agent.startEndpoint();
        Party party = new Party(agent, consent, progress);
        parties.add(party);
        return party;
    }

    /** Makes each of the two parties a contact of the other. */
    public static void introduce(Party a, Party b) throws IOException {
        a.agent.contacts().put(b.asContact());
        b.agent.contacts().put(a.asContact());
    }

    @Override
    public void close() {
        parties.forEach(p -> p.agent.close());
        notary.close();
        mail.close();
        enrollment.close();
    }
}
