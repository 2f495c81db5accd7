package org.semper.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.semper.agent.identity.IdentityException;
import org.semper.agent.identity.PartyIdentity;
import org.semper.agent.party.AgentConfig;
import org.semper.evidence.exchange.Hashes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        description = {"Creates an agent: its home directory with settings, a new EC P-256 key in a PKCS#12 keystore "
                + "and the certification request for it (request.csr). Next: 'semper enroll' to get the certificate."},
        footer = {"", "Example (the local suite):",
            "  semper init --home alice --name Alice --subject 'CN=Alice,O=Alice' --listen 127.0.0.1:9001 \\",
            "      --anchors data/local-ca/root.pem"},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:created", "2:usage error, or the home holds an "
                + "agent already"})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--home", paramLabel = "DIR", description = "Where to create the agent (default: $SEMPER_HOME, "
            + "else ~/.semper).")
    Path home;

    @Option(names = "--name", required = true, description = "How this party calls itself in its messages.")
    String name;

    @Option(names = "--subject", paramLabel = "DN", description = "The certificate subject to request "
            + "(default: CN=<name>).")
    String subject;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = "Run an HTTP endpoint here while commands "
            + "run (default: none; peers write into the inbox directory).")
    String listen;

    @Option(names = "--address", paramLabel = "URL", description = "The address peers send to (default: "
            + "http://<listen>, or the inbox directory).")
    String address;

    @Option(names = "--anchors", paramLabel = "PEM", description = "Trust anchors to copy into the home (e.g. "
            + "data/local-ca/root.pem).")
    Path anchors;

    @Option(names = "--import", paramLabel = "P12", description = "Use this PKCS#12 key and chain instead of a new key.")
    Path importKeystore;

    @Option(names = "--import-password-file", paramLabel = "FILE", description = "The password of --import.")
    Path importPassword;

    @Option(names = "--notary", defaultValue = "http://127.0.0.1:8083", description = "Notary URL (default: "
            + "${DEFAULT-VALUE}).")
    String notary;

    @Option(names = "--mail", defaultValue = "http://127.0.0.1:8084", description = "Certified-mail URL (default: "
            + "${DEFAULT-VALUE}).")
    String mail;

    @Option(names = "--arbiter", defaultValue = "http://127.0.0.1:8085", description = "Arbiter URL (default: "
            + "${DEFAULT-VALUE}).")
    String arbiter;

    @Option(names = "--ca", defaultValue = "http://127.0.0.1:8082", description = "CA URL (default: ${DEFAULT-VALUE}).")
    String ca;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long each step waits for the other party (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AgentOptions where = new AgentOptions();
        where.home = home;
        Path directory = where.home();
        if (Files.exists(directory.resolve(AgentConfig.FILE))) {
            err.println("semper init: " + directory + " holds an agent already");
            err.println("next: use it (--home " + directory + "), or choose another --home");
            return ExitCodes.USAGE;
        }
        try {
            String peersSendTo = address != null ? address : listen != null ? "http://" + listen
                    : directory.resolve("inbox").toString();
            AgentConfig config = AgentConfig.defaults(name, Optional.ofNullable(listen), peersSendTo)
                    .withServices(notary, mail, arbiter, ca).withTimeout(timeout);
            PartyIdentity identity = importKeystore != null
                    ? PartyIdentity.importFrom(directory, importKeystore, Files.readString(importPassword).strip()
                            .toCharArray())
                    : PartyIdentity.create(directory, subject != null ? subject : "CN=" + name);
            config.write(directory);
            if (anchors != null) {
                Files.copy(anchors, directory.resolve(config.anchors()), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(directory.resolve("request.csr"), identity.certificationRequestPem());
            out.println("Agent '" + name + "' created in " + directory);
            out.println("  key            " + identity.keystore() + " (EC P-256; password in "
                    + PartyIdentity.PASSWORD_FILE + ")");
            out.println("  public key     SHA-256 " + Hashes.h(identity.certificate().getPublicKey().getEncoded()));
            out.println("  request        " + directory.resolve("request.csr"));
            out.println("  peers send to  " + peersSendTo);
            if (anchors == null) {
                out.println("next: copy the root CA certificate to " + directory.resolve(config.anchors()));
            }
            out.println(identity.enrolled() ? "next: add contacts (semper contact add)"
                    : "next: semper enroll --home " + directory + " --token TOKEN (from a registration officer), "
                            + "or --approval");
            return ExitCodes.OK;
        } catch (IdentityException | IOException e) {
            err.println("semper init: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
