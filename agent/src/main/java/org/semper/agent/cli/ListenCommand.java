package org.semper.agent.cli;

import java.time.Duration;
import java.util.List;

import org.semper.agent.deal.Deal;
import org.semper.agent.exchange.Deals;
import org.semper.agent.party.Agent;
import org.semper.agent.party.AgentException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "listen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs the agent's HTTP endpoint in the foreground and reports what arrives (offers, contracts "
                + "to sign, certified mail) with the command that deals with it. Ctrl-C stops it. Commands run in "
                + "another terminal meanwhile use the same inbox."})
final class ListenCommand extends AgentCommand {
    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (default: until Ctrl-C).")
    Duration duration;

    @Override
    int run(Agent agent, Deals deals) throws AgentException {
        out().println("listening at " + agent.address() + " (Ctrl-C stops)");
        out().flush();
        long end = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            List<Deal> incoming = deals.ingest();
            for (Deal deal : incoming) {
                out().println(DealsCommand.incomingLine(deal));
            }
            out().flush();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return ExitCodes.OK;
    }
}
