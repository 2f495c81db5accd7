package org.semper.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.semper.agent.net.Pem;
import org.semper.agent.net.UnreachableException;
import org.semper.agent.net.WebClient;
import org.semper.agent.party.AgentConfig;
import org.semper.agent.party.Contact;
import org.semper.agent.party.Contacts;
import org.semper.agent.transport.PeerAddress;
import org.semper.evidence.exchange.Hashes;
import org.semper.evidence.validation.CertificationPath;
import org.semper.evidence.validation.TrustAnchors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "contact", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "The parties this agent deals with: their certificate and where they receive messages.",
        subcommands = {ContactCommand.Add.class, ContactCommand.ListContacts.class})
final class ContactCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what to do: add or list");
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = {"Adds (or replaces) a contact. With an "
            + "http(s) address and no --certificate, the agent there is asked who it is (GET /semper/v1/identity): "
            + "compare the fingerprint printed with what the party tells you."},
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:added", "1:the certificate is not trusted",
                "2:usage or input error", "3:the address could not be reached"})
    static final class Add implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @Spec
        CommandSpec spec;

        @Mixin
        AgentOptions options;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--address", required = true, paramLabel = "URL|DIR",
                description = "Where the party receives: its endpoint URL or its inbox directory.")
        String address;

        @Option(names = "--certificate", paramLabel = "PEM", description = "Its certificate chain (semper whoami --pem).")
        Path certificate;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                PeerAddress.parse(address);
                List<X509Certificate> chain;
                if (certificate != null) {
                    chain = Pem.certificates(Files.readString(certificate));
                } else if (PeerAddress.parse(address) instanceof PeerAddress.Http http) {
                    WebClient.Answer answer = new WebClient(Duration.ofSeconds(10)).get(URI.create(http.base()
                            + "/semper/v1/identity"), "application/json");
                    JsonNode identity = JSON.readTree(answer.body());
                    chain = Pem.certificates(identity.path("chain").asText());
                } else {
                    err.println("semper contact add: give --certificate for an inbox-directory contact");
                    return ExitCodes.USAGE;
                }
                if (chain.isEmpty()) {
                    err.println("semper contact add: no certificate found");
                    return ExitCodes.USAGE;
                }
                AgentConfig config = AgentConfig.read(options.home());
                TrustAnchors anchors = TrustAnchors.fromPem(options.home().resolve(config.anchors()));
                Optional<CertificationPath> path = CertificationPath.find(chain.get(0), chain, anchors);
                if (path.isEmpty()) {
                    err.println("semper contact add: " + name + "'s certificate does not chain to your trust anchors");
                    return ExitCodes.FAILED;
                }
                path.get().validateAt(Instant.now());
                Contact contact = new Contact(name, chain, address);
                new Contacts(options.home()).put(contact);
                out.println("Added " + name + ": " + chain.get(0).getSubjectX500Principal().getName());
                out.println("  fingerprint  " + Hashes.fingerprint(chain.get(0)) + "  <- compare with what " + name
                        + " tells you");
                out.println("  address      " + address);
                return ExitCodes.OK;
            } catch (UnreachableException e) {
                err.println("semper contact add: " + e.getMessage());
                err.println("next: start the other agent (semper listen), or give --certificate");
                return ExitCodes.UNREACHABLE;
            } catch (CertPathValidatorException e) {
                err.println("semper contact add: " + name + "'s certificate is not valid: " + e.getMessage());
                return ExitCodes.FAILED;
            } catch (IOException | CertificateException | IllegalArgumentException e) {
                err.println("semper contact add: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the contacts.")
    static final class ListContacts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        AgentOptions options;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            for (Contact contact : new Contacts(options.home()).all()) {
                out.printf("%-20s %s  %s%n", contact.name(), contact.fingerprint(), contact.address());
            }
            return ExitCodes.OK;
        }
    }
}
