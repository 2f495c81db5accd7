package org.semper.agent.cli;

import org.semper.agent.exchange.Deals;
import org.semper.agent.exchange.Purchase;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deliver", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Merchant: waits for the order, sends the goods encrypted with the key escrowed with the "
                + "notary (px1), waits for the payment (px2), releases the key (px3) and captures the payment. "
                + "Without the payment in time, aborts with the notary."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:sold (directly or through the notary)",
            "1:no sale (aborted, void, declined)", "2:usage error", "3:stalled: the notary could not be reached"})
final class DeliverCommand extends AgentCommand {
    @Parameters(paramLabel = "DEAL", description = "The deal (the offer's id).")
    String deal;

    @Option(names = "--misbehave", hidden = true, description = "For demonstrations: WITHHOLD_KEY or OTHER_GOODS.")
    Purchase.Misbehaviour misbehave = Purchase.Misbehaviour.NONE;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        return outcome(deals.purchases().deliver(deal, misbehave));
    }
}
