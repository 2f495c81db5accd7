package org.semper.agent.cli;

import org.semper.agent.deal.Deal;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "order", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Buyer: orders what an incoming offer offers (signs the order and sends it). Then 'semper pay'.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:ordered", "1:declined (by you, or the offer "
                + "names a notary you do not use, or expired)", "2:usage error", "3:the merchant could not be reached"})
final class OrderCommand extends AgentCommand {
    @Parameters(paramLabel = "DEAL", description = "The deal (its id or the first characters of it; see semper deals).")
    String deal;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        Deal ordered = deals.purchases().order(deal);
        out().println("ordered: deal " + ordered.id());
        out().println("next: semper pay " + Agent.shortId(ordered.id()));
        return outcome(ordered);
    }
}
