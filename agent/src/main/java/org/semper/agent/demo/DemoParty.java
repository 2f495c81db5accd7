package org.semper.agent.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.semper.agent.consent.SignatureRendering;
import org.semper.agent.consent.SigningConsent;
import org.semper.agent.consent.SigningRequest;
import org.semper.agent.exchange.Deals;
import org.semper.agent.identity.CaEnrollment;
import org.semper.agent.identity.EnrollmentException;
import org.semper.agent.identity.IdentityException;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentConfig;
import org.semper.agent.party.AgentException;
import org.semper.agent.party.Contact;
import org.semper.agent.party.Progress;

/**
 * One party of the demonstration: an agent created in its own home, its key enrolled with the local CA (by the
 * approval path, which the local profile approves at once), its endpoint on a free port, every signature shown
 * (one line each; the full rendering when {@link #showInFull} says so) and approved as the person would.
 */
public final class DemoParty implements AutoCloseable {
    private final Agent agent;
    private final Deals deals;
    private volatile String showInFull = "";
    private volatile String lastShown = "";

    private DemoParty(Agent agent) {
        this.agent = agent;
        this.deals = new Deals(agent);
    }

    /** Creates, enrolls and opens the party {@code name} ({@code profile}: buyer or merchant) under {@code home}. */
    public static DemoParty create(Path home, String name, String organisation, String profile, Suite suite,
            Narrator narrator, Duration stepTimeout) throws IOException, AgentException {
        try {
            AgentConfig config = AgentConfig.defaults(name, Optional.of("127.0.0.1:0"), "").withServices(
                    SuiteService.NOTARY.url(), SuiteService.MAIL.url(), SuiteService.ARBITER.url(),
                    SuiteService.CA.url()).withTimeout(stepTimeout);
            config.write(home);
            Files.copy(suite.trustAnchor(), home.resolve(config.anchors()));
            PartyIdentity identity = PartyIdentity.create(home, "CN=" + name + ",O=" + organisation);
            identity.install(new CaEnrollment(URI.create(SuiteService.CA.url()), Duration.ofSeconds(30))
                    .enrollByApproval(identity.certificationRequest(), profile, name.toLowerCase() + "@example.org",
                            "demo party", Duration.ofMillis(200), Duration.ofSeconds(30), id -> { }));
            narrator.say(name + " enrolled with the CA: " + identity.certificate().getSubjectX500Principal().getName()
                    + " (" + profile + " profile), certificate " + Agent.shortId(identity.fingerprint()) + "...");
        } catch (IdentityException | EnrollmentException e) {
            throw new AgentException("cannot set up " + name + ": " + e.getMessage(), null, e);
        }
        DemoParty[] self = new DemoParty[1];
        SigningConsent consent = request -> self[0].show(request, narrator);
        Agent agent = Agent.open(home, Agent.Options.of(consent, new Progress() {
            @Override
            public void step(String text) {
                narrator.say("  " + name + ": " + text);
            }

            @Override
            public void waiting(String what, Duration atMost) {
                narrator.say("  " + name + ": waiting up to " + atMost.toSeconds() + " s for " + what);
            }
        }));
        self[0] = new DemoParty(agent);
        agent.startEndpoint();
        return self[0];
    }

    private boolean show(SigningRequest request, Narrator narrator) {
        if (!showInFull.isEmpty() && request.type().equals(showInFull)) {
            showInFull = "";
            narrator.say("  " + agent.name() + " is shown exactly what will be signed (what you see is what you sign):");
            SignatureRendering.lines(request, agent.names()).forEach(line -> narrator.say("    | " + line));
        } else {
            String msg = request.payload().path("msg").asText(request.type());
            String line = "  " + agent.name() + " signs " + msg + (request.purpose().isEmpty() ? ""
                    : ": " + request.purpose());
            if (!line.equals(lastShown)) {
                narrator.say(line);
            }
            lastShown = line;
        }
        return true;
    }

    /** The next signature of this {@code typ} is narrated with its full rendering. */
    public void showInFull(String type) {
        this.showInFull = type;
    }

    public Agent agent() {
        return agent;
    }

    public Deals deals() {
        return deals;
    }

    public Contact contact() {
        return new Contact(agent.name(), agent.identity().chain(), agent.address());
    }

    /** Makes the two parties each other's contacts. */
    public static void introduce(DemoParty a, DemoParty b) throws IOException {
        a.agent.contacts().put(b.contact());
        b.agent.contacts().put(a.contact());
    }

    @Override
    public void close() {
        agent.close();
    }
}
