package org.semper.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.semper.agent.identity.CaEnrollment;
import org.semper.agent.identity.EnrollmentException;
import org.semper.agent.identity.IdentityException;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.party.AgentConfig;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "enroll", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Gets the agent's certificate from the CA (ca-service) for its key: over EST with a one-time "
                + "enrollment token (default), over REST with the token (--rest), or without a token, waiting for a "
                + "registration officer's approval (--approval)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:enrolled", "1:the CA refused (the message says "
                + "why)", "2:usage error", "3:the CA could not be reached, or the officer has not decided yet"})
final class EnrollCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions options;

    static final class How {
        @Option(names = "--token", paramLabel = "TOKEN", description = "The enrollment token an officer gave you.")
        String token;

        @Option(names = "--approval", description = "No token: ask for an officer's approval and wait for it.")
        boolean approval;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    How how;

    @Option(names = "--rest", description = "With --token: use the REST API instead of EST.")
    boolean rest;

    @Option(names = "--profile", defaultValue = "buyer", description = "The certificate profile: buyer, merchant "
            + "(default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--ca", paramLabel = "URL", description = "The CA (default: the agent's setting).")
    String ca;

    @Option(names = "--contact", defaultValue = "", description = "With --approval: how the officer reaches you.")
    String contact;

    @Option(names = "--details", defaultValue = "", description = "With --approval: what the officer needs to vet you.")
    String details;

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "With --approval: how long to wait for the decision (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            AgentConfig config = AgentConfig.read(options.home());
            PartyIdentity identity = PartyIdentity.open(options.home());
            CaEnrollment enrollment = new CaEnrollment(URI.create(ca != null ? ca : config.ca()), Duration.ofSeconds(30));
            byte[] csr = identity.certificationRequest();
            List<X509Certificate> chain;
            if (how.approval) {
                chain = enrollment.enrollByApproval(csr, profile, contact, details, Duration.ofSeconds(5), wait,
                        id -> out.printf("request %s is waiting for a registration officer's decision ...%n", id));
            } else if (rest) {
                chain = enrollment.enrollWithToken(csr, profile, how.token);
            } else {
                chain = enrollment.enrollEst(csr, profile, how.token);
            }
            identity.install(chain);
            out.println("Enrolled: " + identity.certificate().getSubjectX500Principal().getName());
            out.println("  issued by    " + identity.certificate().getIssuerX500Principal().getName());
            out.println("  valid until  " + identity.certificate().getNotAfter().toInstant());
            out.println("  fingerprint  " + identity.fingerprint() + " (how your messages name you)");
            return ExitCodes.OK;
        } catch (EnrollmentException e) {
            err.println("semper enroll: " + e.getMessage());
            boolean later = e.code().map(c -> c.equals("enrollment-pending")).orElse(true);
            return later ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
        } catch (IdentityException | IOException e) {
            err.println("semper enroll: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
