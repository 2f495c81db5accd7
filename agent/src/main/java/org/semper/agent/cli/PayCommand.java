package org.semper.agent.cli;

import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "pay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Buyer: waits for the encrypted goods (px1), checks them against the offer and order, pays "
                + "(signs the cheque and px2), waits for the key (px3) and decrypts the goods. Without the key in "
                + "time, resolves with the notary, which releases it (or says the sale is void)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:goods received (directly or through the notary)",
            "1:no sale (aborted, void, declined)", "2:usage error", "3:stalled: the notary could not be reached "
                    + "(semper deal recover goes on)"})
final class PayCommand extends AgentCommand {
    @Parameters(paramLabel = "DEAL", description = "The deal.")
    String deal;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        return outcome(deals.purchases().pay(deal));
    }
}
