package org.semper.agent.cli;

import java.io.PrintWriter;

import org.semper.agent.exchange.Deals;
import org.semper.agent.net.Pem;
import org.semper.agent.party.Agent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "whoami", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Who this agent is: name, certificate, fingerprint, address; --pem prints the certificate chain "
                + "for a peer's 'semper contact add --certificate'.")
final class WhoamiCommand extends AgentCommand {
    @Option(names = "--pem", description = "Print only the certificate chain (PEM).")
    boolean pem;

    @Override
    boolean listens() {
        return false;
    }

    @Override
    int run(Agent agent, Deals deals) {
        PrintWriter out = out();
        if (pem) {
            out.print(Pem.encode(agent.identity().chain()));
            out.flush();
            return ExitCodes.OK;
        }
        out.println(agent.name());
        out.println("  certificate  " + agent.identity().certificate().getSubjectX500Principal().getName());
        out.println("  issued by    " + agent.identity().certificate().getIssuerX500Principal().getName());
        out.println("  fingerprint  " + agent.fingerprint());
        out.println("  address      " + agent.address());
        out.println("  home         " + agent.home());
        out.println("  notary       " + agent.config().notary() + ", certified mail " + agent.config().mail()
                + ", arbiter " + agent.config().arbiter());
        out.flush();
        return ExitCodes.OK;
    }
}
