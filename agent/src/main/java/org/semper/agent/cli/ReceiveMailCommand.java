package org.semper.agent.cli;

import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "receive-mail", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Receives incoming certified mail: signs the receipt (EOR) and gets the key (EOK); without it "
                + "in time, resolves with the certified-mail service, which releases it."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:received", "1:not received (aborted, void, "
                + "declined)", "2:usage error", "3:stalled: the service could not be reached"})
final class ReceiveMailCommand extends AgentCommand {
    @Parameters(paramLabel = "DEAL", description = "The incoming mail (semper deals lists it).")
    String deal;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        return outcome(deals.mail().receipt(deal));
    }
}
