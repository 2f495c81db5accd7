package org.semper.agent.cli;

import java.util.List;

import org.semper.agent.deal.Deal;
import org.semper.agent.exchange.Deals;
import org.semper.agent.exchange.RelayInbox;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "receive-mail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Receives incoming certified mail: signs the receipt (EOR) and gets the key (EOK); without it "
                + "in time, resolves with the certified-mail service, which releases it. With --relay: collects the "
                + "mail waiting at the certified-mail service's relay (e.g. the arbiter's notices): receipt, the "
                + "service's key-released token and ContentHandover evidence, content."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:received", "1:not received (aborted, void, "
                + "declined)", "2:usage error", "3:stalled: the service could not be reached"})
final class ReceiveMailCommand extends AgentCommand {
    @Parameters(paramLabel = "DEAL", arity = "0..1", description = "The incoming mail (semper deals lists it).")
    String deal;

    @Option(names = "--relay", description = "Collect the mail waiting at the relay instead.")
    boolean relay;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        if (relay) {
            List<Deal> received = new RelayInbox(agent).collect();
            if (received.isEmpty()) {
                out().println("no mail waiting at the relay " + agent.config().mail());
            }
            for (Deal mail : received) {
                out().println("deal " + mail.id() + ": " + mail.outcome().orElse(mail.status().name()));
            }
            return ExitCodes.OK;
        }
        if (deal == null) {
            throw new AgentException("say which mail: DEAL, or --relay", "semper deals lists incoming mail");
        }
        return outcome(deals.mail().receipt(deal));
    }
}
